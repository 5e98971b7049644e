import { Client, type MiddlewareOptions, ResponseType } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import {
  type DataError,
  errorFromResponse,
  invalidResponse,
  networkError,
  ValidationError,
} from './errors';
import { AuthHandler, TokenSourceError } from './middleware/auth';
import { linkChain } from './middleware/chain';
import { type Exchange, ExchangeObserver } from './middleware/exchange';
import { FetchHandler } from './middleware/fetch';
import { IdempotentRequest, RetryHandler } from './middleware/retry';
import { DEFAULT_TIMEOUT_MS, TimeoutHandler, TimeoutHandlerOptions } from './middleware/timeout';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry';

export type { Exchange } from './middleware/exchange';
export { IdempotentRequest } from './middleware/retry';
export { RequestTimeoutError } from './middleware/timeout';

/**
 * The one way the app talks to Microsoft Graph (DESIGN §4), in Node and in the browser alike.
 *
 * Built on `@microsoft/microsoft-graph-client` 3.0.7 with our own middleware chain, because the
 * default chain attaches the token only to `https://` Graph hosts and reads a path as an absolute
 * URL only when it starts with `https://`: against the `http://` emulator it would send no token
 * and mangle `@odata.nextLink`. Here the token goes to exactly the configured base URL, and every
 * link is turned back into a path relative to it. The caller gives two things — the base URL and
 * a token source — and nothing else tells the emulator from graph.microsoft.com.
 *
 * The chain, outermost first, one handler per file in `./middleware/`: retry → auth → timeout →
 * exchange observer (optional) → fetch. Why each sits where it does is written at each handler.
 */

export interface GraphClientOptions {
  /** The service root including the version, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl: string;
  getToken: () => Promise<string>;
  /** Retry tuning; tests inject `sleep` and `random` so a throttling storm costs no wall time. */
  retry?: Partial<RetryPolicy>;
  /** Sees every HTTP exchange that actually went over the wire (after retries split them). */
  onExchange?: (exchange: Exchange) => void;
  /** Defaults to the global `fetch`; a test may wrap it to drop connections. */
  fetch?: typeof fetch;
  /**
   * How long one attempt may wait for its whole answer before it is aborted and, when safe,
   * retried; `Infinity` for no limit. Default and why: DEFAULT_TIMEOUT_MS (30 s).
   */
  timeoutMs?: number;
  /**
   * Sent as `User-Agent` on every request (`decoratedUserAgent`): SharePoint throttles
   * undecorated traffic first. Node only — a browser keeps its own User-Agent (Chromium ignores
   * a script's), so the tab leaves this out.
   */
  userAgent?: string;
}

/**
 * `NONISV|<organisation>|Functiewijzer/<version>`, the decoration SharePoint asks of traffic
 * that is not an ISV's (learn.microsoft.com, "Avoid getting throttled or blocked in SharePoint
 * Online"). A `|` in the organisation's name would break the format, so it becomes a space.
 */
