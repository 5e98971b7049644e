import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RUNTIME_CONFIG_PATH, type RuntimeConfig } from '../../teams/runtime-config';
import {
  checkedConfig,
  DEFAULT_TAB_PORT,
  LOOPBACK,
  type Scheme,
  type TabServerConfig,
} from './config';
import { tabContentSecurityPolicy, teamsHostContentSecurityPolicy } from './csp';
import {
  CACHE_CONTROL,
  CONTENT_TYPES,
  createFileSender,
  inside,
  securityHeaders,
  sendText,
  SHELL_WORKER_PATH,
} from './static-files';

/**
 * Serves the built tab (dist/tab), its runtime configuration (/config.json) and, in local mode
 * only, the local Teams host page (dist/teams-host). Over http by default; over https with a
 * local certificate (tls.ts), because a real Teams client loads only https tabs.
 */

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

export async function startTabServer(options: TabServerOptions): Promise<TabServer> {
  const config = checkedConfig(options.config);
  const scheme: Scheme = options.tls ? 'https' : 'http';
  const tabDir = path.join(options.root, 'dist', 'tab');
  const hostDir = path.join(options.root, 'dist', 'teams-host');
  const local = config.mode === 'local';
  const sendFile = createFileSender();
  let port = options.port ?? DEFAULT_TAB_PORT;
  let configBody = Buffer.from('{}');

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

    if (pathname === SHELL_WORKER_PATH) {
      let worker: Buffer;
      try {
        worker = await fs.readFile(path.join(tabDir, 'sw.js'));
      } catch {
        // A development build has no worker.
        return sendText(res, 404, 'Niet gevonden.');
      }
      // The worker caches the page with this server's headers, CSP included (connect-src names
      // the emulator's port or the tenant's hosts): a different policy must read as a new
      // sw.js, or the old page would be served with it until the next build.
      const body = Buffer.concat([
        worker,
        Buffer.from(
          `\n/* tab CSP ${createHash('sha256').update(tabCsp).digest('hex').slice(0, 16)} */\n`,
        ),
      ]);
      securityHeaders(res, tabCsp);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES['.js'],
        'Cache-Control': CACHE_CONTROL.shellWorker,
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
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
