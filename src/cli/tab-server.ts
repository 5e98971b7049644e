import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import webpack from 'webpack';
import { z } from 'zod';
import { RUNTIME_CONFIG_PATH, type RuntimeConfig } from '../teams/runtime-config';

/**
 * Serves the built tab (dist/tab), its runtime configuration (/config.json) and, in local mode
 * only, the local Teams host page (dist/teams-host). Builds the tab first when the build is
 * missing or older than its sources, so a second `npm start` starts in a moment.
 */

const gzip = promisify(gzipCallback);

export const DEFAULT_TAB_PORT = 53000;
const LOOPBACK = '127.0.0.1';

const PORT_MESSAGE = 'PORT: een poortnummer van 0 tot 65535 (0 kiest een vrije poort)';

export const tabServerEnvSchema = z.object({
  PORT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: PORT_MESSAGE })
      .int(PORT_MESSAGE)
      .min(0, PORT_MESSAGE)
      .max(65535, PORT_MESSAGE)
      .default(DEFAULT_TAB_PORT),
  ),
});

/** The tab server's settings from the environment; an invalid value is named in Dutch. */
export function readTabServerEnv(env: NodeJS.ProcessEnv): { port: number } {
  const parsed = tabServerEnvSchema.safeParse({ PORT: env['PORT'] });
  if (!parsed.success) {
    throw new Error(
      `Ongeldige instelling: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return { port: parsed.data.PORT };
}

// ── build ──────────────────────────────────────────────────────────────────────────────────

/** Files outside the sources that change what webpack produces. */
const BUILD_INPUTS_ALWAYS = ['webpack.config.js', 'package-lock.json', 'tsconfig.json'];
const STAMP_FILE = '.build-stamp.json';

const stampSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), z.string()),
});

async function fileDigest(file: string): Promise<string | null> {
  try {
    return createHash('sha256')
      .update(await fs.readFile(file))
      .digest('hex');
  } catch {
    return null;
  }
}

/**
 * Up to date when every file the last build read (webpack's own list of file dependencies,
 * outside node_modules) still has the content it had. A new import can only appear by changing
 * a file that is on that list, so the list is complete.
 */
export async function isTabBuildFresh(root: string): Promise<boolean> {
  const distDir = path.join(root, 'dist');
  for (const required of ['tab/index.html', 'teams-host/teams-host.html', STAMP_FILE]) {
    if (!existsSync(path.join(distDir, required))) return false;
  }
  let stamp: z.infer<typeof stampSchema>;
  try {
    stamp = stampSchema.parse(
      JSON.parse(await fs.readFile(path.join(distDir, STAMP_FILE), 'utf8')),
    );
  } catch {
    return false;
  }
  const entries = Object.entries(stamp.files);
  const digests = await Promise.all(entries.map(([file]) => fileDigest(path.join(root, file))));
  return entries.every(([, digest], index) => digests[index] === digest);
}

type WebpackConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: 'production' | 'development' },
) => webpack.Configuration[];

function loadWebpackConfig(root: string): webpack.Configuration[] {
  // webpack.config.js is CommonJS by webpack-cli convention.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory: unknown = require(path.join(root, 'webpack.config.js'));
  if (typeof factory !== 'function') throw new Error('webpack.config.js exporteert geen functie.');
  return (factory as WebpackConfigFactory)({}, { mode: 'production' });
}

function runWebpack(configs: webpack.Configuration[]): Promise<webpack.MultiStats> {
  return new Promise((resolve, reject) => {
    webpack(configs, (error, stats) => {
      if (error) return reject(error);
      if (!stats) return reject(new Error('webpack gaf geen resultaat.'));
      if (stats.hasErrors()) {
        return reject(
          new Error(`De build van het tabblad mislukte:\n${stats.toString('errors-only')}`),
        );
      }
      resolve(stats);
    });
  });
}

/** A production build of the tab and the local Teams host, with the stamp `isTabBuildFresh` reads. */
export async function buildTab(root: string): Promise<{ ms: number }> {
  const started = performance.now();
  const stats = await runWebpack(loadWebpackConfig(root));
  const inputs = new Set<string>(BUILD_INPUTS_ALWAYS.map((file) => path.join(root, file)));
  for (const child of stats.stats) {
    for (const file of child.compilation.fileDependencies) {
      if (
        file.startsWith(root + path.sep) &&
        !file.includes(`${path.sep}node_modules${path.sep}`)
      ) {
        inputs.add(file);
      }
    }
  }
  const files: Record<string, string> = {};
  for (const file of [...inputs].sort()) {
    const digest = await fileDigest(file);
    if (digest) files[path.relative(root, file)] = digest;
  }
  await fs.writeFile(
    path.join(root, 'dist', STAMP_FILE),
    JSON.stringify({ version: 1, files }, null, 1),
  );
  return { ms: Math.round(performance.now() - started) };
}

export async function ensureTabBuild(
  root: string,
  log: (line: string) => void = () => undefined,
): Promise<{ built: boolean }> {
  if (await isTabBuildFresh(root)) return { built: false };
  log('Tabblad bouwen (webpack, productie)…');
  const { ms } = await buildTab(root);
  log(`Tabblad gebouwd in ${(ms / 1000).toFixed(1)} s.`);
  return { built: true };
}

// ── serving ────────────────────────────────────────────────────────────────────────────────

/** The configuration the server hands out, minus `tabUrl`, which it only knows once listening. */
export type TabServerConfig =
  | Omit<Extract<RuntimeConfig, { mode: 'local' }>, 'tabUrl'>
  | Extract<RuntimeConfig, { mode: 'tenant' }>;

export interface TabServerOptions {
  root: string;
  config: TabServerConfig;
  port?: number;
}

export interface TabServer {
  /** The tab, e.g. http://127.0.0.1:53000/ */
  url: string;
  /** The local Teams host page; null in tenant mode. */
  teamsHostUrl: string | null;
  port: number;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);
/** webpack's [contenthash]: such a file never changes, so browsers may keep it for a year. */
const HASHED_ASSET = /\.[0-9a-f]{16,}\.(?:js|css|woff2|png|svg)$/;

/** Where Microsoft 365 frames a Teams tab (Teams, Outlook and the Microsoft 365 app). */
const MICROSOFT_HOST_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
];

const ENTRA_ID = 'https://login.microsoftonline.com';

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Both names of the loopback server: the host page may be opened on either. */
function loopbackOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function tabContentSecurityPolicy(config: TabServerConfig, port: number): string {
  const connect = new Set(["'self'", originOf(config.graphBaseUrl)]);
  if (config.mode === 'local') connect.add(originOf(config.emulatorUrl));
  // MSAL talks to Entra ID: tokens over fetch, silent sign-in in a hidden frame.
  if (config.mode === 'tenant') connect.add(ENTRA_ID);
  const ancestors =
    config.mode === 'local' ? ["'self'", ...loopbackOrigins(port)] : MICROSOFT_HOST_ANCESTORS;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its generated rules as <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    ...(config.mode === 'tenant' ? [`frame-src ${ENTRA_ID}`] : []),
    `frame-ancestors ${ancestors.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function teamsHostContentSecurityPolicy(
  config: Extract<TabServerConfig, { mode: 'local' }>,
  port: number,
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${originOf(config.emulatorUrl)}`,
    `frame-src ${loopbackOrigins(port).join(' ')}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

interface CachedFile {
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
}

export async function startTabServer(options: TabServerOptions): Promise<TabServer> {
  const tabDir = path.join(options.root, 'dist', 'tab');
  const hostDir = path.join(options.root, 'dist', 'teams-host');
  const local = options.config.mode === 'local';
  const cache = new Map<string, CachedFile>();
  let port = options.port ?? DEFAULT_TAB_PORT;
  let configBody = Buffer.from('{}');

  async function readCached(file: string): Promise<CachedFile | null> {
    const hit = cache.get(file);
    if (hit) return hit;
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      return null;
    }
    const extension = path.extname(file);
    const gzipped = COMPRESSIBLE.has(extension) && body.length > 512 ? await gzip(body) : null;
    const entry = {
      body,
      gzipped,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    // Only content-hashed files are immutable; index.html changes with every build.
    if (HASHED_ASSET.test(file)) cache.set(file, entry);
    return entry;
  }

  /** Resolves a URL path inside `dir`, refusing anything that would step outside it. */
  function inside(dir: string, urlPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const file = path.resolve(dir, `.${path.posix.normalize(decoded)}`);
    return file.startsWith(dir + path.sep) ? file : null;
  }

  function securityHeaders(res: http.ServerResponse, csp: string): void {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  }

  async function sendFile(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    file: string,
    csp: string,
  ): Promise<boolean> {
    const entry = await readCached(file);
    if (!entry) return false;
    const extension = path.extname(file);
    securityHeaders(res, csp);
    res.setHeader('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    res.setHeader(
      'Cache-Control',
      HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    res.setHeader('ETag', entry.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304).end();
      return true;
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = acceptsGzip && entry.gzipped ? entry.gzipped : entry.body;
    if (body === entry.gzipped) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.writeHead(200).end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  function sendText(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Alleen GET en HEAD worden ondersteund.');
    }
    const { pathname } = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    const tabCsp = tabContentSecurityPolicy(options.config, port);

    if (pathname === '/favicon.ico') {
      // Teams shows the manifest's icons; a browser tab needs none, and a 404 is only noise.
      res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' }).end();
      return;
    }

    if (pathname === RUNTIME_CONFIG_PATH) {
      securityHeaders(res, tabCsp);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES['.json'],
        'Cache-Control': 'no-store',
        'Content-Length': configBody.length,
      });
      res.end(req.method === 'HEAD' ? undefined : configBody);
      return;
    }

    if (local && options.config.mode === 'local') {
      const hostCsp = teamsHostContentSecurityPolicy(options.config, port);
      if (pathname === '/teams-host.html' || pathname === '/teams-host') {
        if (await sendFile(req, res, path.join(hostDir, 'teams-host.html'), hostCsp)) return;
      } else if (/^\/teams-host\.[^/]+\.js$/.test(pathname)) {
        const file = inside(hostDir, pathname);
        if (file && (await sendFile(req, res, file, hostCsp))) return;
      }
    }

    if (pathname !== '/' && pathname !== '/index.html') {
      const file = inside(tabDir, pathname);
      if (
        file &&
        path.basename(file) !== 'index.html' &&
        (await sendFile(req, res, file, tabCsp))
      ) {
        return;
      }
      // A file-like path that does not exist is a real 404; anything else is a route of the tab.
      if (path.posix.extname(pathname) !== '') return sendText(res, 404, 'Niet gevonden.');
    }
    if (await sendFile(req, res, path.join(tabDir, 'index.html'), tabCsp)) return;
    sendText(res, 503, 'Het tabblad is nog niet gebouwd. Start `npm start` opnieuw.');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Interne fout in de tabbladserver.');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}/`;
  const runtimeConfig: RuntimeConfig =
    options.config.mode === 'local' ? { ...options.config, tabUrl: url } : options.config;
  configBody = Buffer.from(JSON.stringify(runtimeConfig));

  return {
    url,
    teamsHostUrl: local ? `${url}teams-host.html` : null,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ── npm start glue ─────────────────────────────────────────────────────────────────────────

/**
 * Opens `url` in the desktop browser, only where a person is sitting: never with CI set, never
 * without a terminal, never on a Linux machine without a display.
 */
export interface OpenBrowserOptions {
  isTTY?: boolean;
  platform?: NodeJS.Platform;
  spawn?: (
    program: string,
    args: string[],
  ) => { on(event: 'error', listener: () => void): unknown; unref(): void };
}

export function openInBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenBrowserOptions = {},
): boolean {
  const isTTY = options.isTTY ?? process.stdout.isTTY === true;
  if (env.CI || env.BROWSER === 'none' || !isTTY) return false;
  const platform = options.platform ?? process.platform;
  const command =
    platform === 'darwin'
      ? ['open', url]
      : platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : env.DISPLAY || env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : null;
  if (!command) return false;
  const [program, ...args] = command as [string, ...string[]];
  const launch =
    options.spawn ??
    ((file: string, argv: string[]) => spawn(file, argv, { detached: true, stdio: 'ignore' }));
  const child = launch(program, args);
  child.on('error', () => undefined);
  child.unref();
  return true;
}

export interface LocalTabOptions {
  root: string;
  /** The emulator's root URL, e.g. http://127.0.0.1:53001 */
  emulatorUrl: string;
  /** The site the local stack provisioned the lists on. */
  site: { hostname: string; path: string };
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * What `npm start` does for the tab in local mode: build if needed, serve on PORT (default
 * 53000), print the URLs, and open the local Teams host unless CI is set.
 */
export async function startLocalTab(options: LocalTabOptions): Promise<TabServer> {
  const { port } = readTabServerEnv(options.env ?? process.env);
  const log = options.log ?? ((line: string) => console.log(line));
  await ensureTabBuild(options.root, log);
  const emulatorUrl = options.emulatorUrl.replace(/\/+$/, '');
  const server = await startTabServer({
    root: options.root,
    port,
    config: { mode: 'local', emulatorUrl, graphBaseUrl: `${emulatorUrl}/v1.0`, site: options.site },
  });
  log(`Functiewijzer (tabblad):    ${server.url}`);
  log(`Lokale Teams-host:          ${server.teamsHostUrl ?? ''}`);
  if (server.teamsHostUrl) openInBrowser(server.teamsHostUrl, options.env ?? process.env);
  return server;
}
