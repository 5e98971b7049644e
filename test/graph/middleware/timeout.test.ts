import { z } from 'zod';
import { createGraphClient, RequestTimeoutError } from '../../../src/graph/client';
import { NetworkError } from '../../../src/graph/errors';
import { DEFAULT_TIMEOUT_MS } from '../../../src/graph/middleware/timeout';
import { BASE, hangingBody, json, never, testClient } from '../fake-fetch';

/**
 * The per-attempt timeout, through the whole client. The fake `fetch` never answers and ignores
 * the abort, like a hung socket; a tiny `timeoutMs` keeps each test short, and retry waits are
 * recorded instead of slept. No assertion depends on how long anything took.
 */

const anything = z.unknown();
const TINY = { timeoutMs: 5 };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (err: unknown) => err,
  );
}

describe('graph client: request timeout', () => {
  it('fails a request that never answers with a NetworkError caused by the timeout', async () => {
    const { http, calls } = testClient(() => never(), { ...TINY, retry: { maxAttempts: 3 } });
    const err = await failure(http.get('/x', anything));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).detail.request).toBe('GET /x');
    expect((err as NetworkError).cause).toBeInstanceOf(RequestTimeoutError);
    expect(calls).toHaveLength(3);
    // Each attempt's fetch was told to stop, so a real transport frees the socket.
    expect(calls.every((c) => c.signal?.aborted === true)).toBe(true);
  });

  it('times out a body that stops after the headers, too', async () => {
    const { http } = testClient(() => hangingBody(), { ...TINY, retry: { maxAttempts: 1 } });
    const err = await failure(http.get('/x', anything));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBeInstanceOf(RequestTimeoutError);
  });

  it('retries a GET that hung once, and returns the answer of the retry', async () => {
    const { http, calls, waits } = testClient(
      (_c, i) => (i === 0 ? never() : json(200, { ok: true })),
      TINY,
    );
    await expect(http.get('/x', anything)).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    // Backed off as after a dropped connection (random() pinned at 0.5: half of 500 ms).
    expect(waits).toEqual([250]);
  });

  it('never sends again a POST that hung: it may have been applied', async () => {
    const { http, calls } = testClient(() => never(), TINY);
    const err = await failure(http.request('POST', '/items', anything, { body: { fields: {} } }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBeInstanceOf(RequestTimeoutError);
    expect(calls).toHaveLength(1);
  });

  it('retries a hung POST marked idempotent (a $batch of GETs)', async () => {
    const { http, calls } = testClient(
      (_c, i) => (i === 0 ? never() : json(200, { responses: [] })),
      TINY,
    );
    await expect(
      http.request('POST', '/$batch', anything, { body: { requests: [] }, idempotent: true }),
    ).resolves.toEqual({ responses: [] });
    expect(calls).toHaveLength(2);
  });

  it('lets one request set its own timeout', async () => {
    const { http, calls } = testClient(() => never(), {
      timeoutMs: Infinity,
      retry: { maxAttempts: 1 },
    });
    const err = await failure(http.send('GET', '/y', { timeoutMs: 5 }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBeInstanceOf(RequestTimeoutError);
    expect(calls).toHaveLength(1);
  });
});

describe('graph client: the caller’s abort', () => {
  it('still aborts a hung request, with the caller’s reason, and does not retry it', async () => {
    // The default timeout (30 s) is far away: only the caller's abort can end this request.
    const { http, calls } = testClient(() => never());
    const controller = new AbortController();
    const reason = new Error('niet meer nodig');
    const pending = failure(http.get('/x', anything, { signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('ends a retry wait at once', async () => {
    const { http, calls } = testClient(() => json(503, {}), {
      retry: { sleep: () => never().then(() => undefined) },
    });
    const controller = new AbortController();
    const reason = new Error('weg');
    const pending = failure(http.get('/x', anything, { signal: controller.signal }));
    while (calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(calls).toHaveLength(1);
  });
});

describe('timeout option', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('has a default, so a hung socket cannot hang the tab for ever', async () => {
    jest.useFakeTimers();
    const { http } = testClient(() => never(), { retry: { maxAttempts: 1 } });
    const pending = failure(http.get('/x', anything));
    await jest.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
    const err = await pending;
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toMatchObject({ timeoutMs: DEFAULT_TIMEOUT_MS });
  });

  it.each([0, -1, Number.NaN, 2 ** 31])('refuses timeoutMs %p', (timeoutMs) => {
    expect(() =>
      createGraphClient({ baseUrl: BASE, getToken: () => Promise.resolve('t'), timeoutMs }),
    ).toThrow(RangeError);
  });
});
