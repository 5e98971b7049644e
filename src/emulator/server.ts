import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { control } from './control';
import { EmulatorCore } from './core';
import { GraphError, errorBody } from './graph-error';
import type { GraphResponse } from './router';
import { handleSharePointRest, sharePointRestPath } from './routes/sharepoint-rest';
import { type ThrottlingOptions, throttlingFromEnv } from './throttling';

/**
 * The local Microsoft Graph emulator over HTTP (DESIGN §7): `/v1.0` answers like Graph, the
 * control API lives beside it under `/_emulator`, both on loopback only. CORS follows what
 * Graph answers a browser on another origin, including what it does not expose (Retry-After).
 */

export type EmulatorOptions = {
  /** 0 = a free port chosen by the system. */
  port?: number;
  dataDir: string;
  host?: '127.0.0.1';
  quiet?: boolean;
  /** Test hook: the emulator's clock in milliseconds (tokens, created/modified times). */
  now?: () => number;
  /**
   * SharePoint-shaped throttling; null: none. Absent: as the environment says
   * (`EMULATOR_THROTTLING=sharepoint`, `EMULATOR_RU_PER_MINUTE`).
   */
  throttling?: ThrottlingOptions | null;
};

export type RunningEmulator = {
  /** e.g. http://127.0.0.1:53001 */
  url: string;
  /** url + '/v1.0' */
  graphBaseUrl: string;
  close(): Promise<void>;
};

/** Graph's own answer to a large request: 4 MB is also the `$batch` payload limit. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'if-match',
  'if-none-match',
  'prefer',
  'client-request-id',
  'return-client-request-id',
  'sdkversion',
  'consistencylevel',
];

/** What Graph lets a browser read; Retry-After is deliberately absent, as in Graph. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Preference-Applied',
  'Content-Range',
  'request-id',
  'client-request-id',
  'ReadWriteConsistencyToken',
  'SdkVersion',
  'WWW-Authenticate',
  'x-ms-ags-diagnostic',
];

const GRAPH_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

class PayloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PayloadError(413, 'The request payload is larger than 4 MB.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(
          new PayloadError(
            400,
            'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
          ),
        );
      }
    });
  });
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
    Vary: 'Origin',
  };
}

/**
 * Bodies smaller than this go out as they are: compressing a few hundred bytes saves nothing on
 * the wire and costs time at both ends (Graph answers small bodies uncompressed too).
 */
export const MIN_COMPRESSED_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type ContentCoding = 'br' | 'gzip';

/**
 * The coding to answer with, from the request's `Accept-Encoding` (RFC 9110 §12.5.3: q-values,
 * `*`, `q=0` refuses): brotli before gzip when both are acceptable, as CDNs in front of Microsoft
 * services prefer it; null for identity. Node's fetch (undici) asks `gzip, deflate` over plain
 * http and adds `br` over https; Chromium asks `gzip, deflate, br, zstd`.
 */
export function contentCodingFor(acceptEncoding: string | undefined): ContentCoding | null {
  if (acceptEncoding === undefined) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (coding: ContentCoding): boolean => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function compress(text: string, coding: ContentCoding): Promise<Buffer> {
  // Middle settings, as a server compressing every dynamic answer on the fly uses: brotli's
  // maximum (11) takes seconds for a 10 MB catalogue, gzip 9 gains little over 6.
  return coding === 'br'
    ? brotliAsync(text, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
        },
      })
    : gzipAsync(text, { level: 6 });
}

