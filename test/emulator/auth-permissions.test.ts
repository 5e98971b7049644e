import {
  type Body,
  GROUP,
  SITE_ID,
  type TestEmulator,
  UPN,
  type Who,
  applyProductPermissions,
  createLists,
  startTestEmulator,
} from './helpers';

let clock = Date.UTC(2025, 0, 6, 9, 0, 0);
let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;

beforeAll(async () => {
  t = await startTestEmulator({ now: () => clock });
  lists = await createLists(t);
  await applyProductPermissions(t, lists);
  await t.graph('hilde', 'POST', items(lists.functies), {
    fields: { Title: 'Deskundige ICT', FunctieKey: 'deskundige-ict', Soort: 'functiebeschrijving' },
  });
  await t.graph('hilde', 'POST', items(lists.aanvragen), {
    fields: { Title: 'Aanvraag', FunctieLookupId: 1, Status: 'Open' },
  });
  await t.graph('jan', 'POST', items(lists.besluiten), {
    fields: { Title: 'Besluit', Uitkomst: 'Goedgekeurd', AanvraagLookupId: 1 },
  });
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

describe('tokens', () => {
  it('mints a bearer token for a persona and lists the personas', async () => {
    const res = await t.control('POST', '/token', { upn: UPN.sofie });
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      upn: UPN.sofie,
    });
    const personas = await t.control('GET', '/personas');
    expect(personas.body).toEqual([
      { upn: UPN.sofie, displayName: 'Sofie Maes', role: 'staff' },
      { upn: UPN.pieter, displayName: 'Pieter Claes', role: 'staff' },
      { upn: UPN.hilde, displayName: 'Hilde Janssens', role: 'hr' },
      { upn: UPN.jan, displayName: 'Jan Peeters', role: 'approver' },
      { upn: UPN.els, displayName: 'Els Wouters', role: 'approver' },
      { upn: UPN.tom, displayName: 'Tom Vermeulen', role: 'admin' },
    ]);
    expect(
      (await t.control('POST', '/token', { upn: 'niemand@stadtienen.onmicrosoft.com' })).status,
    ).toBe(404);
    expect((await t.control('POST', '/token', { upn: '' })).status).toBe(400);
  });

  it('mints for the first member of staff when the request names nobody, and says so', async () => {
    const res = await t.control('POST', '/token', {});
    expect(res.status).toBe(200);
    expect(res.body.upn).toBe(UPN.sofie);
    const me = await fetch(`${t.emu.graphBaseUrl}/me`, {
      headers: { authorization: `Bearer ${res.body.access_token as string}` },
    });
    expect(((await me.json()) as { userPrincipalName: string }).userPrincipalName).toBe(UPN.sofie);
  });

  const get = (authorization: string | undefined): Promise<Response> =>
    fetch(`${t.emu.graphBaseUrl}/me`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers 401 InvalidAuthenticationToken without a token, with a malformed, a tampered and an expired one', async () => {
    const good = await mint(UPN.sofie);
    const [prefix, payload, signature] = good.split('.') as [string, string, string];
    const otherPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        sub: '5bae4f9d-6a7c-4b8d-9ecf-ba0b9c8d7e66',
      }),
    ).toString('base64url');
    const short = await mint(UPN.sofie, 60);
    clock += 61_000;
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'Access token is empty.'],
      ['Bearer ', 'Access token is empty.'],
      ['Basic abc', 'Access token is empty.'],
      ['Bearer eyJhbGciOiJub25lIn0.e30.', 'CompactToken parsing failed with error code: 80049217'],
      [
        `Bearer ${prefix}.${otherPayload}.${signature}`,
        'Access token validation failure. Invalid signature.',
      ],
      [`Bearer ${good.slice(0, -2)}xx`, 'Access token validation failure. Invalid signature.'],
      [`Bearer ${short}`, 'Lifetime validation failed, the token is expired.'],
    ];
    for (const [authorization, message] of cases) {
      const res = await get(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message });
    }
    expect((await get(`Bearer ${good}`)).status).toBe(200);
  });

  it('answers the user of the token on /me, and any user by id or UPN', async () => {
    const me = await t.graph('jan', 'GET', '/me');
    expect(me.body).toMatchObject({
      userPrincipalName: UPN.jan,
      displayName: 'Jan Peeters',
      mail: UPN.jan,
      jobTitle: 'Algemeen directeur',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const byUpn = await t.graph('sofie', 'GET', `/users/${UPN.jan}`);
    expect(byUpn.body.id).toBe(me.body.id);
    const byId = await t.graph(
      'sofie',
      'GET',
      `/users/${me.body.id as string}?$select=displayName`,
    );
    expect(Object.keys(byId.body).filter((k) => !k.startsWith('@odata'))).toEqual(['displayName']);
    expect(
      (await t.graph('sofie', 'GET', '/users/niemand@stadtienen.onmicrosoft.com')).status,
    ).toBe(404);
    const all = await t.graph('sofie', 'GET', '/users');
    expect(all.body.value).toHaveLength(7);
  });

  it('tells the app who approves: memberOf direct, transitiveMemberOf through nested groups', async () => {
    const names = (r: Body): string[] =>
      r.body.value.map((g: { displayName: string }) => g.displayName).sort();
    // Els is a deputy director: an approver only through the group nested in the approver group.
    expect(names(await t.graph('els', 'GET', '/me/memberOf'))).toEqual([
      'Adjunct-directeurs',
      'Functiewijzer',
      'Functiewijzer Bezoekers',
    ]);
    const transitive = await t.graph('els', 'GET', '/me/transitiveMemberOf');
    expect(names(transitive)).toEqual([
      'Adjunct-directeurs',
      'Functiewijzer',
      'Functiewijzer Bezoekers',
      'Functiewijzer Goedkeurders',
    ]);
    expect(transitive.body.value[0]['@odata.type']).toBe('#microsoft.graph.group');
    const all = await t.graph('sofie', 'GET', '/groups');
    expect(all.body.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Functiewijzer Bezoekers',
      'Functiewijzer Leden',
      'Functiewijzer Eigenaars',
      'Functiewijzer Goedkeurders',
      'Adjunct-directeurs',
      'Functiewijzer',
    ]);
  });

  it('lists group members directly (a nested group as a group) and transitively', async () => {
    const entries = (r: Body): string[] =>
      r.body.value.map(
        (m: { '@odata.type': string; userPrincipalName?: string; displayName: string }) =>
          `${m['@odata.type']} ${m.userPrincipalName ?? m.displayName}`,
      );
    const direct = await t.graph('sofie', 'GET', `/groups/${GROUP.approvers}/members`);
    expect(entries(direct)).toEqual([
      `#microsoft.graph.user ${UPN.jan}`,
      '#microsoft.graph.group Adjunct-directeurs',
    ]);
    const flat = await t.graph('sofie', 'GET', `/groups/${GROUP.approvers}/transitiveMembers`);
    expect(entries(flat)).toEqual([
      `#microsoft.graph.user ${UPN.jan}`,
      `#microsoft.graph.user ${UPN.els}`,
      '#microsoft.graph.group Adjunct-directeurs',
    ]);
    const users = await t.graph(
      'sofie',
      'GET',
      `/groups/${GROUP.approvers}/transitiveMembers/microsoft.graph.user?$select=id,userPrincipalName`,
    );
    expect(entries(users)).toEqual([
      `#microsoft.graph.user ${UPN.jan}`,
      `#microsoft.graph.user ${UPN.els}`,
    ]);
  });
});

