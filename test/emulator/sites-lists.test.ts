import { type Body, SITE_ID, type TestEmulator, createLists, startTestEmulator } from './helpers';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  expect((await t.control('POST', '/reset')).status).toBe(204);
});

describe('sites', () => {
  it.each([
    '/sites/stadtienen.sharepoint.com:/sites/functiewijzer',
    '/sites/stadtienen.sharepoint.com:/sites/functiewijzer:',
    '/sites/stadtienen.sharepoint.com%3A/sites/functiewijzer',
    `/sites/${SITE_ID}`,
  ])('finds the product site at %s', async (path) => {
    const res = await t.graph('sofie', 'GET', path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: SITE_ID,
      name: 'functiewijzer',
      displayName: 'Functiewijzer',
      webUrl: 'https://stadtienen.sharepoint.com/sites/functiewijzer',
      siteCollection: { hostname: 'stadtienen.sharepoint.com' },
    });
    expect(SITE_ID).toMatch(/^stadtienen\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
  });

  it('answers the root site and $select on a site', async () => {
    const root = await t.graph('sofie', 'GET', '/sites/root');
    expect(root.body).toMatchObject({ root: {}, webUrl: 'https://stadtienen.sharepoint.com' });
    const selected = await t.graph(
      'sofie',
      'GET',
      '/sites/stadtienen.sharepoint.com:/sites/functiewijzer?$select=id',
    );
    expect(Object.keys(selected.body).filter((k) => !k.startsWith('@odata'))).toEqual(['id']);
  });

  it('continues below a path-addressed site after the closing colon', async () => {
    await createLists(t);
    const res = await t.graph(
      'sofie',
      'GET',
      '/sites/stadtienen.sharepoint.com:/sites/functiewijzer:/lists/Functies',
    );
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Functies');
  });

  it('answers an unknown site with 404 itemNotFound in Graph’s error shape, with a request id', async () => {
    const res = await t.graph(
      'sofie',
      'GET',
      '/sites/stadtienen.sharepoint.com:/sites/bestaatniet',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('itemNotFound');
    expect(res.body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
    expect(res.body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('echoes client-request-id', async () => {
    const res = await t.graph('sofie', 'GET', '/sites/nope', undefined, {
      'client-request-id': 'abc-123',
    });
    expect(res.headers.get('client-request-id')).toBe('abc-123');
    expect(res.body.error.innerError['client-request-id']).toBe('abc-123');
  });

  it('answers an unknown segment with 400 BadRequest naming it', async () => {
    const top = await t.graph('sofie', 'GET', '/planets');
    expect(top.status).toBe(400);
    expect(top.body.error).toMatchObject({
      code: 'BadRequest',
      message: "Resource not found for the segment 'planets'.",
    });
    const nested = await t.graph('sofie', 'GET', `/sites/${SITE_ID}/drawers`);
    expect(nested.body.error.message).toBe("Resource not found for the segment 'drawers'.");
  });
});

describe('lists and columns', () => {
  it('creates a genericList with Title and the given columns, and finds it by id, title and name', async () => {
    const res = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, {
      displayName: 'Taak afspraken',
      columns: [
        { name: 'Volgorde', number: { minimum: 0 } },
        { name: 'Taken', text: { allowMultipleLines: true } },
      ],
      list: { template: 'genericList' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      displayName: 'Taak afspraken',
      name: 'Taakafspraken',
      list: { template: 'genericList' },
      webUrl: 'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Taakafspraken',
      createdBy: {
        user: { email: 'tom.vermeulen@stadtienen.onmicrosoft.com', displayName: 'Tom Vermeulen' },
      },
    });
    const names = (res.body.columns as Array<{ name: string }>).map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Title',
        'ID',
        'Created',
        'Modified',
        'Author',
        'Editor',
        'Volgorde',
        'Taken',
      ]),
    );
    for (const ref of [res.body.id, 'Taak afspraken', 'taakafspraken']) {
      const found = await t.graph(
        'sofie',
        'GET',
        `/sites/${SITE_ID}/lists/${encodeURIComponent(ref)}`,
      );
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(res.body.id);
    }
    const withColumns = await t.graph(
      'sofie',
      'GET',
      `/sites/${SITE_ID}/lists/${res.body.id}?$expand=columns`,
    );
    const volgorde = withColumns.body.columns.find((c: { name: string }) => c.name === 'Volgorde');
    expect(volgorde).toMatchObject({ indexed: false, required: false, number: { minimum: 0 } });
    const taken = withColumns.body.columns.find((c: { name: string }) => c.name === 'Taken');
    expect(taken.text).toMatchObject({ allowMultipleLines: true });
  });

  it('refuses a second list with the same title with 409 nameAlreadyExists', async () => {
    await createLists(t);
    const res = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, {
      displayName: 'functies',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('nameAlreadyExists');
  });

  it('refuses enforceUniqueValues on a column that is not indexed, as SharePoint does', async () => {
    const res = await t.graph('tom', 'POST', `/sites/${SITE_ID}/lists`, {
      displayName: 'Fout',
      columns: [{ name: 'Sleutel', text: {}, enforceUniqueValues: true }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalidRequest',
      message: 'This field must be indexed to enforce unique values.',
    });
    expect((await t.graph('tom', 'GET', `/sites/${SITE_ID}/lists/Fout`)).status).toBe(404);
  });

  it('refuses column definitions that are not valid (no type, two types, bad name, lookup to nowhere)', async () => {
    const lists = await createLists(t);
    const post = (def: unknown): Promise<{ status: number; body: Body }> =>
      t.graph('tom', 'POST', `/sites/${SITE_ID}/lists/${lists.functies}/columns`, def);
    expect((await post({ name: 'Leeg' })).status).toBe(400);
    expect((await post({ name: 'Twee', text: {}, number: {} })).status).toBe(400);
    expect((await post({ name: '1Fout', text: {} })).status).toBe(400);
    expect(
      (await post({ name: 'Kapot', lookup: { listId: 'nergens', columnName: 'Title' } })).status,
    ).toBe(400);
    expect((await post({ name: 'Onbekend', text: {}, kleur: 'rood' })).status).toBe(400);
    const dup = await post({ name: 'afdeling', text: {} });
    expect(dup.status).toBe(409);
  });

  it("changes a number column's bounds with PATCH, never another column's type", async () => {
    const lists = await createLists(t);
    const path = `/sites/${SITE_ID}/lists/${lists.competenties}/columns`;
    const added = await t.graph('tom', 'POST', path, {
      name: 'Gewicht',
      displayName: 'Gewicht',
      number: { minimum: 0, maximum: 3 },
    });
    expect(added.status).toBe(201);
    const widened = await t.graph('tom', 'PATCH', `${path}/${added.body.id}`, {
      number: { maximum: 10 },
    });
    expect(widened.status).toBe(200);
    expect(widened.body.number).toMatchObject({ minimum: 0, maximum: 10 });
    const crossed = await t.graph('tom', 'PATCH', `${path}/${added.body.id}`, {
      number: { minimum: 11 },
    });
    expect(crossed.status).toBe(400);
    const text = await t.graph('tom', 'POST', path, { name: 'Notitie', text: {} });
    const onText = await t.graph('tom', 'PATCH', `${path}/${text.body.id}`, {
      number: { maximum: 10 },
    });
    expect(onText.status).toBe(400);
  });

  it('adds a column to an existing list and indexes it later with PATCH', async () => {
    const lists = await createLists(t);
    const added = await t.graph(
      'tom',
      'POST',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns`,
      {
        name: 'CompetentieKey',
        displayName: 'Competentiesleutel',
        text: {},
      },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      name: 'CompetentieKey',
      displayName: 'Competentiesleutel',
      indexed: false,
    });
    const unique = await t.graph(
      'tom',
      'PATCH',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns/${added.body.id}`,
      {
        enforceUniqueValues: true,
      },
    );
    expect(unique.status).toBe(400);
    const indexed = await t.graph(
      'tom',
      'PATCH',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns/${added.body.id}`,
      {
        indexed: true,
        enforceUniqueValues: true,
      },
    );
    expect(indexed.status).toBe(200);
    expect(indexed.body).toMatchObject({ indexed: true, enforceUniqueValues: true });
    const byName = await t.graph(
      'sofie',
      'GET',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns/CompetentieKey`,
    );
    expect(byName.body).toMatchObject({ id: added.body.id, indexed: true });
  });

  it('refuses making a column unique while the list holds duplicates', async () => {
    const lists = await createLists(t);
    for (const title of ['A', 'a']) {
      expect(
        (
          await t.graph('hilde', 'POST', `/sites/${SITE_ID}/lists/${lists.competenties}/items`, {
            fields: { Title: title },
          })
        ).status,
      ).toBe(201);
    }
    const res = await t.graph(
      'tom',
      'PATCH',
      `/sites/${SITE_ID}/lists/${lists.competenties}/columns/Title`,
      {
        indexed: true,
        enforceUniqueValues: true,
      },
    );
    expect(res.status).toBe(400);
  });

  it('lets only the site owner create lists and change columns', async () => {
    const lists = await createLists(t);
    expect(
      (await t.graph('hilde', 'POST', `/sites/${SITE_ID}/lists`, { displayName: 'Van HR' })).status,
    ).toBe(403);
    const patch = await t.graph(
      'hilde',
      'PATCH',
      `/sites/${SITE_ID}/lists/${lists.functies}/columns/Graad`,
      { indexed: true },
    );
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('accessDenied');
  });
});
