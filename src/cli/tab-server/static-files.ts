import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

/**
 * Answers for the built files: content types, gzip, ETags, and a year of browser caching for
 * webpack's content-hashed assets (index.html changes with every build, so it is revalidated).
 */

const gzip = promisify(gzipCallback);

export const CONTENT_TYPES: Record<string, string> = {
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

interface CachedFile {
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
}

/** Resolves a URL path inside `dir`, refusing anything that would step outside it. */
export function inside(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(dir, `.${path.posix.normalize(decoded)}`);
  return file.startsWith(dir + path.sep) ? file : null;
}

/**
 * The headers every answer of the tab carries, and its caching rules: the local server sends
 * them, and `npm run build` writes the same into staticwebapp.config.json for Azure Static Web
 * Apps (src/cli/static-web-app.ts), so hosting cannot drift from what is tested here.
 */
export function securityHeaderValues(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
}

export const CACHE_CONTROL = {
  /** webpack's content-hashed files never change. */
  hashed: 'public, max-age=31536000, immutable',
  /** index.html and the other pages: revalidated, they change with every build. */
  page: 'no-cache',
  /** /config.json: per environment, never cached. */
  runtimeConfig: 'no-store',
  /**
   * /sw.js, the app-shell worker: revalidated on every update check, so a new build is found
   * at the next open (browsers cap a worker's HTTP caching at 24 h; this makes it none).
   */
  shellWorker: 'no-cache',
} as const;

/** The app-shell service worker's fixed URL (src/tab/sw/register.ts, webpack.config.js). */
export const SHELL_WORKER_PATH = '/sw.js';

export function securityHeaders(res: http.ServerResponse, csp: string): void {
  for (const [name, value] of Object.entries(securityHeaderValues(csp))) res.setHeader(name, value);
}

export function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export type SendFile = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  csp: string,
) => Promise<boolean>;

/**
 * A file sender with its own cache of the immutable (content-hashed) files, one per server.
 * It answers false, sending nothing, when the file cannot be read.
 */
export function createFileSender(): SendFile {
  const cache = new Map<string, CachedFile>();

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

  return async (req, res, file, csp) => {
    const entry = await readCached(file);
    if (!entry) return false;
    const extension = path.extname(file);
    securityHeaders(res, csp);
    res.setHeader('Content-Type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    res.setHeader(
      'Cache-Control',
      HASHED_ASSET.test(file) ? CACHE_CONTROL.hashed : CACHE_CONTROL.page,
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
  };
}
