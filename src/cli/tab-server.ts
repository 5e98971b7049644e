import { spawn } from 'node:child_process';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import webpack from 'webpack';
import { z } from 'zod';
import { generate as generateCertificate } from 'selfsigned';
import {
  RUNTIME_CONFIG_PATH,
  tenantRuntimeConfigSchema,
  type RuntimeConfig,
  type TenantRuntimeConfig,
} from '../teams/runtime-config';

/**
 * Serves the built tab (dist/tab), its runtime configuration (/config.json) and, in local mode
 * only, the local Teams host page (dist/teams-host). Builds the tab first when the build is
 * missing or older than its sources, so a second `npm start` starts in a moment. Over http by
 * default; over https with a local certificate (`npm start -- --https`), because a real Teams
 * client loads only https tabs.
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
  /** Serve over https with this key and certificate (PEM); see `ensureLocalCertificate`. */
  tls?: { key: string; cert: string };
}

export interface TabServer {
  /** The tab, e.g. http://127.0.0.1:53000/ or, over https, https://localhost:53000/ */
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

type Scheme = 'http' | 'https';

/** Both names of the loopback server: the host page may be opened on either. */
function loopbackOrigins(port: number, scheme: Scheme): string[] {
  return [`${scheme}://127.0.0.1:${port}`, `${scheme}://localhost:${port}`];
}

export function tabContentSecurityPolicy(
  config: TabServerConfig,
  port: number,
  scheme: Scheme = 'http',
): string {
  const connect = new Set(["'self'", originOf(config.graphBaseUrl)]);
  if (config.mode === 'local') connect.add(originOf(config.emulatorUrl));
  if (config.mode === 'tenant') {
    // MSAL talks to Entra ID: tokens over fetch, silent sign-in in a hidden frame.
    connect.add(ENTRA_ID);
    // The site's own host, and only that one: Graph answers a file's content with a redirect
    // to SharePoint, and fetch follows it under connect-src.
    connect.add(`https://${config.site.hostname}`);
  }
  const ancestors =
    config.mode === 'local'
      ? ["'self'", ...loopbackOrigins(port, scheme)]
      : MICROSOFT_HOST_ANCESTORS;
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
  scheme: Scheme = 'http',
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${originOf(config.emulatorUrl)}`,
    `frame-src ${loopbackOrigins(port, scheme).join(' ')}`,
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

/** A tenant configuration the tab would refuse must not be served: say what is wrong now. */
function checkedConfig(config: TabServerConfig): TabServerConfig {
  if (config.mode !== 'tenant') return config;
  const parsed = tenantRuntimeConfigSchema.safeParse(config);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(geheel)');
    throw new Error(
      `De tenantconfiguratie voor ${RUNTIME_CONFIG_PATH} is ongeldig: ${[...new Set(fields)].join(', ')}.`,
    );
  }
  return parsed.data;
}

export async function startTabServer(options: TabServerOptions): Promise<TabServer> {
  const config = checkedConfig(options.config);
  const scheme: Scheme = options.tls ? 'https' : 'http';
  const tabDir = path.join(options.root, 'dist', 'tab');
  const hostDir = path.join(options.root, 'dist', 'teams-host');
  const local = config.mode === 'local';
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
    const tabCsp = tabContentSecurityPolicy(config, port, scheme);

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

    if (config.mode === 'local') {
      const hostCsp = teamsHostContentSecurityPolicy(config, port, scheme);
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

  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Interne fout in de tabbladserver.');
      else res.destroy();
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // The local certificate names localhost (a Teams manifest's validDomains cannot hold an IP).
  const url = options.tls ? `https://localhost:${port}/` : `http://${LOOPBACK}:${port}/`;
  const runtimeConfig: RuntimeConfig =
    config.mode === 'local' ? { ...config, tabUrl: url } : config;
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

// ── local certificate ─────────────────────────────────────────────────────────────────────

export const CERTIFICATE_DIR = path.join('.cache', 'tls');
const CERT_FILE = 'localhost.crt';
const KEY_FILE = 'localhost.key';
const CERT_VALIDITY_DAYS = 365;
/** Renew a little before expiry, so a long session never runs into it. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

export interface LocalCertificate {
  key: string;
  cert: string;
  /** Where the certificate lies, for the instructions to trust it. */
  certPath: string;
  /** SHA-256 fingerprint, as browsers and certificate stores show it. */
  fingerprint: string;
  created: boolean;
}

function usable(cert: string, key: string, now: Date): boolean {
  try {
    const x509 = new X509Certificate(cert);
    return (
      x509.checkHost('localhost') !== undefined &&
      x509.checkIP('127.0.0.1') !== undefined &&
      new Date(x509.validTo).getTime() - now.getTime() > RENEW_BEFORE_MS &&
      new Date(x509.validFrom).getTime() <= now.getTime() &&
      x509.checkPrivateKey(createPrivateKey(key))
    );
  } catch {
    return false;
  }
}

/**
 * A self-signed certificate for localhost (and 127.0.0.1, ::1) under `.cache/tls/`, made once and
 * reused, so that a browser or operating system told to trust it keeps trusting it. Remade only
 * when missing, unreadable or about to expire. The key never leaves this machine (.cache is
 * ignored by git).
 */
export async function ensureLocalCertificate(
  root: string,
  now: Date = new Date(),
): Promise<LocalCertificate> {
  const dir = path.join(root, CERTIFICATE_DIR);
  const certPath = path.join(dir, CERT_FILE);
  const keyPath = path.join(dir, KEY_FILE);
  const [cert, key] = await Promise.all([
    fs.readFile(certPath, 'utf8').catch(() => null),
    fs.readFile(keyPath, 'utf8').catch(() => null),
  ]);
  if (cert !== null && key !== null && usable(cert, key, now)) {
    return { key, cert, certPath, fingerprint: fingerprintOf(cert), created: false };
  }
  const pems = await generateCertificate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + CERT_VALIDITY_DAYS * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(keyPath, pems.private, { mode: 0o600 });
  await fs.writeFile(certPath, pems.cert);
  return {
    key: pems.private,
    cert: pems.cert,
    certPath,
    fingerprint: fingerprintOf(pems.cert),
    created: true,
  };
}

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}

