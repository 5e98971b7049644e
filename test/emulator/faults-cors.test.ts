import { SITE_ID, type TestEmulator, startTestEmulator } from './helpers';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  expect((await t.control('DELETE', '/faults')).status).toBe(204);
});

describe('fault injection', () => {
  it('throttles a matching route with 429 and Retry-After in seconds, then lets requests through', async () => {
    await t.control('POST', '/faults', {
      match: { method: 'GET', path: '^/me$' },
      fault: { type: 'throttle', retryAfterSeconds: 3 },
      times: 2,
    });
    const first = await t.graph('sofie', 'GET', '/me');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body.error).toMatchObject({
      code: 'activityLimitReached',
      innerError: { 'request-id': expect.any(String) },
    });
    expect((await t.graph('sofie', 'GET', '/me')).status).toBe(429);
    expect((await t.graph('sofie', 'GET', '/me')).status).toBe(200);
    expect((await t.graph('sofie', 'GET', `/sites/${SITE_ID}`)).status).toBe(200); // other routes untouched
    const rules = await t.control('GET', '/faults');
    expect(rules.body.rules[0]).toMatchObject({ seen: 3, fired: 2 });
  });

  it('answers 503 and 504 as asked, and a fault needs no token to hit', async () => {
    await t.control('POST', '/faults', {
      rules: [
        { match: { path: '^/users$' }, fault: { type: 'unavailable', retryAfterSeconds: 2 } },
        { match: { path: '^/groups' }, fault: { type: 'timeout' } },
      ],
    });
    const unavailable = await t.graph(null, 'GET', '/users');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect((await t.graph('sofie', 'GET', '/groups')).status).toBe(504);
  });

  it('drops the connection: the client sees a network failure, not a response', async () => {
    await t.control('POST', '/faults', {
      match: { path: '^/me' },
      fault: { type: 'drop' },
      times: 1,
    });
    const token = await t.token('sofie');
    await expect(
      fetch(`${t.emu.graphBaseUrl}/me`, { headers: { authorization: `Bearer ${token}` } }),
    ).rejects.toThrow();
    expect((await t.graph('sofie', 'GET', '/me')).status).toBe(200);
  });

  it('drops the whole envelope when a $batch entry is dropped', async () => {
    await t.control('POST', '/faults', { match: { path: '^/groups' }, fault: { type: 'drop' } });
    const token = await t.token('sofie');
    const batch = fetch(`${t.emu.graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          { id: '1', method: 'GET', url: '/me' },
          { id: '2', method: 'GET', url: '/groups' },
        ],
      }),
    });
    await expect(batch).rejects.toThrow();
  });

  it('adds latency and still answers; skip and probability decide which requests are hit', async () => {
    await t.control('POST', '/faults', {
      rules: [
        { fault: { type: 'latency', ms: 20 } },
        { match: { path: '^/me$' }, fault: { type: 'timeout' }, probability: 0 },
      ],
    });
    for (let i = 0; i < 3; i++) expect((await t.graph('sofie', 'GET', '/me')).status).toBe(200);
    const rules = (await t.control('GET', '/faults')).body.rules as Array<{
      fired: number;
      seen: number;
    }>;
    expect(rules.map((r) => [r.seen, r.fired])).toEqual([
      [3, 3],
      [3, 0],
    ]);
    await t.control('DELETE', '/faults');
    await t.control('POST', '/faults', {
      match: { path: '^/me$' },
      fault: { type: 'timeout' },
      skip: 2,
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.graph('sofie', 'GET', '/me')).status);
    expect(statuses).toEqual([200, 200, 504, 504]);
  });

  it('validates fault definitions', async () => {
    for (const body of [
      { fault: { type: 'meteor' } },
      { match: { path: '(' }, fault: { type: 'drop' } },
      { fault: { type: 'throttle', retryAfterSeconds: -1 } },
      { fault: { type: 'drop' }, probability: 2 },
      { fault: { type: 'drop' }, extra: true },
    ]) {
      expect((await t.control('POST', '/faults', body)).status).toBe(400);
    }
    expect((await t.control('GET', '/faults')).body.rules).toEqual([]);
  });

  it('never touches the control API', async () => {
    await t.control('POST', '/faults', { fault: { type: 'drop' } });
    expect((await t.control('GET', '/health')).status).toBe(200);
    expect(
      (await t.control('POST', '/token', { upn: 'sofie.maes@stadtienen.onmicrosoft.com' })).status,
    ).toBe(200);
  });
});

describe('CORS, as Graph answers a browser on another origin', () => {
  const origin = 'http://127.0.0.1:53002';

  it('answers a preflight with 204, the origin reflected and the headers the client sends allowed', async () => {
    const res = await fetch(`${t.emu.graphBaseUrl}/sites/${SITE_ID}/lists/x/items/1/fields`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers':
          'authorization,content-type,if-match,prefer,client-request-id,sdkversion',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'if-match',
        'prefer',
        'client-request-id',
        'sdkversion',
      ]),
    );
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('exposes request-id and ETag to the page but not Retry-After', async () => {
    await t.control('POST', '/faults', {
      match: { path: '^/me$' },
      fault: { type: 'throttle', retryAfterSeconds: 5 },
      times: 1,
    });
    const token = await t.token('sofie');
    const res = await fetch(`${t.emu.graphBaseUrl}/me`, {
      headers: { origin, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '')
      .toLowerCase()
      .split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['request-id', 'etag', 'client-request-id']));
    expect(exposed).not.toContain('retry-after');
  });

  it('answers the control API cross-origin too (the tab asks it for personas and tokens)', async () => {
    const res = await fetch(`${t.emu.url}/_emulator/personas`, { headers: { origin } });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const preflight = await fetch(`${t.emu.url}/_emulator/token`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
  });
});

describe('the control API', () => {
  it('reports health and refuses unknown commands', async () => {
    const health = await t.control('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', graphBaseUrl: t.emu.graphBaseUrl });
    expect((await t.control('GET', '/nope')).status).toBe(404);
    const beta = await fetch(`${t.emu.url}/beta/me`);
    expect(beta.status).toBe(400);
  });

  it('refuses a body that is not JSON', async () => {
    const token = await t.token('tom');
    const res = await fetch(`${t.emu.graphBaseUrl}/sites/${SITE_ID}/lists`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{ displayName: ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toContain('Unable to read JSON request payload');
  });
});
