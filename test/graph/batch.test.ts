import { batchGetAll, type BatchRequest, chunkRequests, runBatch } from '../../src/graph/batch';
import { ValidationError } from '../../src/graph/errors';
import { BASE, type Call, json, testClient } from './fake-fetch';

type Entry = { id: string; method: string; url: string; body?: unknown; dependsOn?: string[] };

function entries(call: Call): Entry[] {
  return (call.body as { requests: Entry[] }).requests;
}

const gets = (n: number): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    method: 'GET' as const,
    url: `/items/${i}`,
  }));

describe('chunking', () => {
  it('splits more than 20 requests into envelopes of at most 20', () => {
    const chunks = chunkRequests(gets(45));
    expect(chunks.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(chunks.flat().map((r) => r.id)).toEqual(gets(45).map((r) => r.id));
  });

  it('keeps requests linked by dependsOn in the same envelope', () => {
    const requests: BatchRequest[] = [
      ...gets(19),
      { id: 'a', method: 'POST', url: '/x', body: {} },
      { id: 'b', method: 'PATCH', url: '/y', body: {}, dependsOn: ['a'] },
    ];
    const chunks = chunkRequests(requests);
    const withA = chunks.find((c) => c.some((r) => r.id === 'a'));
    expect(withA?.some((r) => r.id === 'b')).toBe(true);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
  });

  it('refuses a dependency group larger than one batch', () => {
    const chain: BatchRequest[] = Array.from({ length: 21 }, (_, i) => ({
      id: `c${i}`,
      method: 'GET',
      url: '/z',
      ...(i > 0 ? { dependsOn: [`c${i - 1}`] } : {}),
    }));
    expect(() => chunkRequests(chain)).toThrow(ValidationError);
  });
});

describe('runBatch', () => {
  it('sends 45 requests as three envelopes in one wave and returns answers in request order', async () => {
    const { http, calls } = testClient((call) =>
      json(200, {
        responses: entries(call)
          .reverse()
          .map((e) => ({ id: e.id, status: 200, body: { url: e.url } })),
      }),
    );
    const run = await runBatch(http, gets(45));
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.url === `${BASE}/$batch` && c.method === 'POST')).toBe(true);
    expect(run.roundTrips).toBe(1);
    expect(run.envelopes).toBe(3);
    expect(run.responses.map((r) => (r.body as { url: string }).url)).toEqual(
      gets(45).map((r) => r.url),
    );
  });

  it('retries only the throttled entries, after the longest Retry-After among them', async () => {
    const { http, calls, waits } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) =>
          index === 0 && (e.id === 'r1' || e.id === 'r3')
            ? {
                id: e.id,
                status: 429,
                headers: { 'Retry-After': e.id === 'r1' ? '2' : '5' },
                body: {},
              }
            : { id: e.id, status: e.method === 'POST' ? 201 : 200, body: { id: e.id } },
        ),
      }),
    );
    const run = await runBatch(http, gets(5));
    expect(calls).toHaveLength(2);
    expect(entries(calls[1] as Call).map((e) => e.id)).toEqual(['r1', 'r3']);
    expect(waits).toEqual([5000]);
    expect(run.responses.every((r) => r.status === 200)).toBe(true);
    expect(run.roundTrips).toBe(2);
  });

  it('never sends a create twice: only creates refused with 429 go again', async () => {
    const created: string[] = [];
    const { http, calls } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) => {
          if (index === 0 && e.id === 'c2')
            return { id: e.id, status: 429, headers: { 'retry-after': '1' }, body: {} };
          if (index === 0 && e.id === 'c3') return { id: e.id, status: 503, body: {} };
          created.push(e.id);
          return { id: e.id, status: 201, body: { id: e.id } };
        }),
      }),
    );
    const creates: BatchRequest[] = ['c1', 'c2', 'c3'].map((id) => ({
      id,
      method: 'POST',
      url: '/items',
      body: { fields: { Title: id } },
    }));
    const run = await runBatch(http, creates);
    expect(created.sort()).toEqual(['c1', 'c2']);
    expect(calls).toHaveLength(2);
    // The 503 create may or may not have been written: it is reported, not repeated.
    expect(run.responses.map((r) => r.status)).toEqual([201, 201, 503]);
  });

  it('sends a create refused with 503 and Retry-After again: SharePoint throttled it, unprocessed', async () => {
    const created: string[] = [];
    const { http, calls, waits } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) => {
          if (index === 0)
            return { id: e.id, status: 503, headers: { 'Retry-After': '3' }, body: {} };
          created.push(e.id);
          return { id: e.id, status: 201, body: { id: e.id } };
        }),
      }),
    );
    const run = await runBatch(http, [
      { id: 'c1', method: 'POST', url: '/items', body: { fields: { Title: 'c1' } } },
    ]);
    expect(calls).toHaveLength(2);
    expect(created).toEqual(['c1']);
    expect(waits).toContain(3000);
    expect(run.responses[0]?.status).toBe(201);
  });

  it('paces itself by the RateLimit headers: one envelope at a time, and waits for the reset when the budget is nearly spent', async () => {
    const { http, calls, waits } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) => ({
          id: e.id,
          status: 201,
          // SharePoint's headers from 80 % of the budget on: 30 RU left, the minute resets in 9 s.
          headers: index === 0 ? { 'RateLimit-Remaining': '30', 'RateLimit-Reset': '9' } : {},
          body: { id: e.id },
        })),
      }),
    );
    const creates = (n: number, prefix: string): BatchRequest[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}`,
        method: 'POST' as const,
        url: '/items',
        body: { fields: { Title: `${prefix}${i}` } },
      }));
    const first = await runBatch(http, creates(20, 'a'));
    expect(first.roundTrips).toBe(1);
    // 30 RU do not pay for another envelope of 20 writes: the next wave waits, then goes alone.
    const second = await runBatch(http, creates(60, 'b'));
    expect(waits.some((ms) => ms > 8000 && ms <= 9000)).toBe(true);
    expect(second.envelopes).toBe(3);
    expect(calls.length).toBe(4);
    // The answers of the second call carried no RateLimit headers: the budget is far again.
    const third = await runBatch(http, creates(60, 'c'));
    expect(third.roundTrips).toBe(1);
  });

  it('retries GET entries that failed with 503', async () => {
    const { http, calls } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) => ({
          id: e.id,
          status: index === 0 ? 503 : 200,
          body: {},
        })),
      }),
    );
    const run = await runBatch(http, gets(2));
    expect(calls).toHaveLength(2);
    expect(run.responses.map((r) => r.status)).toEqual([200, 200]);
  });

  it('resends an entry that failed only because its throttled dependency failed (424)', async () => {
    const { http, calls } = testClient((call, index) =>
      json(200, {
        responses: entries(call).map((e) => {
          if (index === 0 && e.id === 'a') return { id: 'a', status: 429, body: {} };
          if (index === 0 && e.id === 'b') return { id: 'b', status: 424, body: {} };
          return { id: e.id, status: 200, body: {} };
        }),
      }),
    );
    const run = await runBatch(http, [
      { id: 'a', method: 'POST', url: '/a', body: {} },
      { id: 'b', method: 'PATCH', url: '/b', body: {}, dependsOn: ['a'] },
    ]);
    expect(entries(calls[1] as Call).map((e) => [e.id, e.dependsOn])).toEqual([
      ['a', undefined],
      ['b', ['a']],
    ]);
    expect(run.responses.map((r) => r.status)).toEqual([200, 200]);
  });

  it('stops retrying after the maximum attempts and returns the 429', async () => {
    const { http, calls } = testClient(
      (call) =>
        json(200, { responses: entries(call).map((e) => ({ id: e.id, status: 429, body: {} })) }),
      { retry: { maxAttempts: 3 } },
    );
    const run = await runBatch(http, gets(1));
    expect(calls).toHaveLength(3);
    expect(run.responses[0]?.status).toBe(429);
  });

  it('marks an all-GET envelope idempotent (retried on 503) but not one with writes', async () => {
    const reads = testClient((call, i) =>
      i === 0
        ? json(503, {})
        : json(200, { responses: entries(call).map((e) => ({ id: e.id, status: 200, body: {} })) }),
    );
    await runBatch(reads.http, gets(1));
    expect(reads.calls).toHaveLength(2);
    const writes = testClient(() => json(503, {}));
    await expect(
      runBatch(writes.http, [{ id: 'w', method: 'POST', url: '/x', body: {} }]),
    ).rejects.toThrow();
    expect(writes.calls).toHaveLength(1);
  });

  it('adds Content-Type to entries with a body', async () => {
    const { http, calls } = testClient((call) =>
      json(200, { responses: entries(call).map((e) => ({ id: e.id, status: 201, body: {} })) }),
    );
    await runBatch(http, [{ id: 'p', method: 'POST', url: 'items', body: { a: 1 } }]);
    const sent = (
      calls[0]?.body as { requests: { url: string; headers: Record<string, string> }[] }
    ).requests[0];
    expect(sent?.url).toBe('/items');
    expect(sent?.headers['Content-Type']).toBe('application/json');
  });
});

describe('batchGetAll', () => {
  it('follows nextLinks of each collection in further waves', async () => {
    const { http, calls } = testClient((call) =>
      json(200, {
        responses: entries(call).map((e) => {
          if (e.url.includes('skiptoken')) return { id: e.id, status: 200, body: { value: [3] } };
          if (e.url.startsWith('/a'))
            return {
              id: e.id,
              status: 200,
              body: { value: [1, 2], '@odata.nextLink': `${BASE}/a?$skiptoken=x` },
            };
          return { id: e.id, status: 200, body: { value: ['b'] } };
        }),
      }),
    );
    const result = await batchGetAll(http, [
      { id: 'a', url: '/a?$top=2' },
      { id: 'b', url: '/b' },
    ]);
    expect(result.items.get('a')).toEqual([1, 2, 3]);
    expect(result.items.get('b')).toEqual(['b']);
    expect(result.roundTrips).toBe(2);
    expect(calls).toHaveLength(2);
  });
});