async function send(
  res: ServerResponse,
  response: GraphResponse,
  extra: Record<string, string>,
  acceptEncoding?: string,
): Promise<void> {
  const headers: Record<string, string> = { ...extra, ...(response.headers ?? {}) };
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  // SharePoint REST answers carry their own (odata=nometadata) content type.
  headers['Content-Type'] = response.headers?.['Content-Type'] ?? GRAPH_CONTENT_TYPE;
  // The answer depends on Accept-Encoding, so a cache must key on it (RFC 9110 §12.5.5), next to
  // the Origin that CORS already varies on.
  headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Accept-Encoding` : 'Accept-Encoding';
  const size = Buffer.byteLength(text);
  const coding = size >= MIN_COMPRESSED_BYTES ? contentCodingFor(acceptEncoding) : null;
  if (coding === null) {
    headers['Content-Length'] = String(size);
    res.writeHead(response.status, headers);
    res.end(text);
    return;
  }
  const body = await compress(text, coding);
  headers['Content-Encoding'] = coding;
  headers['Content-Length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}

function errorResponse(
  err: GraphError,
  clientRequestId: string | undefined,
  now: number,
): GraphResponse {
  const requestId = randomUUID();
  return {
    status: err.status,
    headers: { 'request-id': requestId, ...err.headers },
    body: errorBody(err, {
      requestId,
      clientRequestId: clientRequestId ?? randomUUID(),
      date: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }),
  };
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const throttling =
    opts.throttling === undefined ? throttlingFromEnv(process.env) : opts.throttling;
  const core = new EmulatorCore({
    dataDir: opts.dataDir,
    ...(opts.now ? { now: opts.now } : {}),
    throttling,
  });
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const cors = corsHeaders(req);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
    const headers = lowerHeaders(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const reply = (response: GraphResponse): Promise<void> =>
      send(res, response, cors, headers['accept-encoding']);

    if (!isLoopback(req.socket.remoteAddress)) {
      await reply(
        errorResponse(
          new GraphError(403, 'accessDenied', 'The emulator answers loopback clients only.'),
          undefined,
          core.now(),
        ),
      );
      return;
    }
    if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
        'Access-Control-Max-Age': '3600',
      });
      res.end();
      return;
    }

    let body: unknown;
    try {
      body =
        method === 'GET' || method === 'DELETE' || method === 'HEAD'
          ? undefined
          : await readBody(req);
    } catch (err) {
      const graphErr =
        err instanceof PayloadError
          ? new GraphError(
              err.status,
              err.status === 413 ? 'RequestEntityTooLarge' : 'BadRequest',
              err.message,
            )
          : new GraphError(400, 'BadRequest', 'The request body could not be read.');
      await reply(errorResponse(graphErr, headers['client-request-id'], core.now()));
      return;
    }

    const sharePoint = sharePointRestPath(rawPath);
    if (sharePoint) {
      await reply(await handleSharePointRest(core, { method, ...sharePoint, query, headers, body }));
      return;
    }

    if (rawPath === '/v1.0' || rawPath.startsWith('/v1.0/')) {
      const result = await core.dispatch({
        method,
        path: rawPath.slice('/v1.0'.length) || '/',
        query,
        headers,
        body,
      });
      if (result === 'drop') {
        req.socket.destroy();
        return;
      }
      await reply(result);
      return;
    }

    if (rawPath.startsWith('/_emulator/')) {
      const segments = rawPath
        .slice('/_emulator/'.length)
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
      try {
        await reply(await control(core, method, segments, body, headers['authorization']));
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        await reply(errorResponse(err, headers['client-request-id'], core.now()));
      }
      return;
    }

    if (rawPath.startsWith('/beta')) {
      await reply(
        errorResponse(
          new GraphError(400, 'BadRequest', 'The emulator serves v1.0 only; use /v1.0.'),
          undefined,
          core.now(),
        ),
      );
      return;
    }
    await reply(
      errorResponse(
        new GraphError(
          404,
          'NotFound',
          `Nothing here: ${rawPath}. Graph is under /v1.0, the emulator's control API under /_emulator.`,
        ),
        undefined,
        core.now(),
      ),
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[emulator] interne fout', err);
      if (!res.headersSent) {
        void send(
          res,
          errorResponse(
            new GraphError(500, 'generalException', 'General exception while processing'),
            undefined,
            Date.now(),
          ),
          {},
        );
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  core.origin = url;
  if (!opts.quiet)
    console.log(`[emulator] Graph-emulator luistert op ${url}/v1.0 (gegevens in ${opts.dataDir})`);

  let closed = false;
  return {
    url,
    graphBaseUrl: core.graphBaseUrl,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      core.close();
    },
  };
}
