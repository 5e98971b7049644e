import { type Body, SITE_ID, type TestEmulator, createLists, startTestEmulator } from './helpers';

let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await t.control('DELETE', '/faults');
  await t.control('POST', '/reset');
  lists = await createLists(t);
});

const itemsPath = (listId: string): string => `/sites/${SITE_ID}/lists/${listId}/items`;
const role = (key: string): Record<string, unknown> => ({
  fields: { Title: key, FunctieKey: key, Soort: 'functieprofiel' },
});
const json = { 'Content-Type': 'application/json' };

describe('$batch', () => {
  it('answers each request on its own, in one 200 envelope, with relative URLs', async () => {
    const res = await t.graph('hilde', 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'POST', url: itemsPath(lists.functies), headers: json, body: role('a') },
        {
          id: '2',
          method: 'GET',
          url: `${itemsPath(lists.functies)}/1?$expand=fields`.slice(1),
          dependsOn: ['1'],
        },
        { id: '3', method: 'GET', url: '/me' },
        { id: '4', method: 'GET', url: `${itemsPath(lists.functies)}/99` },
      ],
    });
    expect(res.status).toBe(200);
    const byId = new Map(
      (
        res.body.responses as Array<{
          id: string;
          status: number;
          body: Body;
          headers: Record<string, string>;
        }>
      ).map((r) => [r.id, r]),
    );
    expect(byId.get('1')).toMatchObject({ status: 201, body: { fields: { FunctieKey: 'a' } } });
    expect(byId.get('2')).toMatchObject({ status: 200, body: { id: '1', fields: { Title: 'a' } } });
    expect(byId.get('2')?.headers['Content-Type']).toBe('application/json');
    expect(byId.get('3')?.body.userPrincipalName).toBe('hilde.janssens@stadtienen.onmicrosoft.com');
    expect(byId.get('4')).toMatchObject({ status: 404, body: { error: { code: 'itemNotFound' } } });
  });

  it('refuses 21 requests with 400 and Graph’s message', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: '/me',
    }));
    const res = await t.graph('sofie', 'POST', '/$batch', { requests });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'BadRequest',
      message: 'Number of requests inside batch exceeds the limit.',
    });
    const twenty = await t.graph('sofie', 'POST', '/$batch', { requests: requests.slice(0, 20) });
    expect(twenty.status).toBe(200);
    expect(twenty.body.responses).toHaveLength(20);
  });

  it('answers the dependents of a failed request with 424 and runs nothing of them', async () => {
    const res = await t.graph('hilde', 'POST', '/$batch', {
      requests: [
        {
          id: 'a',
          method: 'POST',
          url: itemsPath(lists.functies),
          headers: json,
          body: { fields: { Title: 'x', Kleur: 'rood' } },
        },
        {
          id: 'b',
          method: 'POST',
          url: itemsPath(lists.functies),
          headers: json,
          body: role('b'),
          dependsOn: ['a'],
        },
        {
          id: 'c',
          method: 'POST',
          url: itemsPath(lists.functies),
          headers: json,
          body: role('c'),
          dependsOn: ['b'],
        },
        { id: 'd', method: 'POST', url: itemsPath(lists.functies), headers: json, body: role('d') },
      ],
    });
    const statuses = Object.fromEntries(
      (res.body.responses as Array<{ id: string; status: number }>).map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ a: 400, b: 424, c: 424, d: 201 });
    const all = await t.graph(
      'sofie',
      'GET',
      `${itemsPath(lists.functies)}?$expand=fields($select=FunctieKey)`,
    );
    expect(
      all.body.value.map((i: { fields: { FunctieKey: string } }) => i.fields.FunctieKey),
    ).toEqual(['d']);
  });

  it('runs a dependency first even when it is listed later', async () => {
    const res = await t.graph('hilde', 'POST', '/$batch', {
      requests: [
        {
          id: 'second',
          method: 'PATCH',
          url: `${itemsPath(lists.functies)}/1/fields`,
          headers: json,
          body: { Graad: 'B1' },
          dependsOn: ['first'],
        },
        {
          id: 'first',
          method: 'POST',
          url: itemsPath(lists.functies),
          headers: json,
          body: role('a'),
        },
      ],
    });
    expect(res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual(
      [
        ['second', 200],
        ['first', 201],
      ],
    );
  });

  it('refuses a malformed batch as a whole', async () => {
    const bad = async (body: unknown): Promise<{ status: number; body: Body }> =>
      t.graph('hilde', 'POST', '/$batch', body);
    expect(
      (
        await bad({
          requests: [{ id: '1', method: 'POST', url: itemsPath(lists.functies), body: role('a') }],
        })
      ).body.error.message,
    ).toBe('Write request id : 1 does not contain Content-Type header or body.');
    expect(
      (
        await bad({
          requests: [
            { id: '1', method: 'GET', url: '/me' },
            { id: '1', method: 'GET', url: '/me' },
          ],
        })
      ).status,
    ).toBe(400);
    expect(
      (await bad({ requests: [{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }] })).status,
    ).toBe(400);
    expect(
      (
        await bad({
          requests: [
            { id: '1', method: 'GET', url: '/me', dependsOn: ['2'] },
            { id: '2', method: 'GET', url: '/me', dependsOn: ['1'] },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await bad({ requests: [] })).status).toBe(400);
    expect((await bad({ verzoeken: [] })).status).toBe(400);
    const items = await t.graph('sofie', 'GET', itemsPath(lists.functies));
    expect(items.body.value).toEqual([]);
  });

  it('refuses absolute and nested batch URLs per entry', async () => {
    const res = await t.graph('sofie', 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `${t.emu.graphBaseUrl}/me` },
        { id: '2', method: 'POST', url: '/$batch', headers: json, body: { requests: [] } },
      ],
    });
    expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([400, 400]);
  });

  it('needs a token for the envelope; the entries act as its user', async () => {
    expect(
      (
        await t.graph(null, 'POST', '/$batch', {
          requests: [{ id: '1', method: 'GET', url: '/me' }],
        })
      ).status,
    ).toBe(401);
    const res = await t.graph('sofie', 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'POST', url: itemsPath(lists.functies), headers: json, body: role('a') },
      ],
    });
    expect(res.body.responses[0]).toMatchObject({
      status: 403,
      body: { error: { code: 'accessDenied' } },
    });
  });

  it('throttles entries one by one: a 429 with Retry-After inside a 200 envelope', async () => {
    const fault = await t.control('POST', '/faults', {
      match: { method: 'POST', path: '/items$' },
      fault: { type: 'throttle', retryAfterSeconds: 7 },
      skip: 1,
      times: 1,
    });
    expect(fault.status).toBe(201);
    const res = await t.graph('hilde', 'POST', '/$batch', {
      requests: ['a', 'b', 'c'].map((k) => ({
        id: k,
        method: 'POST',
        url: itemsPath(lists.functies),
        headers: json,
        body: role(k),
      })),
    });
    expect(res.status).toBe(200);
    const [a, b, c] = res.body.responses as Array<{
      status: number;
      headers: Record<string, string>;
      body: Body;
    }>;
    expect([a?.status, b?.status, c?.status]).toEqual([201, 429, 201]);
    expect(b?.headers['Retry-After']).toBe('7');
    expect(b?.body.error.code).toBe('activityLimitReached');
    const keys = (
      await t.graph(
        'sofie',
        'GET',
        `${itemsPath(lists.functies)}?$expand=fields($select=FunctieKey)`,
      )
    ).body.value.map((i: { fields: { FunctieKey: string } }) => i.fields.FunctieKey);
    expect(keys).toEqual(['a', 'c']); // the throttled create was not written
  });
});
