import {
  type Body,
  createLists,
  GROUP,
  SITE_ID,
  startTestEmulator,
  type TestEmulator,
  UPN,
  type Who,
} from './helpers';

/**
 * The emulator's SharePoint REST subset (docs/emulator.md, "SharePoint REST"): tokens for the
 * SharePoint resource only, JSON light only, and list permissions that Graph's item routes
 * enforce afterwards — one permission model for both.
 */

let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;
const spTokens = new Map<Who, string>();

beforeAll(async () => {
  t = await startTestEmulator();
  lists = await createLists(t);
});
afterAll(() => t.stop());

async function spToken(who: Who): Promise<string> {
  const cached = spTokens.get(who);
  if (cached) return cached;
  const res = await fetch(`${t.emu.url}/_emulator/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ upn: UPN[who], resource: 'https://stadtienen.sharepoint.com' }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  spTokens.set(who, token);
  return token;
}

async function rest(
  who: Who,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${t.emu.url}/sites/functiewijzer/_api/${path}`, {
    method,
    headers: {
      Accept: 'application/json;odata=nometadata',
      Authorization: `Bearer ${await spToken(who)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json;odata=nometadata' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

const ADD_ONLY = { High: '48', Low: '134418531' };

describe('tokens and format', () => {
  it('refuses a Graph token, and Graph refuses a SharePoint token', async () => {
    const res = await fetch(`${t.emu.url}/sites/functiewijzer/_api/web`, {
      headers: {
        Accept: 'application/json;odata=nometadata',
        Authorization: `Bearer ${await t.token('tom')}`,
      },
    });
    expect(res.status).toBe(401);
    const graph = await fetch(`${t.emu.graphBaseUrl}/me`, {
      headers: { Authorization: `Bearer ${await spToken('tom')}` },
    });
    expect(graph.status).toBe(401);
    expect(((await graph.json()) as Body).error.message).toMatch(/audience/i);
  });

  it('answers JSON light only', async () => {
    const res = await rest('tom', 'GET', 'web', undefined, { Accept: 'application/json' });
    expect(res.status).toBe(406);
    const web = await rest('tom', 'GET', 'web');
    expect(web.status).toBe(200);
    expect(web.body.ServerRelativeUrl).toBe('/sites/functiewijzer');
  });

  it('answers SharePoint’s error shape for an unknown list', async () => {
    const res = await rest('tom', 'GET', "web/lists/getbytitle('Bestaat niet')");
    expect(res.status).toBe(404);
    expect(res.body['odata.error'].message.value).toMatch(/does not exist/);
  });
});

describe('list permissions through REST', () => {
  const functies = "web/lists/getbytitle('Functies')";
  const besluiten = "web/lists/getbytitle('Besluiten')";

  it('lets only a site owner break inheritance', async () => {
    const res = await rest(
      'hilde',
      'POST',
      `${functies}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    expect(res.status).toBe(403);
  });

  it('breaks inheritance keeping the caller with Full Control, and lists assignments', async () => {
    const before = await rest('tom', 'GET', `${functies}?$select=HasUniqueRoleAssignments`);
    expect(before.body).toEqual({ HasUniqueRoleAssignments: false });
    const broke = await rest(
      'tom',
      'POST',
      `${functies}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    expect(broke.status).toBe(200);
    const after = await rest(
      'tom',
      'GET',
      `${functies}/roleassignments?$expand=Member,RoleDefinitionBindings`,
    );
    expect(after.body.value).toEqual([
      expect.objectContaining({
        Member: expect.objectContaining({ LoginName: `i:0#.f|membership|${UPN.tom}` }),
        RoleDefinitionBindings: [expect.objectContaining({ RoleTypeKind: 5 })],
      }),
    ]);
  });

  it('grants read to everyone and contribute to HR; Graph enforces it', async () => {
    const everyone = await rest('tom', 'POST', 'web/ensureuser', {
      logonName: 'c:0-.f|rolemanager|spo-grid-all-users/5b1e7c3a-2f4d-4e8b-9a6c-1d0f3e2b4a71',
    });
    const hr = await rest('tom', 'POST', 'web/ensureuser', {
      logonName: `c:0t.c|tenant|${GROUP.members}`,
    });
    expect(hr.body).toEqual(
      expect.objectContaining({ PrincipalType: 4, Title: 'Functiewijzer Leden' }),
    );
    const reader = await rest('tom', 'GET', 'web/roledefinitions/getbytype(2)');
    const contributor = await rest('tom', 'GET', 'web/roledefinitions/getbytype(3)');
    for (const [p, d] of [
      [everyone.body.Id, reader.body.Id],
      [hr.body.Id, contributor.body.Id],
    ]) {
      const res = await rest(
        'tom',
        'POST',
        `${functies}/roleassignments/addroleassignment(principalid=${p},roledefid=${d})`,
      );
      expect(res.status).toBe(200);
    }
    const item = { fields: { Title: 'Test', FunctieKey: 'test-rest', Soort: 'functieprofiel' } };
    const staff = await t.graph(
      'sofie',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.functies}/items`,
      item,
    );
    expect(staff.status).toBe(403);
    const read = await t.graph('sofie', 'GET', `/sites/${SITE_ID}/lists/${lists.functies}/items`);
    expect(read.status).toBe(200);
    const byHr = await t.graph(
      'hilde',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.functies}/items`,
      item,
    );
    expect(byHr.status).toBe(201);
  });

  it('removes an assignment, and refuses one on a list that inherits', async () => {
    const tom = 16;
    const full = 1073741829;
    const removed = await rest(
      'tom',
      'POST',
      `${functies}/roleassignments/removeroleassignment(principalid=${tom},roledefid=${full})`,
    );
    expect(removed.status).toBe(200);
    const now = await rest('tom', 'GET', `${functies}/roleassignments`);
    expect(now.body.value.map((a: Body) => a.PrincipalId)).not.toContain(tom);
    const inherits = await rest(
      'tom',
      'POST',
      `web/lists/getbytitle('Competenties')/roleassignments/addroleassignment(principalid=${tom},roledefid=${full})`,
    );
    expect(inherits.status).toBe(400);
  });

  it('makes an add-only level: approvers add decisions, never edit them', async () => {
    const level = await rest('tom', 'POST', 'web/roledefinitions', {
      Name: 'Alleen toevoegen',
      Description: 'toevoegen',
      BasePermissions: ADD_ONLY,
    });
    expect(level.status).toBe(201);
    expect(level.body).toEqual(
      expect.objectContaining({ RoleTypeKind: 0, BasePermissions: ADD_ONLY }),
    );
    const again = await rest('tom', 'POST', 'web/roledefinitions', {
      Name: 'Alleen toevoegen',
      BasePermissions: ADD_ONLY,
    });
    expect(again.status).toBe(400);
    const approvers = await rest('tom', 'POST', 'web/ensureuser', {
      logonName: `c:0t.c|tenant|${GROUP.approvers}`,
    });
    await rest(
      'tom',
      'POST',
      `${besluiten}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`,
    );
    const added = await rest(
      'tom',
      'POST',
      `${besluiten}/roleassignments/addroleassignment(principalid=${approvers.body.Id},roledefid=${level.body.Id})`,
    );
    expect(added.status).toBe(200);
    const created = await t.graph(
      'jan',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.besluiten}/items`,
      {
        fields: { Title: 'Besluit', Uitkomst: 'Goedgekeurd' },
      },
    );
    expect(created.status).toBe(201);
    const edited = await t.graph(
      'jan',
      'PATCH',
      `/sites/${SITE_ID}/lists/${lists.besluiten}/items/${created.body.id as string}/fields`,
      { Uitkomst: 'Afgewezen' },
    );
    expect(edited.status).toBe(403);
  });

  it('refuses a level whose item rights the emulator does not model, and an unknown user', async () => {
    const editOnly = await rest('tom', 'POST', 'web/roledefinitions', {
      Name: 'Alleen bewerken',
      BasePermissions: { High: '0', Low: '5' },
    });
    expect(editOnly.status).toBe(400);
    const unknown = await rest('tom', 'POST', 'web/ensureuser', {
      logonName: 'c:0t.c|tenant|00000000-0000-0000-0000-000000000000',
    });
    expect(unknown.status).toBe(500);
  });
});

describe('views and formatting', () => {
  const koppelingen = "web/lists/getbytitle('Functiecompetenties')";

  it('has a default view, and refuses one that sorts on a non-indexed column', async () => {
    const view = await rest('tom', 'GET', `${koppelingen}/defaultview`);
    expect(view.body).toEqual(
      expect.objectContaining({
        Title: 'Alle items',
        ServerRelativeUrl: '/sites/functiewijzer/Lists/Functiecompetenties/AllItems.aspx',
      }),
    );
    const path = `${koppelingen}/views/getbyid('${view.body.Id as string}')`;
    const bad = await rest(
      'tom',
      'POST',
      path,
      { ViewQuery: '<OrderBy><FieldRef Name="Cluster" /></OrderBy>' },
      { 'X-HTTP-Method': 'MERGE' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body['odata.error'].message.value).toMatch(/not indexed/);
    const query =
      '<GroupBy Collapse="TRUE"><FieldRef Name="Functie" /></GroupBy><OrderBy><FieldRef Name="VereistNiveau" /></OrderBy>';
    const good = await rest(
      'tom',
      'POST',
      path,
      { ViewQuery: query },
      { 'X-HTTP-Method': 'MERGE' },
    );
    expect(good.status).toBe(204);
    expect((await rest('tom', 'GET', path)).body.ViewQuery).toBe(query);
    await rest('tom', 'POST', `${path}/viewfields/removeallviewfields`);
    await rest('tom', 'POST', `${path}/viewfields/addviewfield('LinkTitle')`);
    await rest('tom', 'POST', `${path}/viewfields/addviewfield('VereistNiveau')`);
    expect((await rest('tom', 'GET', `${path}/viewfields`)).body.Items).toEqual([
      'LinkTitle',
      'VereistNiveau',
    ]);
    expect((await rest('tom', 'POST', `${path}/viewfields/addviewfield('Bestaat')`)).status).toBe(
      400,
    );
    expect(
      (await rest('hilde', 'POST', path, { RowLimit: 50 }, { 'X-HTTP-Method': 'MERGE' })).status,
    ).toBe(403);
  });

  it('keeps column formatting JSON, and refuses JSON that is not a formatter', async () => {
    const field = `${koppelingen}/fields/getbyinternalnameortitle('VereistNiveau')`;
    const broken = await rest(
      'tom',
      'POST',
      field,
      { CustomFormatter: '{"txtContent":' },
      { 'X-HTTP-Method': 'MERGE' },
    );
    expect(broken.status).toBe(400);
    const noElement = await rest(
      'tom',
      'POST',
      field,
      { CustomFormatter: '{"txtContent":"x"}' },
      { 'X-HTTP-Method': 'MERGE' },
    );
    expect(noElement.status).toBe(400);
    const formatter = JSON.stringify({ elmType: 'span', txtContent: '@currentField' });
    expect(
      (
        await rest(
          'tom',
          'POST',
          field,
          { CustomFormatter: formatter },
          { 'X-HTTP-Method': 'MERGE' },
        )
      ).status,
    ).toBe(204);
    expect((await rest('tom', 'GET', field)).body.CustomFormatter).toBe(formatter);
  });
});

describe('column validation through Graph', () => {
  const message = 'Het niveau is een geheel getal van 0 tot 3.';
  const validation = {
    formula: '=OR(ISBLANK([Niveau]),AND([Niveau]>=0,[Niveau]<=3,INT([Niveau])=[Niveau]))',
    descriptions: [{ languageTag: 'nl-NL', displayName: message }],
    defaultLanguage: 'nl-NL',
  };

  it('refuses a write that fails the formula, with the column’s message', async () => {
    const column = await t.graph(
      'tom',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns`,
      {
        name: 'Niveau',
        number: {},
        validation,
      },
    );
    expect(column.status).toBe(201);
    expect(column.body.validation.formula).toBe(validation.formula);
    const path = `/sites/${SITE_ID}/lists/${lists.competenties}/items`;
    const wrong = await t.graph('tom', 'POST', path, { fields: { Title: 'X', Niveau: 2.5 } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe(message);
    expect((await t.graph('tom', 'POST', path, { fields: { Title: 'Y', Niveau: 2 } })).status).toBe(
      201,
    );
    expect((await t.graph('tom', 'POST', path, { fields: { Title: 'Z' } })).status).toBe(201);
  });

  it('refuses a formula over another column, and one the emulator cannot evaluate', async () => {
    const other = await t.graph(
      'tom',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns`,
      {
        name: 'Ander',
        number: {},
        validation: { formula: '=[Cluster]<>""' },
      },
    );
    expect(other.status).toBe(400);
    const unsupported = await t.graph(
      'tom',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns`,
      {
        name: 'Vreemd',
        text: {},
        validation: { formula: '=REGEX([Vreemd],"x")' },
      },
    );
    expect(unsupported.status).toBe(400);
  });
});
