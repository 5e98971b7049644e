import { createHash } from 'node:crypto';
import {
  installShellWorker,
  shellCacheName,
  type ShellManifest,
} from '../../../src/tab/sw/shell-worker';
import { FakeWorkerScope } from './fake-worker-scope';

/**
 * The app-shell worker's rules (src/tab/sw/shell-worker.ts): which requests it answers, that
 * one build's page and scripts are cached together or not at all, and how an update takes over.
 * What a real build emits is test/cli/shell-worker-build.test.ts.
 */

const ORIGIN = 'https://tab.stad.example';

interface Build {
  page: string;
  scripts: Record<string, string>;
  manifest: ShellManifest;
}

function build(tag: string): Build {
  const scripts = {
    [`/runtime.${tag.repeat(16).slice(0, 16)}.js`]: `runtime ${tag}`,
    [`/tab.${tag.repeat(20).slice(0, 20)}.js`]: `tab ${tag}`,
    [`/role.${tag.repeat(20).slice(0, 20)}.js`]: `role ${tag}`,
  };
  const page = `<!doctype html><title>Functiewijzer ${tag}</title>`;
  const pageDigest = createHash('sha256').update(page).digest('hex');
  return {
    page,
    scripts,
    manifest: {
      version: createHash('sha256').update(tag).digest('hex').slice(0, 16),
      pageDigest,
      scripts: Object.keys(scripts).sort(),
    },
  };
}

/** A server that deploys builds: what it answers is the deployed one. */
function server(initial: Build) {
  let deployed = initial;
  const answer = (url: URL): Response => {
    if (url.origin !== ORIGIN) return new Response('graph', { status: 200 });
    if (url.pathname === '/' || url.pathname === '/index.html')
      return new Response(deployed.page, { headers: { 'Content-Type': 'text/html' } });
    if (url.pathname === '/config.json') return new Response('{"mode":"local"}');
    const script = deployed.scripts[url.pathname];
    return script === undefined
      ? new Response('Niet gevonden.', { status: 404 })
      : new Response(script);
  };
  return {
    answer,
    deploy: (next: Build) => void (deployed = next),
  };
}

async function text(response: Promise<Response> | null): Promise<string | null> {
  return response === null ? null : (await response).text();
}

describe('the app-shell worker', () => {
  const a = build('a');
  const b = build('b');

  it('caches the page and every script of its build, then takes over', async () => {
    const host = server(a);
    const worker = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(worker.scope, a.manifest);
    await worker.install();
    expect(worker.caches.paths(shellCacheName(a.manifest))).toEqual(
      ['/', ...a.manifest.scripts].sort(),
    );
    expect(worker.skippedWaiting).toBe(true);
  });

  it('answers the tab page (any query) and its scripts from the cache, without the network', async () => {
    const host = server(a);
    const worker = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(worker.scope, a.manifest);
    await worker.install();
    await worker.activate();
    worker.fetched.length = 0;

    expect(await text(worker.request('/', 'navigate').response)).toBe(a.page);
    expect(await text(worker.request('/?subPageId=role/x', 'navigate').response)).toBe(a.page);
    expect(await text(worker.request('/index.html?configuratie', 'navigate').response)).toBe(
      a.page,
    );
    const script = a.manifest.scripts[0] ?? '';
    expect(await text(worker.request(script).response)).toBe(a.scripts[script]);
    expect(worker.fetched).toEqual([]);
  });

  it('leaves config.json, Graph, the emulator, the sign-in pages and the Teams host to the browser', async () => {
    const worker = new FakeWorkerScope(ORIGIN, server(a).answer);
    installShellWorker(worker.scope, a.manifest);
    await worker.install();
    for (const [url, mode] of [
      ['/config.json', 'cors'],
      ['/config.json', 'no-cors'],
      ['https://graph.microsoft.com/v1.0/me', 'cors'],
      ['http://127.0.0.1:53001/v1.0/me', 'cors'],
      ['/_emulator/token', 'cors'],
      ['/auth-redirect.html', 'navigate'],
      ['/auth-teams.html', 'navigate'],
      ['/teams-host.html', 'navigate'],
      ['/teams-host.0123456789abcdef0123.js', 'no-cors'],
      ['/sw.js', 'same-origin'],
      // Another origin's page and scripts, even by this build's names.
      [`https://elders.example${a.manifest.scripts[0] ?? ''}`, 'no-cors'],
      ['https://elders.example/', 'navigate'],
    ] as const) {
      expect([url, worker.request(url, mode).response]).toEqual([url, null]);
    }
    // Only GET: a write is never answered from a cache.
    expect(worker.request(a.manifest.scripts[0] ?? '', 'cors', 'POST').response).toBeNull();
  });

  it('refuses a page of another build, so no cache mixes builds', async () => {
    // A deploy between fetching sw.js (build a) and fetching the page (already b).
    const host = server(b);
    const worker = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(worker.scope, a.manifest);
    await expect(worker.install()).rejects.toThrow(/not the page of build/);
    expect(worker.caches.paths(shellCacheName(a.manifest))).toBeNull();
    expect(worker.skippedWaiting).toBe(false);
  });

  it('fails the install when one of its scripts is missing, and leaves no half cache', async () => {
    const host = server({ ...a, scripts: { [a.manifest.scripts[0] ?? '']: 'only one' } });
    const worker = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(worker.scope, a.manifest);
    await expect(worker.install()).rejects.toThrow(/404/);
    expect(worker.caches.paths(shellCacheName(a.manifest))).toBeNull();
  });

  it('after an update, serves the new page, and a page of the old build still gets its own scripts', async () => {
    const host = server(a);
    const first = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(first.scope, a.manifest);
    await first.install();
    await first.activate();

    // Build b is deployed: the old build's files are gone from the server.
    host.deploy(b);
    const second = new FakeWorkerScope(ORIGIN, host.answer);
    // The same origin's storage.
    Object.assign(second, { caches: first.caches });
    installShellWorker(second.scope, b.manifest);
    await second.install();
    await second.activate();

    expect(await text(second.request('/', 'navigate').response)).toBe(b.page);
    const oldLazy = a.manifest.scripts.find((s) => s.startsWith('/role.')) ?? '';
    expect(await text(second.request(oldLazy).response)).toBe(a.scripts[oldLazy]);

    // A third build drops a's cache: only the current build and the one before it are kept.
    const c = build('c');
    host.deploy(c);
    const third = new FakeWorkerScope(ORIGIN, host.answer);
    Object.assign(third, { caches: first.caches });
    installShellWorker(third.scope, c.manifest);
    await third.install();
    await third.activate();
    expect(first.caches.paths(shellCacheName(a.manifest))).toBeNull();
    expect(first.caches.paths(shellCacheName(b.manifest))).not.toBeNull();
    expect(third.request(oldLazy).response).toBeNull();
  });

  it('falls back to the network when the cache has been evicted', async () => {
    const host = server(a);
    const worker = new FakeWorkerScope(ORIGIN, host.answer);
    installShellWorker(worker.scope, a.manifest);
    await worker.install();
    await worker.caches.delete(shellCacheName(a.manifest));
    expect(await text(worker.request('/?subPageId=x', 'navigate').response)).toBe(a.page);
    expect(worker.fetched.at(-1)).toBe('/');
  });
});