/** How to make this machine trust the certificate, per platform, in Dutch. */
export function trustInstructions(certificate: LocalCertificate, root: string): string[] {
  const relative = path.relative(root, certificate.certPath) || certificate.certPath;
  return [
    `Lokaal certificaat: ${relative} (SHA-256 ${certificate.fingerprint}).`,
    'Vertrouw het één keer, anders laadt Teams het tabblad niet:',
    `  Windows:  certutil -user -addstore Root ${relative.replaceAll('/', '\\')}`,
    `  macOS:    security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${relative}`,
    `  Linux:    certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n functiewijzer-localhost -i ${relative}`,
    '            (Chrome/Edge; het pakket libnss3-tools levert certutil)',
    '  of open het adres hieronder één keer in de browser van Teams en kies Geavanceerd › Doorgaan.',
  ];
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
  /** `npm start -- --https`: serve with the local certificate. */
  https?: boolean;
}

async function tlsFor(
  root: string,
  enabled: boolean | undefined,
  log: (line: string) => void,
): Promise<TabServerOptions['tls']> {
  if (!enabled) return undefined;
  const certificate = await ensureLocalCertificate(root);
  if (certificate.created) log('Lokaal certificaat voor localhost gemaakt.');
  for (const line of trustInstructions(certificate, root)) log(line);
  return { key: certificate.key, cert: certificate.cert };
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
    tls: await tlsFor(options.root, options.https, log),
  });
  log(`Functiewijzer (tabblad):    ${server.url}`);
  log(`Lokale Teams-host:          ${server.teamsHostUrl ?? ''}`);
  if (server.teamsHostUrl) openInBrowser(server.teamsHostUrl, options.env ?? process.env);
  return server;
}

export interface TenantTabOptions {
  root: string;
  /** The validated tenant configuration (`loadTenantConfig`), as `/config.json` serves it. */
  config: TenantRuntimeConfig;
  /** TAB_ENDPOINT: where Teams will load the tab from, compared with where it is served. */
  tabEndpoint: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  https?: boolean;
}

/**
 * `npm start -- --env <name>`: the tab against the real tenant, no emulator and no local Teams
 * host. Meant for sideloading into a Teams client, so it says when TAB_ENDPOINT (which the app
 * package sends Teams to) is not the address it serves.
 */
export async function startTenantTab(options: TenantTabOptions): Promise<TabServer> {
  const { port } = readTabServerEnv(options.env ?? process.env);
  const log = options.log ?? ((line: string) => console.log(line));
  await ensureTabBuild(options.root, log);
  const server = await startTabServer({
    root: options.root,
    port,
    config: options.config,
    tls: await tlsFor(options.root, options.https, log),
  });
  log(`Functiewijzer (tabblad, tenant):  ${server.url}`);
  if (new URL(server.url).origin !== new URL(options.tabEndpoint).origin) {
    log(
      `Let op: TAB_ENDPOINT is ${options.tabEndpoint}; Teams laadt het tabblad daar, niet op ${server.url}.`,
    );
  }
  return server;
}
