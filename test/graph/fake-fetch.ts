import { createGraphClient, type GraphClientOptions, type GraphHttp } from '../../src/graph/client';

/**
 * A scripted `fetch` for unit tests of the client and the batch helper: each call is recorded
 * (URL, method, headers, body) and answered by the handler. The integration tests use the real
 * emulator instead; this is for behaviour that needs exact control over status and headers.
 */
export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  /** The signal the client gave this attempt; aborted when it timed out or the caller gave up. */
  signal: AbortSignal | undefined;
}

export type Handler = (call: Call, index: number) => Response | Promise<Response>;

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** An answer that never comes, as from a hung socket; it ignores the abort signal as well. */
export function never(): Promise<Response> {
  return new Promise<Response>(() => undefined);
}

/** Headers that arrive, then a body that never ends. */
export function hangingBody(status = 200): Response {
  return new Response(new ReadableStream<Uint8Array>({ start: () => undefined }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const raw = init?.body;
    const call: Call = {
      url,
      method: (init?.method ?? 'GET').toUpperCase(),
      headers,
      body: typeof raw === 'string' && raw.length > 0 ? (JSON.parse(raw) as unknown) : undefined,
      signal: init?.signal ?? undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

export const BASE = 'http://127.0.0.1:9/v1.0';

/** A client whose waits are recorded instead of slept, so a throttling storm costs no time. */
export function testClient(
  handler: Handler,
  extra: Partial<GraphClientOptions> = {},
): { http: GraphHttp; calls: Call[]; waits: number[] } {
  const { fetch, calls } = fakeFetch(handler);
  const waits: number[] = [];
  const http = createGraphClient({
    baseUrl: BASE,
    getToken: () => Promise.resolve('secret-token'),
    fetch,
    ...extra,
    retry: {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...extra.retry,
    },
  });
  return { http, calls, waits };
}
