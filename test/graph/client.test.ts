import { z } from 'zod';
import { createGraphClient, decoratedUserAgent } from '../../src/graph/client';
import {
  ConflictError,
  ForbiddenError,
  NetworkError,
  NonIndexedQueryError,
  NotFoundError,
  ThrottledError,
  UnauthorizedError,
  UniqueValueError,
  ValidationError,
  isUniqueViolation,
} from '../../src/graph/errors';
import { BASE, fakeFetch, json, testClient } from './fake-fetch';

const anything = z.unknown();

describe('graph client: base URL and token', () => {
  it('sends requests to the configured base URL, with the bearer token', async () => {
    const { http, calls } = testClient(() => json(200, { id: 'me' }));
    await http.get('/me', anything);
    expect(calls[0]?.url).toBe(`${BASE}/me`);
    expect(calls[0]?.headers['authorization']).toBe('Bearer secret-token');
  });

  it('works with an http:// base that the default chain would not trust', async () => {
    const { http, calls } = testClient(() => json(200, {}));
    await http.get('sites/x', anything);
    expect(calls[0]?.url.startsWith('http://127.0.0.1:9/v1.0/sites/x')).toBe(true);
    expect(calls[0]?.headers['authorization']).toBeDefined();
  });

  it('asks for a fresh token on every request', async () => {
    let n = 0;
    const { fetch, calls } = fakeFetch(() => json(200, {}));
    const http = createGraphClient({
      baseUrl: BASE,
      getToken: () => Promise.resolve(`t${++n}`),
      fetch,
    });
    await http.get('/a', anything);
    await http.get('/b', anything);
    expect(calls.map((c) => c.headers['authorization'])).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('keeps the query exactly as given, so encoded filter values survive', async () => {
    const { http, calls } = testClient(() => json(200, { value: [] }));
    await http.get(
      "/sites/s/lists/l/items?$filter=fields%2FTitle%20eq%20'a%26b'&$top=10",
      anything,
    );
    const url = new URL(calls[0]?.url ?? '');
    expect(url.searchParams.get('$filter')).toBe("fields/Title eq 'a&b'");
    expect(url.searchParams.get('$top')).toBe('10');
  });
});

describe('graph client: paging', () => {
  it('follows an absolute http:// nextLink relative to the base, with the token', async () => {
    const { http, calls } = testClient((call) => {
      if (call.url.includes('skiptoken')) return json(200, { value: [{ n: 3 }] });
      return json(200, {
        value: [{ n: 1 }, { n: 2 }],
        '@odata.nextLink': `${BASE}/sites/s/lists/l/items?$skiptoken=abc&$top=2`,
      });
    });
    const items = await http.getAll('/sites/s/lists/l/items?$top=2', z.object({ n: z.number() }));
    expect(items.map((i) => i.n)).toEqual([1, 2, 3]);
    const next = new URL(calls[1]?.url ?? '');
    expect(`${next.origin}${next.pathname}`).toBe(`${BASE}/sites/s/lists/l/items`);
    expect(next.searchParams.get('$skiptoken')).toBe('abc');
    expect(calls[1]?.headers['authorization']).toBe('Bearer secret-token');
  });

  it('maps a link written for another loopback name back onto the base', () => {
    const { http } = testClient(() => json(200, {}));
    expect(http.relative('http://localhost:9/v1.0/sites/s?$skiptoken=1')).toBe(
      '/sites/s?$skiptoken=1',
    );
  });

  it('refuses to follow a link to a foreign host (the token would go with it)', () => {
    const { http } = testClient(() => json(200, {}));
    expect(() => http.relative('https://evil.example/v1.0/sites')).toThrow(ValidationError);
  });

  it('validates every page against the schema', async () => {
    const { http } = testClient(() => json(200, { value: [{ n: 'x' }] }));
    await expect(http.getAll('/l', z.object({ n: z.number() }))).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('graph client: User-Agent', () => {
  it('decorates every request as SharePoint asks: NONISV|organisation|Functiewijzer/version', async () => {
    const userAgent = decoratedUserAgent('stad|tienen', '1.2.3');
    expect(userAgent).toBe('NONISV|stad tienen|Functiewijzer/1.2.3');
    const { http, calls } = testClient(() => json(200, {}), { userAgent });
    await http.get('/x', anything);
    const sent = Object.entries(calls[0]?.headers ?? {}).find(
      ([k]) => k.toLowerCase() === 'user-agent',
    );
    expect(sent?.[1]).toBe(userAgent);
  });
});

describe('graph client: typed errors', () => {
  const cases: [number, unknown, new (...args: never[]) => Error][] = [
    [404, { error: { code: 'itemNotFound', message: 'nope' } }, NotFoundError],
    [403, { error: { code: 'accessDenied', message: 'no' } }, ForbiddenError],
    [401, { error: { code: 'InvalidAuthenticationToken', message: 'expired' } }, UnauthorizedError],
    [412, { error: { code: 'preconditionFailed', message: 'etag' } }, ConflictError],
    [409, { error: { code: 'resourceModified', message: 'changed' } }, ConflictError],
    [400, { error: { code: 'invalidRequest', message: 'bad' } }, ValidationError],
    [500, { error: { code: 'generalException', message: 'boom' } }, NetworkError],
  ];

  it.each(cases)('maps %i to the right class', async (status, body, cls) => {
    const { http } = testClient(() => json(status, body));
    await expect(http.get('/x', anything)).rejects.toBeInstanceOf(cls);
  });

  const duplicate =
    'The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [FunctieKey].';
  it.each<[number, unknown]>([
    [500, { error: { code: 'generalException', message: duplicate } }],
    [
      500,
      {
        error: {
          code: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
          message: 'x',
        },
      },
    ],
    [400, { error: { code: 'invalidRequest', message: duplicate } }],
    [409, { error: { code: 'nameAlreadyExists', message: 'exists' } }],
  ])(
    'knows a uniqueness violation by code or message, whatever the status (%i)',
    async (status, body) => {
      const { http } = testClient(() => json(status, body));
      const err = await http.get('/x', anything).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueValueError);
      expect(err).toBeInstanceOf(ConflictError);
      expect(isUniqueViolation(status, body)).toBe(true);
    },
  );

  it('a 500 without those words stays a server fault, not a duplicate', () => {
    expect(isUniqueViolation(500, { error: { code: 'generalException', message: 'boom' } })).toBe(
      false,
    );
    expect(isUniqueViolation(400, { error: { code: 'nameAlreadyExists', message: 'list' } })).toBe(
      false,
    );
  });

  it('keeps what Graph said (code, request id) and never the token', async () => {
    const { http } = testClient(() =>
      json(404, {
        error: {
          code: 'itemNotFound',
          message: 'gone',
          innerError: { 'request-id': 'r-1', date: 'x' },
        },
      }),
    );
    const err = (await http
      .get('/sites/s/lists/l/items/9?$filter=secret', anything)
      .catch((e: unknown) => e)) as NotFoundError;
    expect(err.detail).toMatchObject({
      status: 404,
      code: 'itemNotFound',
      requestId: 'r-1',
      request: 'GET /sites/s/lists/l/items/9',
    });
    expect(JSON.stringify(err.detail)).not.toContain('secret');
    expect(err.message).toMatch(/bestaat niet/);
  });

  it('recognises the non-indexed filter refusal and names the column', async () => {
    const { http } = testClient(() =>
      json(400, {
        error: {
          code: 'invalidRequest',
          message:
            "Field 'Toelichting' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
        },
      }),
    );
    const err = await http.get('/x', anything).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonIndexedQueryError);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as NonIndexedQueryError).column).toBe('Toelichting');
  });

  it('turns a dropped connection into a NetworkError', async () => {
    const { http } = testClient(() => {
      throw new TypeError('fetch failed');
    });
    await expect(http.get('/x', anything)).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('graph client: retries', () => {
  it('retries a throttled GET after the Retry-After the server gave', async () => {
    const { http, calls, waits } = testClient((_c, i) =>
      i < 2
        ? json(429, { error: { code: 'tooManyRequests' } }, { 'Retry-After': '2' })
        : json(200, { ok: true }),
    );
    await expect(http.get('/x', anything)).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
  });

  it('backs off with jitter when Retry-After is missing (as in a browser)', async () => {
    const { http, waits } = testClient((_c, i) => (i < 3 ? json(503, {}) : json(200, {})));
    await http.get('/x', anything);
    // random() is pinned at 0.5: half of 500, 1000, 2000.
    expect(waits).toEqual([250, 500, 1000]);
  });

  it('retries 504 on a PATCH (repeating it sets the same values)', async () => {
    const { http, calls } = testClient((_c, i) => (i === 0 ? json(504, {}) : json(200, {})));
    await http.request('PATCH', '/x', anything, { body: { a: 1 } });
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toEqual({ a: 1 });
  });

  it('retries a throttled POST: 429 means it was not applied', async () => {
    const { http, calls } = testClient((_c, i) =>
      i === 0 ? json(429, {}, { 'Retry-After': '1' }) : json(201, { id: '1' }),
    );
    await http.request('POST', '/items', anything, { body: { fields: {} } });
    expect(calls).toHaveLength(2);
  });

  it('never repeats a POST that may have been applied (503, 504, dropped connection)', async () => {
    for (const fail of [() => json(503, {}), () => json(504, {})]) {
      const { http, calls } = testClient(fail);
      await expect(http.request('POST', '/items', anything, { body: {} })).rejects.toBeInstanceOf(
        ThrottledError,
      );
      expect(calls).toHaveLength(1);
    }
    const dropped = testClient(() => {
      throw new TypeError('socket hang up');
    });
    await expect(
      dropped.http.request('POST', '/items', anything, { body: {} }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(dropped.calls).toHaveLength(1);
  });

  it('repeats a POST answered 503 with Retry-After: throttled, so not processed', async () => {
    const { http, calls, waits } = testClient((_c, i) =>
      i === 0 ? json(503, {}, { 'Retry-After': '2' }) : json(201, { id: '7' }),
    );
    await expect(http.request('POST', '/items', anything, { body: {} })).resolves.toEqual({
      id: '7',
    });
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('retries a POST marked idempotent on 503', async () => {
    const { http, calls } = testClient((_c, i) => (i === 0 ? json(503, {}) : json(200, {})));
    await http.request('POST', '/$batch', anything, { body: {}, idempotent: true });
    expect(calls).toHaveLength(2);
  });

  it('gives up after the maximum attempts with a Throttled error carrying the wait', async () => {
    const { http, calls } = testClient(() => json(429, {}, { 'Retry-After': '1' }), {
      retry: { maxAttempts: 3 },
    });
    const err = await http.get('/x', anything).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as ThrottledError).retryAfterMs).toBe(1000);
    expect(calls).toHaveLength(3);
  });

  it('hands a wait longer than it will block for back to the caller', async () => {
    const { http, calls, waits } = testClient(() => json(429, {}, { 'Retry-After': '3600' }));
    const err = await http.get('/x', anything).catch((e: unknown) => e);
    expect((err as ThrottledError).retryAfterMs).toBe(3_600_000);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('reports every exchange that went over the wire', async () => {
    const seen: string[] = [];
    const { http } = testClient(
      (_c, i) => (i === 0 ? json(429, {}, { 'Retry-After': '0' }) : json(200, { v: 1 })),
      {
        onExchange: (e) =>
          seen.push(`${e.method} ${e.path} ${e.status} ${e.responseBytes > 0 ? 'bytes' : 'empty'}`),
      },
    );
    await http.get('/x', anything);
    expect(seen).toEqual(['GET /x 429 bytes', 'GET /x 200 bytes']);
  });
});
