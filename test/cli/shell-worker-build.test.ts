import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import webpack from 'webpack';
import { shellCacheName, type ShellManifest } from '../../src/tab/sw/shell-worker';
import { FakeWorkerScope } from '../tab/sw/fake-worker-scope';

/**
 * What `npm run build` emits for the app-shell worker (webpack.config.js, ShellWorkerPlugin):
 * sw.js precaches exactly index.html and the tab page's initial and lazy scripts of that same
 * build — by webpack's own chunk graph, read here from the build's stats — and answers no
 * config.json or other-origin request. The real production build of the tab, run once.
 */

const ORIGIN = 'https://tab.stad.example';

type Factory = (
  env: Record<string, unknown>,
  argv: { mode: 'production' | 'development' },
) => webpack.Configuration[];

function tabConfig(mode: 'production' | 'development', out: string): webpack.Configuration {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../webpack.config.js') as Factory;
  const tab = factory({}, { mode }).find((config) => config.name === 'tab');
  if (!tab) throw new Error('no tab build in webpack.config.js');
  return { ...tab, output: { ...tab.output, path: out } };
}

function run(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) =>
    webpack(config, (error, stats) => (error || !stats ? reject(error) : resolve(stats))),
  );
}

/** The scripts of the `tab` entrypoint and every chunk reachable from it as a lazy chunk. */
function pageScripts(stats: webpack.Stats): string[] {
  const json = stats.toJson({
    all: false,
    ids: true,
    chunks: true,
    chunkRelations: true,
    entrypoints: true,
  });
  const chunks = new Map((json.chunks ?? []).map((chunk) => [chunk.id, chunk]));
  const queue = [...(json.entrypoints?.['tab']?.chunks ?? [])];
  const seen = new Set<string | number>();
  const files = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const chunk = chunks.get(id);
    for (const file of chunk?.files ?? []) if (file.endsWith('.js')) files.add(`/${file}`);
    queue.push(...(chunk?.children ?? []));
  }
  return [...files].sort();
}

describe('the build’s sw.js', () => {
  let out: string;
  let stats: webpack.Stats;
  let worker: FakeWorkerScope;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'functiewijzer-sw-'));
    stats = await run(tabConfig('production', out));
    expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
    worker = new FakeWorkerScope(ORIGIN, async (url) => {
      if (url.origin !== ORIGIN) return new Response('graph');
      const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      try {
        return new Response(await readFile(path.join(out, file)));
      } catch {
        return new Response('Niet gevonden.', { status: 404 });
      }
    });
    const code = await readFile(path.join(out, 'sw.js'), 'utf8');
    const start = vm.runInThisContext(`(function (self) {\n${code}\n})`) as (self: unknown) => void;
    start(worker);
    await worker.install();
    await worker.activate();
  }, 300_000);

  afterAll(() => rm(out, { recursive: true, force: true }));

  function shellCache(): string[] {
    const names = [...worker.caches.caches.keys()].filter((name) =>
      name.startsWith('functiewijzer-shell-'),
    );
    expect(names).toHaveLength(1);
    return worker.caches.paths(names[0] ?? '') ?? [];
  }

  it('precaches exactly index.html and the initial and lazy scripts of this build', async () => {
    const expected = pageScripts(stats);
    expect(shellCache()).toEqual(['/', ...expected].sort());
    // Every script index.html loads is among them, and each is a file of this build.
    const page = await readFile(path.join(out, 'index.html'), 'utf8');
    // Minified: attribute values without quotes.
    const tags = [...page.matchAll(/<script[^>]* src="?([^" >]+)/g)].map((m) => m[1]);
    expect(tags.length).toBeGreaterThan(0);
    for (const src of tags) expect(expected).toContain(src);
    const emitted = new Set((await readdir(out)).map((file) => `/${file}`));
    for (const script of expected) expect(emitted).toContain(script);
    // Not the sign-in pages' scripts, nor the worker itself.
    expect(expected.some((script) => /auth-|\/sw\.js$/.test(script))).toBe(false);
    // The lazy views are there: a warm open that goes on to a role needs no round trip either.
    expect(expected.some((script) => /^\/role\.[0-9a-f]+\.js$/.test(script))).toBe(true);
  });

  it('names one version for this page and these scripts', () => {
    const name = [...worker.caches.caches.keys()].find((n) => n.startsWith('functiewijzer-shell-'));
    const version = name?.slice('functiewijzer-shell-'.length) ?? '';
    expect(shellCacheName({ version } as ShellManifest)).toBe(name);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers the tab page from its cache and leaves config.json and other origins alone', async () => {
    worker.fetched.length = 0;
    const page = worker.request('/?subPageId=role/deskundige-ict', 'navigate').response;
    expect(await page?.then((r) => r.text())).toBe(
      await readFile(path.join(out, 'index.html'), 'utf8'),
    );
    for (const [url, mode] of [
      ['/config.json', 'cors'],
      ['https://graph.microsoft.com/v1.0/me', 'cors'],
      ['http://127.0.0.1:53001/v1.0/sites/x/lists', 'cors'],
      ['/_emulator/token', 'cors'],
      ['/auth-redirect.html', 'navigate'],
    ] as const) {
      expect([url, worker.request(url, mode).response]).toEqual([url, null]);
    }
    expect(worker.fetched).toEqual([]);
  });

  it('a development build emits no worker', () => {
    const config = tabConfig('development', out);
    const entries = Object.keys(config.entry as Record<string, unknown>);
    expect(entries).not.toContain('sw');
    expect(config.plugins?.some((p) => p?.constructor.name === 'ShellWorkerPlugin')).toBe(false);
  });
});
