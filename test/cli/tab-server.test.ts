import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_TAB_PORT,
  ensureTabBuild,
  isTabBuildFresh,
  openInBrowser,
  readTabServerEnv,
  startTabServer,
  type TabServer,
} from '../../src/cli/tab-server';

const projectModules = path.resolve(__dirname, '../../node_modules');
const HASHED = 'tab.0123456789abcdef0123.js';

async function fixtureDist(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'tab-server-'));
  await mkdir(path.join(root, 'dist/tab'), { recursive: true });
  await mkdir(path.join(root, 'dist/teams-host'), { recursive: true });
  await writeFile(
    path.join(root, 'dist/tab/index.html'),
    '<!doctype html><title>Functiewijzer</title>',
  );
  await writeFile(
    path.join(root, 'dist/tab', HASHED),
    `console.log(${JSON.stringify('x'.repeat(4000))});`,
  );
  await writeFile(path.join(root, 'dist/tab/sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(
    path.join(root, 'dist/teams-host/teams-host.html'),
    '<title>Lokale Teams-host</title>',
  );
  // Outside dist: must never be served.
  await writeFile(path.join(root, 'package.json'), '{"name":"geheim"}');
  return root;
}

const local = {
  mode: 'local' as const,
  graphBaseUrl: 'http://127.0.0.1:53001/v1.0',
  emulatorUrl: 'http://127.0.0.1:53001',
  site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
};