describe('permissions per persona', () => {
  type Attempt = { status: number; body: Body };
  const addRole = (who: Who, key: string): Promise<Attempt> =>
    t.graph(who, 'POST', items(lists.functies), {
      fields: { Title: key, FunctieKey: key, Soort: 'functieprofiel' },
    });
  const editRole = (who: Who): Promise<Attempt> =>
    t.graph(who, 'PATCH', `${items(lists.functies)}/1/fields`, { Graad: who });
  const addRequest = (who: Who): Promise<Attempt> =>
    t.graph(who, 'POST', items(lists.aanvragen), {
      fields: { Title: who, FunctieLookupId: 1, Status: 'Open' },
    });
  const addDecision = (who: Who): Promise<Attempt> =>
    t.graph(who, 'POST', items(lists.besluiten), { fields: { Title: who, Uitkomst: 'Afgewezen' } });
  const editDecision = (who: Who): Promise<Attempt> =>
    t.graph(who, 'PATCH', `${items(lists.besluiten)}/1/fields`, { Uitkomst: 'Afgewezen' });
  const deleteDecision = (who: Who): Promise<Attempt> =>
    t.graph(who, 'DELETE', `${items(lists.besluiten)}/1`);

  it('lets everyone read content, requests and decisions', async () => {
    for (const who of ['sofie', 'pieter', 'hilde', 'jan', 'els', 'tom', 'koen'] as const) {
      for (const listId of [lists.functies, lists.aanvragen, lists.besluiten]) {
        expect((await t.graph(who, 'GET', items(listId))).status).toBe(200);
      }
    }
  });

  it('keeps staff read-only with 403 accessDenied in Graph’s error shape', async () => {
    for (const who of ['sofie', 'pieter', 'koen'] as const) {
      for (const attempt of [
        await addRole(who, `k-${who}`),
        await editRole(who),
        await addRequest(who),
        await addDecision(who),
      ]) {
        expect(attempt.status).toBe(403);
        expect(attempt.body.error).toMatchObject({
          code: 'accessDenied',
          innerError: { 'request-id': expect.any(String) },
        });
      }
    }
  });

  it('lets HR edit content and add requests, never decide', async () => {
    expect((await addRole('hilde', 'hr-rol')).status).toBe(201);
    expect((await editRole('hilde')).status).toBe(200);
    expect((await addRequest('hilde')).status).toBe(201);
    expect((await addDecision('hilde')).status).toBe(403);
  });

  it('lets approvers add decisions but not edit content', async () => {
    expect((await addDecision('jan')).status).toBe(201);
    expect((await addDecision('els')).status).toBe(201);
    expect((await editRole('jan')).status).toBe(403);
    expect((await addRole('els', 'els-rol')).status).toBe(403);
  });

  it('lets nobody edit or delete a decision, not even its author or the site owner', async () => {
    for (const who of ['jan', 'els', 'hilde', 'tom'] as const) {
      expect((await editDecision(who)).status).toBe(403);
      expect((await deleteDecision(who)).status).toBe(403);
    }
    const decision = await t.graph('sofie', 'GET', `${items(lists.besluiten)}/1?$expand=fields`);
    expect(decision.body.fields.Uitkomst).toBe('Goedgekeurd');
    expect(decision.body.createdBy.user.displayName).toBe('Jan Peeters');
  });

  it('hides a list from someone without any right on it', async () => {
    const secret = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, {
      displayName: 'Geheim',
    });
    const grant = await t.control(
      'POST',
      `/lists/${secret.body.id as string}/permissions`,
      { grants: [{ principalId: GROUP.members, role: 'read' }] },
      {
        authorization: `Bearer ${await t.token('tom')}`,
      },
    );
    expect(grant.status).toBe(200);
    const visible = async (who: Who): Promise<string[]> =>
      (await t.graph(who, 'GET', `/sites/${SITE_ID}/lists`)).body.value.map(
        (l: { displayName: string }) => l.displayName,
      );
    expect(await visible('hilde')).toContain('Geheim');
    expect(await visible('sofie')).not.toContain('Geheim');
    expect((await t.graph('sofie', 'GET', `/sites/${SITE_ID}/lists/Geheim`)).status).toBe(403);
    expect(await visible('tom')).toContain('Geheim'); // the site owner manages every list
  });
});

