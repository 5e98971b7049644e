import { createGraphClient } from '../../src/graph/client';
import {
  SITE_ID,
  type TestEmulator,
  UPN,
  applyProductPermissions,
  createLists,
  startTestEmulator,
} from '../emulator/helpers';

/**
 * A token of one persona replayed as another. Emulator tokens are `fwemu.<payload>.<hmac>`:
 * whoever edits the payload (upn, sub, exp) cannot re-sign it, so the emulator must refuse it;
 * an expired token or one of another emulator (another data directory) is refused too; a staff
 * token never writes, on any path. Tokens never travel in URLs or appear in what is logged or
 * answered.
 */

let clock = Date.UTC(2025, 0, 6, 9, 0, 0);
let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;

beforeAll(async () => {
  t = await startTestEmulator({ now: () => clock });
  lists = await createLists(t);
  await applyProductPermissions(t, lists);
  const created = await t.graph('hilde', 'POST', items(lists.functies), {
    fields: { Title: 'Deskundige ICT', FunctieKey: 'deskundige-ict', Soort: 'functiebeschrijving' },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await t.stop();
});

function items(listId: string): string {
  return `/sites/${SITE_ID}/lists/${listId}/items`;
}

async function mint(upn: string, lifetimeSeconds?: number): Promise<string> {
  const res = await t.control('POST', '/token', {
    upn,
    ...(lifetimeSeconds ? { lifetimeSeconds } : {}),
  });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

async function asToken(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`${t.emu.graphBaseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

type Claims = { sub: string; upn: string; iat: number; exp: number; jti: string };

function claimsOf(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
}

function withClaims(token: string, claims: Claims): string {
  const [prefix, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${prefix}.${payload}.${signature}`;
}

describe('a token replayed as another persona', () => {
  test('a staff token whose claims say HR (upn and sub) is refused: invalid signature', async () => {
    const staff = await mint(UPN.sofie);
    const hr = claimsOf(await mint(UPN.hilde));
    const forged = withClaims(staff, { ...claimsOf(staff), sub: hr.sub, upn: hr.upn });
    const me = await asToken(forged, 'GET', '/me');
    expect(me.status).toBe(401);
    expect(me.text).toContain('Invalid signature');
    const write = await asToken(forged, 'POST', items(lists.functies), {
      fields: { Title: 'Gekaapt', FunctieKey: 'gekaapt', Soort: 'functiebeschrijving' },
    });
    expect(write.status).toBe(401);
  });

  test("HR's payload with the staff token's signature is refused", async () => {
    const staff = await mint(UPN.sofie);
    const hr = await mint(UPN.hilde);
    const spliced = `${hr.split('.').slice(0, 2).join('.')}.${staff.split('.')[2]}`;
    expect((await asToken(spliced, 'GET', '/me')).status).toBe(401);
  });

  test('an expiry pushed into the future is refused; the unmodified token still works', async () => {
    const token = await mint(UPN.sofie, 60);
    const longer = withClaims(token, { ...claimsOf(token), exp: claimsOf(token).exp + 86_400 });
    expect((await asToken(longer, 'GET', '/me')).status).toBe(401);
    const me = await asToken(token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ userPrincipalName: UPN.sofie });
  });

  test('an expired token is refused with 401 and says so', async () => {
    const token = await mint(UPN.hilde, 60);
    expect((await asToken(token, 'GET', '/me')).status).toBe(200);
    clock += 61_000;
    const me = await asToken(token, 'GET', '/me');
    expect(me.status).toBe(401);
    expect(me.text).toContain('expired');
    expect(me.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  test('a token of another emulator (another data directory) is refused', async () => {
    const other = await startTestEmulator({ now: () => clock });
    try {
      const foreign = await other.token('tom');
      const me = await asToken(foreign, 'GET', '/me');
      expect(me.status).toBe(401);
    } finally {
      await other.stop();
    }
  });

  test('after a reset a token still names only its own persona (the tenant is unchanged)', async () => {
    const staff = await mint(UPN.sofie);
    const reset = await t.control('POST', '/reset');
    expect(reset.status).toBe(204);
    const me = await asToken(staff, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ userPrincipalName: UPN.sofie });
    // The reset emptied the site; put the product's lists back for the tests after this one.
    lists = await createLists(t);
    await applyProductPermissions(t, lists);
    const created = await t.graph('hilde', 'POST', items(lists.functies), {
      fields: {
        Title: 'Deskundige ICT',
        FunctieKey: 'deskundige-ict',
        Soort: 'functiebeschrijving',
      },
    });
    expect(created.status).toBe(201);
  });

  test.each([
    ['no Bearer scheme', (token: string) => token],
    ['another prefix', (token: string) => `Bearer eyJ${token.slice(5)}`],
    ['alg none JWT', () => 'Bearer eyJhbGciOiJub25lIn0.eyJ1cG4iOiJ0b20ifQ.'],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
  ])('an Authorization header with %s is refused', async (_name, header) => {
    const token = await mint(UPN.tom);
    const res = await fetch(`${t.emu.graphBaseUrl}/me`, {
      headers: { authorization: header(token) },
    });
    expect(res.status).toBe(401);
  });
});

describe('a staff token never writes', () => {
  test.each([
    [
      'create an item',
      'POST',
      () => items(lists.functies),
      { fields: { Title: 'x', FunctieKey: 'x' } },
    ],
    ['edit an item', 'PATCH', () => `${items(lists.functies)}/1/fields`, { Title: 'Gekaapt' }],
    ['delete an item', 'DELETE', () => `${items(lists.functies)}/1`, undefined],
    [
      'add a decision',
      'POST',
      () => items(lists.besluiten),
      { fields: { Title: 'x', Uitkomst: 'Goedgekeurd' } },
    ],
    [
      'add a request',
      'POST',
      () => items(lists.aanvragen),
      { fields: { Title: 'x', Status: 'Open' } },
    ],
    [
      'create a list',
      'POST',
      () => `/sites/${SITE_ID}/lists`,
      { displayName: 'Eigen', list: { template: 'genericList' } },
    ],
  ] as const)('%s: 403', async (_name, method, path, body) => {
    const res = await t.graph('sofie', method, path(), body);
    expect(res.status).toBe(403);
  });

  test('not through $batch either', async () => {
    const res = await t.graph('sofie', 'POST', '/$batch', {
      requests: [
        {
          id: '1',
          method: 'PATCH',
          url: `${items(lists.functies)}/1/fields`,
          headers: { 'content-type': 'application/json' },
          body: { Title: 'Gekaapt' },
        },
        {
          id: '2',
          method: 'POST',
          url: items(lists.besluiten),
          headers: { 'content-type': 'application/json' },
          body: { fields: { Title: 'x', Uitkomst: 'Goedgekeurd' } },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.responses.map((r: { status: number }) => r.status).sort()).toEqual([403, 403]);
  });

  test('not through a $batch entry carrying a tampered HR token', async () => {
    const hr = await mint(UPN.hilde);
    const res = await t.graph('sofie', 'POST', '/$batch', {
      requests: [
        {
          id: '1',
          method: 'PATCH',
          url: `${items(lists.functies)}/1/fields`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}x` },
          body: { Title: 'Gekaapt' },
        },
      ],
    });
    expect(res.status).toBe(200);
    const status = res.body.responses[0].status as number;
    expect([401, 403]).toContain(status);
  });

  test('not through the emulator bulk endpoint', async () => {
    const res = await t.control(
      'POST',
      '/bulk',
      { listId: lists.functies, items: [{ fields: { Title: 'x', FunctieKey: 'bulk-x' } }] },
      { authorization: `Bearer ${await t.token('sofie')}` },
    );
    expect(res.status).toBe(403);
  });
});

describe('tokens stay out of URLs, logs and answers', () => {
  test('a token in the query string is not accepted', async () => {
    const token = await mint(UPN.tom);
    const res = await fetch(`${t.emu.graphBaseUrl}/me?access_token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(401);
  });

  test('refusals and errors never echo the Authorization header, and nothing logs it', async () => {
    const token = await mint(UPN.sofie);
    const tampered = `${token}A`;
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '),
        );
      }),
    );
    try {
      const answers = [
        await asToken(tampered, 'GET', '/me'),
        await asToken(token, 'PATCH', `${items(lists.functies)}/1/fields`, { Title: 'x' }),
        await asToken(token, 'GET', `${items(lists.functies)}/999999`),
        await asToken(token, 'GET', '/sites/onbekend/lists'),
        await asToken(token, 'POST', '/$batch', { requests: 'geen lijst' }),
      ];
      expect(answers.map((a) => a.status)).toEqual([401, 403, 404, 404, 400]);
      for (const answer of answers) {
        expect(answer.text).not.toContain(token.split('.')[2] ?? token);
        for (const [, value] of answer.headers) expect(value).not.toContain(token);
      }

      // The product's Graph client: its errors and its exchange log carry no token either.
      const exchanges: unknown[] = [];
      const client = createGraphClient({
        baseUrl: t.emu.graphBaseUrl,
        getToken: () => Promise.resolve(tampered),
        onExchange: (e) => exchanges.push(e),
        retry: { sleep: () => Promise.resolve() },
      });
      const failure = await client.expectOk('GET', '/me').then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      const described = `${String(failure)} ${(failure as Error).stack ?? ''} ${JSON.stringify(failure)}`;
      expect(described).not.toContain(tampered);
      expect(JSON.stringify(exchanges)).not.toContain(tampered);
      expect(exchanges.length).toBeGreaterThan(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const line of logged) expect(line).not.toContain(token.split('.')[2] ?? token);
  });
});