export function decoratedUserAgent(organisation: string, version: string): string {
  const name = organisation.replace(/[|\r\n]+/g, ' ').trim() || 'onbekend';
  return `NONISV|${name}|Functiewijzer/${version}`;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * A POST that is safe to repeat (a `$batch` of GETs): it may then be retried on 503/504 and
   * dropped connections too. Every other method is treated as repeatable already.
   */
  idempotent?: boolean;
  /** Aborts the request (and any retry wait after it) when the caller no longer needs the answer. */
  signal?: AbortSignal;
  /** This request's own per-attempt timeout, instead of the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export class GraphHttp {
  readonly baseUrl: string;
  readonly sdk: Client;
  readonly retryPolicy: RetryPolicy;
  private readonly userAgent: string | undefined;

  constructor(options: GraphClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.userAgent = options.userAgent;
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    const chain = linkChain([
      new RetryHandler(this.retryPolicy),
      new AuthHandler({ baseUrl: this.baseUrl, getToken: options.getToken }),
      new TimeoutHandler(new TimeoutHandlerOptions(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
      ...(options.onExchange
        ? [new ExchangeObserver({ baseUrl: this.baseUrl, observe: options.onExchange })]
        : []),
      new FetchHandler(options.fetch ? { fetch: options.fetch } : {}),
    ]);
    this.sdk = Client.initWithMiddleware({
      baseUrl: this.baseUrl,
      // The version is part of our base URL; an empty default keeps the SDK from adding another.
      defaultVersion: '',
      middleware: chain,
    });
  }

  /** Sends one request and returns the raw outcome; never throws for an HTTP status. */
  async send(method: HttpMethod, path: string, options: SendOptions = {}): Promise<RawResponse> {
    const relative = this.relative(path);
    let request = this.sdk.api(relative).responseType(ResponseType.RAW);
    if (this.userAgent !== undefined) request = request.header('User-Agent', this.userAgent);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      request = request.header(name, value);
    }
    const perRequest: MiddlewareOptions[] = [];
    if (options.idempotent) perRequest.push(new IdempotentRequest());
    if (options.timeoutMs !== undefined) {
      perRequest.push(new TimeoutHandlerOptions(options.timeoutMs));
    }
    if (perRequest.length > 0) request = request.middlewareOptions(perRequest);
    if (options.signal) request = request.option('signal', options.signal);
    let response: Response;
    try {
      switch (method) {
        case 'GET':
          response = (await request.get()) as Response;
          break;
        case 'POST':
          response = (await request.post(options.body ?? {})) as Response;
          break;
        case 'PATCH':
          response = (await request.patch(options.body ?? {})) as Response;
          break;
        case 'PUT':
          response = (await request.put(options.body ?? {})) as Response;
          break;
        case 'DELETE':
          response = (await request.delete()) as Response;
          break;
      }
    } catch (err) {
      if (options.signal?.aborted) throw options.signal.reason ?? err;
      // A token source that failed (sign-in needed, no consent) is its own error, not "no connection".
      if (err instanceof TokenSourceError) throw err.cause;
      throw networkError(err, describe(method, relative));
    }
    const text = await response.text();
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Sends, throws the typed error for a non-2xx status, validates the body against `schema`. */
  async request<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T>,
    options: SendOptions = {},
  ): Promise<T> {
    const response = await this.send(method, path, options);
    return this.parse(method, path, response, schema);
  }

  get<T>(
    path: string,
    schema: z.ZodType<T>,
    options: Pick<SendOptions, 'headers' | 'signal'> = {},
  ): Promise<T> {
    return this.request('GET', path, schema, options);
  }

  /** Sends and only checks the status (DELETE, PATCH whose answer we do not need). */
  async expectOk(method: HttpMethod, path: string, options: SendOptions = {}): Promise<void> {
    const response = await this.send(method, path, options);
    if (response.status >= 300) throw this.error(method, path, response);
  }

  /** Every item of a collection, following `@odata.nextLink` page by page. */
  async getAll<T>(
    path: string,
    itemSchema: z.ZodType<T>,
    options: Pick<SendOptions, 'headers' | 'signal'> = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      const page: { value: unknown[]; next: string | undefined } = readPage(
        await this.get(next, z.unknown(), options),
        next,
      );
      for (const raw of page.value) items.push(validate(itemSchema, raw, describe('GET', next)));
      next = page.next === undefined ? undefined : this.relative(page.next);
    }
    return items;
  }

  parse<T>(method: HttpMethod, path: string, response: RawResponse, schema: z.ZodType<T>): T {
    if (response.status >= 300) throw this.error(method, path, response);
    return validate(schema, response.body, describe(method, this.relative(path)));
  }

  error(method: HttpMethod, path: string, response: RawResponse): DataError {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    return errorFromResponse(response.status, response.body, {
      request: describe(method, this.relative(path)),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  /**
   * A path relative to the base URL (leading "/") from a relative path or an absolute link such
   * as `@odata.nextLink`. An absolute link to another host is refused: following it would send our
   * token somewhere we were not configured to trust.
   */
  relative(pathOrUrl: string): string {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)) {
      return pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
    }
    if (pathOrUrl.toLowerCase().startsWith(`${this.baseUrl.toLowerCase()}/`)) {
      return pathOrUrl.slice(this.baseUrl.length);
    }
    // The emulator may be reached through another host name than the one it writes into links
    // (127.0.0.1 vs localhost): accept the same service root path on the same scheme and port.
    const link = new URL(pathOrUrl);
    const base = new URL(this.baseUrl);
    const isLoopback = (h: string): boolean =>
      h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
    const sameService =
      link.protocol === base.protocol &&
      link.port === base.port &&
      (link.hostname === base.hostname || (isLoopback(link.hostname) && isLoopback(base.hostname)));
    const basePath = base.pathname.replace(/\/+$/, '');
    if (sameService && link.pathname.startsWith(`${basePath}/`)) {
      return link.pathname.slice(basePath.length) + link.search;
    }
    throw new ValidationError(
      'SharePoint verwees naar een adres buiten de ingestelde Graph-omgeving; de Functiewijzer volgt dat niet.',
      { request: `link naar ${link.origin}` },
    );
  }
}

export function createGraphClient(options: GraphClientOptions): GraphHttp {
  return new GraphHttp(options);
}

function readPage(body: unknown, path: string): { value: unknown[]; next: string | undefined } {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as { value?: unknown }).value)
  ) {
    throw invalidResponse(describe('GET', path), ['verwacht een verzameling met "value"']);
  }
  const page = body as { value: unknown[]; '@odata.nextLink'?: unknown };
  const next = page['@odata.nextLink'];
  return { value: page.value, next: typeof next === 'string' ? next : undefined };
}

export function validate<T>(schema: z.ZodType<T>, value: unknown, request: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalidResponse(
    request,
    parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(antwoord)'}: ${i.message}`),
  );
}

/** "GET /sites/…/items" — the query is left out: filter values can name people. */
export function describe(method: string, path: string): string {
  const q = path.indexOf('?');
  return `${method} ${q === -1 ? path : path.slice(0, q)}`;
}

function normaliseBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`Ongeldige Graph-basis-URL: '${url}'.`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new ValidationError('De Graph-basis-URL mag geen query of fragment bevatten.');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