describe('tab server', () => {
  let root: string;
  let server: TabServer;

  beforeAll(async () => {
    root = await fixtureDist();
    server = await startTabServer({ root, config: local, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('listens on loopback and reports its URLs', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.teamsHostUrl).toBe(`http://127.0.0.1:${server.port}/teams-host.html`);
  });

  it('serves the tab with a CSP that allows no inline script and only Graph to connect to', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Functiewijzer');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:53001");
    expect(csp).toContain(
      `frame-ancestors 'self' http://127.0.0.1:${server.port} http://localhost:${server.port}`,
    );
  });

  it('hands out the runtime config with the tab URL it listens on', async () => {
    const response = await fetch(`${server.url}config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ...local, tabUrl: server.url });
  });

  it('serves content-hashed assets for a year, compressed', async () => {
    const response = await fetch(`${server.url}${HASHED}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    // fetch decompresses transparently; the encoding header shows it travelled compressed.
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('xxxx');

    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}${HASHED}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the app-shell worker revalidated, as JavaScript, under the tab’s CSP', async () => {
    const response = await fetch(`${server.url}sw.js`);
    expect(response.status).toBe(200);
    // Without revalidation a browser could keep checking an old sw.js and never see a build.
    expect(response.headers.get('cache-control')).toBe('no-cache');
    // A service worker script must have a JavaScript MIME type, or registration fails.
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe((await fetch(server.url)).headers.get('content-security-policy'));
    // The tab's page may register it: workers fall back to script-src, which is the tab itself.
    expect(csp).not.toMatch(/worker-src/);
    expect(csp).toContain("script-src 'self';");
  });

  it('serves a different sw.js when the tab’s CSP differs, so the cached page is fetched again', async () => {
    const body = await (await fetch(`${server.url}sw.js`)).text();
    expect(body.startsWith('self.addEventListener("fetch", () => {});')).toBe(true);
    expect(await (await fetch(`${server.url}sw.js`)).text()).toBe(body);
    // Another emulator port: connect-src differs, and the page the worker cached says the old one.
    const moved = await startTabServer({
      root,
      config: {
        ...local,
        emulatorUrl: 'http://127.0.0.1:53999',
        graphBaseUrl: 'http://127.0.0.1:53999/v1.0',
      },
      port: 0,
    });
    try {
      expect(await (await fetch(`${moved.url}sw.js`)).text()).not.toBe(body);
    } finally {
      await moved.close();
    }
  });

  it('serves the local Teams host page with its own CSP', async () => {
    const response = await fetch(`${server.url}teams-host.html`);
    expect(await response.text()).toContain('Lokale Teams-host');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-src http://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('answers a tab route with the tab and a missing file with 404', async () => {
    const route = await fetch(`${server.url}rol/deskundige-ict`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Functiewijzer');
    expect((await fetch(`${server.url}missing.0123456789abcdef0123.js`)).status).toBe(404);
  });

  it('never serves a file outside dist', async () => {
    for (const attempt of [
      '..%2Fpackage.json',
      '%2e%2e/%2e%2e/etc/passwd',
      '..%5c..%5cpackage.json',
    ]) {
      const response = await fetch(`${server.url}${attempt}`);
      expect(await response.text()).not.toMatch(/root:|geheim/);
    }
  });

  it('accepts only GET and HEAD', async () => {
    const response = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    const head = await fetch(`${server.url}${HASHED}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('in tenant mode serves no Teams host and trusts only Microsoft hosts to frame the tab', async () => {
    const tenant = await startTabServer({
      root,
      port: 0,
      config: {
        mode: 'tenant',
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        clientId: 'c',
        tenantId: 't',
        teamsAppId: 'a',
        site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
        approvals: { teamId: 'team', channelId: '19:kanaal@thread.tacv2' },
        groups: { hr: 'hr', approvers: 'goedkeurders' },
      },
    });
    try {
      expect(tenant.teamsHostUrl).toBeNull();
      const host = await fetch(`${tenant.url}teams-host.html`);
      expect(await host.text()).not.toContain('Lokale Teams-host');
      const csp = (await fetch(tenant.url)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain(
        "connect-src 'self' https://graph.microsoft.com https://login.microsoftonline.com https://stad.example;",
      );
      expect(csp).toContain('frame-ancestors https://teams.microsoft.com');
      expect(csp).toContain('frame-src https://login.microsoftonline.com');
      expect(csp).not.toContain('127.0.0.1');
    } finally {
      await tenant.close();
    }
  });
});

describe('ensureTabBuild', () => {
  it('builds when missing, skips when fresh, rebuilds when a source changes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tab-build-'));
    try {
      await mkdir(path.join(root, 'src'), { recursive: true });
      await writeFile(path.join(root, 'src/message.js'), "export const message = 'eerste';\n");
      await writeFile(
        path.join(root, 'src/index.js'),
        "import { message } from './message';\ndocument.title = message;\n",
      );
      await writeFile(path.join(root, 'src/host.js'), 'document.title = "host";\n');
      await writeFile(path.join(root, 'package-lock.json'), '{}');
      // A webpack config with the project's shape (tab + teams host), without TypeScript.
      await writeFile(
        path.join(root, 'webpack.config.js'),
        `const path = require('path');
const Html = require(${JSON.stringify(path.join(projectModules, 'html-webpack-plugin'))});
module.exports = (_env, argv) => [
  { mode: argv.mode, entry: './src/index.js', context: __dirname,
    output: { path: path.join(__dirname, 'dist/tab'), filename: '[name].[contenthash].js', clean: true },
    plugins: [new Html()] },
  { mode: argv.mode, entry: './src/host.js', context: __dirname,
    output: { path: path.join(__dirname, 'dist/teams-host'), filename: '[name].[contenthash].js', clean: true },
    plugins: [new Html({ filename: 'teams-host.html' })] },
];
`,
      );
      expect(await isTabBuildFresh(root)).toBe(false);
      expect(await ensureTabBuild(root)).toEqual({ built: true });
      const firstHtml = await readFile(path.join(root, 'dist/tab/index.html'), 'utf8');
      expect(firstHtml).toMatch(/main\.[0-9a-f]+\.js/);

      expect(await ensureTabBuild(root)).toEqual({ built: false });

      await writeFile(path.join(root, 'src/message.js'), "export const message = 'tweede';\n");
      expect(await isTabBuildFresh(root)).toBe(false);
      expect(await ensureTabBuild(root)).toEqual({ built: true });
      expect(await readFile(path.join(root, 'dist/tab/index.html'), 'utf8')).not.toBe(firstHtml);
      expect(await isTabBuildFresh(root)).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('npm start settings for the tab', () => {
  it('honours PORT, defaults to 53000 and names a wrong value in Dutch', () => {
    expect(readTabServerEnv({ PORT: '53100' })).toEqual({ port: 53100 });
    expect(readTabServerEnv({ PORT: '0' })).toEqual({ port: 0 });
    expect(readTabServerEnv({})).toEqual({ port: DEFAULT_TAB_PORT });
    expect(readTabServerEnv({ PORT: '' })).toEqual({ port: 53000 });
    for (const wrong of ['tab', '70000', '-1', '80.5']) {
      expect(() => readTabServerEnv({ PORT: wrong })).toThrow(
        /PORT: een poortnummer van 0 tot 65535/,
      );
    }
  });

  it('opens the host on a desktop, but never when CI is set', () => {
    const launched: string[][] = [];
    const spawn = (program: string, args: string[]) => {
      launched.push([program, ...args]);
      return { on: () => undefined, unref: () => undefined };
    };
    const desktop = { isTTY: true, platform: 'linux' as const, spawn };
    const url = 'http://127.0.0.1:53000/teams-host.html';
    expect(openInBrowser(url, { CI: 'true', DISPLAY: ':0' }, desktop)).toBe(false);
    expect(openInBrowser(url, { CI: '1', DISPLAY: ':0' }, desktop)).toBe(false);
    expect(openInBrowser(url, { DISPLAY: ':0', BROWSER: 'none' }, desktop)).toBe(false);
    expect(openInBrowser(url, { DISPLAY: ':0' }, { ...desktop, isTTY: false })).toBe(false);
    expect(openInBrowser(url, {}, desktop)).toBe(false);
    expect(launched).toEqual([]);
    expect(openInBrowser(url, { DISPLAY: ':0' }, desktop)).toBe(true);
    expect(launched).toEqual([['xdg-open', url]]);
  });
});