describe('the emulator-only list permission endpoint', () => {
  it('reads and sets a list’s role assignments for the site owner, and restores inheritance', async () => {
    const tom = { authorization: `Bearer ${await t.token('tom')}` };
    const current = await t.control('GET', `/lists/${lists.besluiten}/permissions`, undefined, tom);
    expect(current.body).toEqual({
      inheritFromSite: false,
      grants: [
        { principalId: GROUP.visitors, role: 'read', principalName: 'Functiewijzer Bezoekers' },
        {
          principalId: GROUP.approvers,
          role: 'addOnly',
          principalName: 'Functiewijzer Goedkeurders',
        },
      ],
    });
    const list = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, {
      displayName: 'Tijdelijk',
    });
    const path = `/lists/${list.body.id as string}/permissions`;
    expect((await t.control('GET', path, undefined, tom)).body).toEqual({
      inheritFromSite: true,
      grants: [],
    });
    await t.control('POST', path, { grants: [{ principalId: GROUP.owners, role: 'manage' }] }, tom);
    expect((await t.graph('hilde', 'GET', `/sites/${SITE_ID}/lists/Tijdelijk/items`)).status).toBe(
      403,
    );
    const restored = await t.control('POST', path, { inheritFromSite: true }, tom);
    expect(restored.body).toEqual({ inheritFromSite: true, grants: [] });
    expect((await t.graph('hilde', 'GET', `/sites/${SITE_ID}/lists/Tijdelijk/items`)).status).toBe(
      200,
    );
  });

  it('refuses anyone but a site owner, no token, unknown principals and roles', async () => {
    const path = `/lists/${lists.functies}/permissions`;
    const hilde = { authorization: `Bearer ${await t.token('hilde')}` };
    const tom = { authorization: `Bearer ${await t.token('tom')}` };
    expect((await t.control('POST', path, { grants: [] }, hilde)).status).toBe(403);
    expect((await t.control('POST', path, { grants: [] })).status).toBe(401);
    expect(
      (await t.control('POST', path, { grants: [{ principalId: 'x', role: 'read' }] }, tom)).status,
    ).toBe(400);
    expect(
      (
        await t.control(
          'POST',
          path,
          { grants: [{ principalId: GROUP.members, role: 'owner' }] },
          tom,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await t.control(
          'POST',
          path,
          { inheritFromSite: true, grants: [{ principalId: GROUP.members, role: 'read' }] },
          tom,
        )
      ).status,
    ).toBe(400);
    expect((await t.control('GET', `/lists/onbekend/permissions`, undefined, tom)).status).toBe(
      404,
    );
  });
});
