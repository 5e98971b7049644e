import {
  type Body,
  SITE_ID,
  type TestEmulator,
  applyProductPermissions,
  createLists,
  startTestEmulator,
} from './helpers';

let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await t.control('POST', '/reset');
  lists = await createLists(t);
  await applyProductPermissions(t, lists);
});

const items = (listId: string): string => `/sites/${SITE_ID}/lists/${listId}/items`;

async function addRole(key: string, extra: Record<string, unknown> = {}): Promise<Body> {
  const res = await t.graph('hilde', 'POST', items(lists.functies), {
    fields: { Title: `Functie ${key}`, FunctieKey: key, Soort: 'functiebeschrijving', ...extra },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('creating and reading items', () => {
  it('returns the created item with fields, eTag and createdBy from the token', async () => {
    const created = await addRole('deskundige-ict', {
      Inhoudsversie: 3,
      Doel: 'Lijn 1\nLijn 2',
      Actief: true,
      Afdeling: 'ICT',
    });
    expect(created).toMatchObject({
      id: '1',
      createdBy: {
        user: { displayName: 'Hilde Janssens', email: 'hilde.janssens@stadtienen.onmicrosoft.com' },
      },
      lastModifiedBy: { user: { displayName: 'Hilde Janssens' } },
      contentType: { name: 'Item' },
      parentReference: { siteId: SITE_ID, id: lists.functies },
      fields: {
        Title: 'Functie deskundige-ict',
        FunctieKey: 'deskundige-ict',
        Inhoudsversie: 3,
        Doel: 'Lijn 1\nLijn 2',
        Actief: true,
        id: '1',
        ContentType: 'Item',
        AuthorLookupId: '13',
        _UIVersionString: '1.0',
      },
    });
    expect(created.eTag).toMatch(/^"[0-9a-f-]{36},1"$/);
    expect(created['@odata.etag']).toBe(created.eTag);
    expect(created.fields['@odata.etag']).toBe(created.eTag);
    expect(created.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.webUrl).toBe(
      'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/1_.000',
    );
    expect(created.fields).not.toHaveProperty('Graad'); // empty values are left out, as SharePoint does
  });

  it('returns fields only when expanded, and only the selected ones', async () => {
    await addRole('a', { Afdeling: 'ICT' });
    const bare = await t.graph('sofie', 'GET', `${items(lists.functies)}/1`);
    expect(bare.status).toBe(200);
    expect(bare.body).not.toHaveProperty('fields');
    const all = await t.graph('sofie', 'GET', `${items(lists.functies)}/1?$expand=fields`);
    expect(all.body.fields).toMatchObject({
      Title: 'Functie a',
      Afdeling: 'ICT',
      Modified: expect.any(String),
    });
    const some = await t.graph(
      'sofie',
      'GET',
      `${items(lists.functies)}/1?expand=fields(select=Afdeling)`,
    );
    expect(Object.keys(some.body.fields).sort()).toEqual(['@odata.etag', 'Afdeling']);
    const itemSelect = await t.graph(
      'sofie',
      'GET',
      `${items(lists.functies)}?$select=id&$expand=fields($select=Title)`,
    );
    expect(Object.keys(itemSelect.body.value[0]).sort()).toEqual(['@odata.etag', 'fields', 'id']);
    const unknown = await t.graph(
      'sofie',
      'GET',
      `${items(lists.functies)}?$expand=fields($select=Bestaatniet)`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Field 'Bestaatniet' is not recognized");
    const badExpand = await t.graph('sofie', 'GET', `${items(lists.functies)}?$expand=versions`);
    expect(badExpand.status).toBe(400);
  });

  it('answers a list query with selected fields exactly as the same fields of the whole item', async () => {
    await addRole('a', { Inhoudsversie: 3, Doel: 'Lijn 1\nLijn 2', Actief: true, Afdeling: 'ICT' });
    await addRole('b', { Actief: false });
    const select = 'Title,Inhoudsversie,Doel,Actief,Afdeling,Graad,LinkTitle,Modified';
    const picked = await t.graph(
      'sofie',
      'GET',
      `${items(lists.functies)}?$expand=fields($select=${select})`,
    );
    const whole = await t.graph('sofie', 'GET', `${items(lists.functies)}?$expand=fields`);
    expect(picked.status).toBe(200);
    const subset = (fields: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(fields).filter(
          ([k]) => k === '@odata.etag' || select.split(',').includes(k),
        ),
      );
    expect(picked.body.value.map((i: Body) => i.fields)).toEqual(
      whole.body.value.map((i: Body) => subset(i.fields)),
    );
    // Booleans stay booleans, numbers numbers, an empty column stays absent.
    expect(picked.body.value[0].fields).toMatchObject({ Actief: true, Inhoudsversie: 3 });
    expect(picked.body.value[1].fields.Actief).toBe(false);
    expect(picked.body.value[1].fields).not.toHaveProperty('Graad');
  });

  it('exposes lookups as {Name}LookupId strings and the looked-up value when selected by name', async () => {
    await addRole('a');
    const comp = await t.graph('hilde', 'POST', items(lists.competenties), {
      fields: { Title: 'Klantgerichtheid' },
    });
    const link = await t.graph('hilde', 'POST', items(lists.koppelingen), {
      fields: {
        Title: 'x',
        FunctieLookupId: '1',
        CompetentieLookupId: Number(comp.body.id),
        VereistNiveau: 2,
      },
    });
    expect(link.status).toBe(201);
    expect(link.body.fields).toMatchObject({
      FunctieLookupId: '1',
      CompetentieLookupId: '1',
      VereistNiveau: 2,
    });
    expect(link.body.fields).not.toHaveProperty('Functie');
    const read = await t.graph(
      'sofie',
      'GET',
      `${items(lists.koppelingen)}/${link.body.id}?$expand=fields($select=Functie,Competentie,FunctieLookupId)`,
    );
    expect(read.body.fields).toMatchObject({
      Functie: 'Functie a',
      Competentie: 'Klantgerichtheid',
      FunctieLookupId: '1',
    });
  });

  it('stores a date-only column as midnight in Brussels and answers it in UTC, as a Brussels site does', async () => {
    await t.graph('hilde', 'POST', items(lists.functies), {
      fields: { Title: 'x', FunctieKey: 'x', Soort: 'functieprofiel' },
    });
    await t.graph('jan', 'POST', items(lists.aanvragen), {
      fields: { Title: 'x', FunctieLookupId: 1 },
    });
    const winter = await t.graph('jan', 'POST', items(lists.besluiten), {
      fields: {
        Title: 'b',
        Uitkomst: 'Goedgekeurd',
        Besluitdatum: '2023-02-09T00:00:00Z',
        BeslisserLookupId: 14,
      },
    });
    expect(winter.status).toBe(201);
    expect(winter.body.fields).toMatchObject({
      Besluitdatum: '2023-02-08T23:00:00Z',
      BeslisserLookupId: '14',
    });
    const summer = await t.graph('jan', 'POST', items(lists.besluiten), {
      fields: { Title: 'c', Uitkomst: 'Goedgekeurd', Besluitdatum: '2023-07-01' },
    });
    expect(summer.body.fields.Besluitdatum).toBe('2023-06-30T22:00:00Z');
    const again = await t.graph('jan', 'POST', items(lists.besluiten), {
      fields: { Title: 'd', Uitkomst: 'Goedgekeurd', Besluitdatum: '2023-02-08T23:00:00Z' },
    });
    expect(again.body.fields.Besluitdatum).toBe('2023-02-08T23:00:00Z');
  });

  it('answers 404 itemNotFound for an item that does not exist', async () => {
    const res = await t.graph('sofie', 'GET', `${items(lists.functies)}/999`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('itemNotFound');
  });
});

describe('field validation', () => {
  const post = (
    fields: Record<string, unknown>,
    listId = lists.functies,
  ): Promise<{ status: number; body: Body }> => t.graph('hilde', 'POST', items(listId), { fields });

  it('refuses an unknown field as Graph does', async () => {
    const res = await post({ Title: 'x', FunctieKey: 'x', Soort: 'functieprofiel', Kleur: 'rood' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalidRequest',
      message: "Field 'Kleur' is not recognized",
    });
  });

  it('refuses a lookup written under its plain name, a read-only field, and a body without fields', async () => {
    await addRole('a');
    expect((await post({ Title: 'x', Functie: 1 }, lists.koppelingen)).body.error.message).toBe(
      "Field 'Functie' is not recognized",
    );
    expect(
      (
        await post({
          Title: 'x',
          FunctieKey: 'y',
          Soort: 'functieprofiel',
          Created: '2020-01-01T00:00:00Z',
        })
      ).status,
    ).toBe(400);
    expect((await t.graph('hilde', 'POST', items(lists.functies), { Title: 'x' })).status).toBe(
      400,
    );
  });

  it('refuses a missing required field, also when an update empties it', async () => {
    const missing = await post({ Title: 'x', Soort: 'functieprofiel' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe("Field 'FunctieKey' is required.");
    await addRole('a');
    const emptied = await t.graph('hilde', 'PATCH', `${items(lists.functies)}/1/fields`, {
      FunctieKey: '',
    });
    expect(emptied.status).toBe(400);
  });

  it('refuses null on create; an update with null keeps the value; "" clears every kind', async () => {
    const withNull = await post({
      Title: 'x',
      FunctieKey: 'x',
      Soort: 'functieprofiel',
      Afdeling: null,
    });
    expect(withNull.status).toBe(400);
    expect(withNull.body.error.message).toContain("'Afdeling' is null");
    await addRole('a', { Afdeling: 'ICT', Inhoudsversie: 2 });
    const path = `${items(lists.functies)}/1/fields`;
    expect((await t.graph('hilde', 'PATCH', path, { Afdeling: null })).status).toBe(200);
    const kept = await t.graph('sofie', 'GET', `${items(lists.functies)}/1?$expand=fields`);
    expect(kept.body.fields).toMatchObject({ Afdeling: 'ICT', Inhoudsversie: 2 });
    expect(
      (await t.graph('hilde', 'PATCH', path, { Afdeling: '', Inhoudsversie: '' })).status,
    ).toBe(200);
    const cleared = await t.graph('sofie', 'GET', `${items(lists.functies)}/1?$expand=fields`);
    expect(cleared.body.fields).not.toHaveProperty('Afdeling');
    expect(cleared.body.fields).not.toHaveProperty('Inhoudsversie');
  });

  it("refuses a duplicate in a unique column (case-insensitive) with SharePoint's 500, code and message, on create and on update", async () => {
    await addRole('deskundige-ict');
    await addRole('andere');
    const dup = await post({ Title: 'x', FunctieKey: 'Deskundige-ICT', Soort: 'functieprofiel' });
    expect(dup.status).toBe(500);
    expect(dup.body.error).toMatchObject({
      code: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
      message:
        'The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [FunctieKey].',
    });
    const onUpdate = await t.graph('hilde', 'PATCH', `${items(lists.functies)}/2/fields`, {
      FunctieKey: 'deskundige-ict',
    });
    expect(onUpdate.status).toBe(500);
    const sameItem = await t.graph('hilde', 'PATCH', `${items(lists.functies)}/1/fields`, {
      FunctieKey: 'deskundige-ict',
      Graad: 'B1',
    });
    expect(sameItem.status).toBe(200);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a string into a number column', { Inhoudsversie: '3' }],
    ['a number below the minimum', { Inhoudsversie: -1 }],
    ['a value outside the choices', { Soort: 'beleidsnota' }],
    ['a number into a text column', { Graad: 3 }],
    ['a line break in a single line of text', { Graad: 'B1\nB3' }],
    ['more than 255 characters in a single line of text', { Afdeling: 'x'.repeat(256) }],
    ['a string into a boolean column', { Actief: 'ja' }],
  ])('refuses %s', async (_what, fields) => {
    const res = await post({ Title: 'x', FunctieKey: 'x', Soort: 'functieprofiel', ...fields });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalidRequest');
  });

  it('refuses a number above the maximum and a date that is not one', async () => {
    await addRole('a');
    expect(
      (await post({ Title: 'x', FunctieLookupId: 1, VereistNiveau: 4 }, lists.koppelingen)).status,
    ).toBe(400);
    await t.graph('hilde', 'POST', items(lists.aanvragen), {
      fields: { Title: 'a', FunctieLookupId: 1 },
    });
    const badDate = await t.graph('jan', 'POST', items(lists.besluiten), {
      fields: { Title: 'b', Uitkomst: 'Goedgekeurd', Besluitdatum: '9 februari 2023' },
    });
    expect(badDate.status).toBe(400);
  });

  it('refuses a lookup to an item that does not exist, and a person who is not a site user', async () => {
    const res = await post({ Title: 'x', FunctieLookupId: 42 }, lists.koppelingen);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('does not exist');
    const person = await t.graph('jan', 'POST', items(lists.besluiten), {
      fields: { Title: 'b', Uitkomst: 'Goedgekeurd', BeslisserLookupId: 999 },
    });
    expect(person.status).toBe(400);
  });
});

describe('updating, eTags and versions', () => {
  it('updates fields, bumps the eTag, and keeps every change as a version with its fields', async () => {
    const created = await addRole('a', { Graad: 'B1' });
    const first = await t.graph(
      'hilde',
      'PATCH',
      `${items(lists.functies)}/1/fields`,
      { Graad: 'B2' },
      { 'if-match': created.eTag },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ Graad: 'B2', FunctieKey: 'a', _UIVersionString: '2.0' });
    expect(first.body['@odata.etag']).not.toBe(created.eTag);
    await t.graph('pieter', 'GET', `${items(lists.functies)}/1`);
    await t.graph('hilde', 'PATCH', `${items(lists.functies)}/1/fields`, { Graad: '' });
    const item = await t.graph('sofie', 'GET', `${items(lists.functies)}/1?$expand=fields`);
    expect(item.body.fields).not.toHaveProperty('Graad');
    expect(item.body.eTag).toMatch(/,3"$/);
    const versions = await t.graph('sofie', 'GET', `${items(lists.functies)}/1/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.value.map((v: { id: string }) => v.id)).toEqual(['3.0', '2.0', '1.0']);
    expect(versions.body.value[2].fields).toMatchObject({ Graad: 'B1', _UIVersionString: '1.0' });
    expect(versions.body.value[1].fields).toMatchObject({ Graad: 'B2' });
    expect(versions.body.value[0].fields).not.toHaveProperty('Graad');
    expect(versions.body.value[0].lastModifiedBy.user.displayName).toBe('Hilde Janssens');
    const one = await t.graph('sofie', 'GET', `${items(lists.functies)}/1/versions/2.0`);
    expect(one.body.fields.Graad).toBe('B2');
  });

  it('answers a stale If-Match with 412 and changes nothing; * always matches', async () => {
    const created = await addRole('a', { Graad: 'B1' });
    await t.graph('hilde', 'PATCH', `${items(lists.functies)}/1/fields`, { Graad: 'B2' });
    const stale = await t.graph(
      'hilde',
      'PATCH',
      `${items(lists.functies)}/1/fields`,
      { Graad: 'B3' },
      { 'if-match': created.eTag },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('preconditionFailed');
    const staleDelete = await t.graph('hilde', 'DELETE', `${items(lists.functies)}/1`, undefined, {
      'if-match': created.eTag,
    });
    expect(staleDelete.status).toBe(412);
    const now = await t.graph('sofie', 'GET', `${items(lists.functies)}/1?$expand=fields`);
    expect(now.body.fields.Graad).toBe('B2');
    const star = await t.graph(
      'hilde',
      'PATCH',
      `${items(lists.functies)}/1/fields`,
      { Graad: 'B3' },
      { 'if-match': '*' },
    );
    expect(star.status).toBe(200);
    const unquoted = await t.graph('hilde', 'DELETE', `${items(lists.functies)}/1`, undefined, {
      'if-match': (star.body['@odata.etag'] as string).replace(/"/g, ''),
    });
    expect(unquoted.status).toBe(204);
  });

  it('deletes with 204, after which the item is gone', async () => {
    await addRole('a');
    const del = await t.graph('hilde', 'DELETE', `${items(lists.functies)}/1`);
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expect((await t.graph('sofie', 'GET', `${items(lists.functies)}/1`)).status).toBe(404);
    expect((await t.graph('hilde', 'DELETE', `${items(lists.functies)}/1`)).status).toBe(404);
    const next = await addRole('b');
    expect(next.id).toBe('2'); // ids are never reused
  });
});

describe('querying', () => {
  beforeEach(async () => {
    const rows: Array<[string, string | null, string]> = [
      ['a', 'ICT', 'B1'],
      ['b', 'Financiën', 'B2'],
      ['c', 'ICT', 'C1'],
      ['d', null, 'A1'],
      ['e', 'ict', 'B3'],
    ];
    for (const [key, afdeling, graad] of rows)
      await addRole(key, { Graad: graad, ...(afdeling ? { Afdeling: afdeling } : {}) });
  });

  const ids = (res: { body: Body }): string[] => res.body.value.map((i: { id: string }) => i.id);
  const q = (
    query: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Body }> =>
    t.graph('sofie', 'GET', `${items(lists.functies)}?${query}`, undefined, headers);

  it('filters on indexed columns case-insensitively, with and/or/not and parentheses', async () => {
    expect(ids(await q("$filter=fields/Afdeling eq 'ICT'"))).toEqual(['1', '3', '5']);
    expect(ids(await q("$filter=fields/Afdeling eq 'ICT' and fields/FunctieKey ne 'c'"))).toEqual([
      '1',
      '5',
    ]);
    expect(
      ids(
        await q(
          "$filter=(fields/FunctieKey eq 'a' or fields/FunctieKey eq 'b') and not fields/Afdeling eq 'ict'",
        ),
      ),
    ).toEqual(['2']);
    expect(ids(await q("$filter=fields/Afdeling ne 'ICT'"))).toEqual(['2', '4']);
    expect(ids(await q('$filter=fields/Afdeling eq null'))).toEqual(['4']);
    expect(ids(await q("$filter=startswith(fields/FunctieKey,'B')"))).toEqual(['2']);
    expect(ids(await q("$filter=fields/FunctieKey gt 'c'"))).toEqual(['4', '5']);
  });

  it('filters on item properties: id, dates and the creator', async () => {
    expect(ids(await q('$filter=id ge 4'))).toEqual(['4', '5']);
    expect(ids(await q("$filter=id eq '2'"))).toEqual(['2']);
    const hilde = '2e7b1c6a-3d4f-4e5a-8b9c-8d7e6f5a4b33';
    const byCreator = `$filter=createdBy/user/id eq '${hilde}' and id le 2`;
    expect((await q(byCreator)).status).toBe(400); // Created By is not indexed
    expect(
      ids(await q(byCreator, { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' })),
    ).toEqual(['1', '2']);
    const dated = await q('$filter=lastModifiedDateTime ge 2000-01-01T00:00:00Z', {
      prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly',
    });
    expect(ids(dated)).toHaveLength(5);
  });

  it('orders by one or more keys, ascending or descending', async () => {
    expect(ids(await q('$orderby=fields/Afdeling desc,id desc'))).toEqual([
      '5',
      '3',
      '1',
      '2',
      '4',
    ]);
    expect(ids(await q('$orderby=fields/FunctieKey desc'))).toEqual(['5', '4', '3', '2', '1']);
    expect(ids(await q('$orderby=id desc&$top=2'))).toEqual(['5', '4']);
  });

  it('refuses a filter or sort on a column that is not indexed unless the client accepts the risk', async () => {
    const res = await q("$filter=fields/Graad eq 'B1'");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalidRequest',
      message:
        "Field 'Graad' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    });
    expect((await q('$orderby=fields/Graad')).status).toBe(400);
    const honoured = await q("$filter=fields/Graad eq 'B1'", {
      prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly',
    });
    expect(ids(honoured)).toEqual(['1']);
  });

  it('refuses a filter that does not parse, compares the wrong type, or names an unknown property', async () => {
    const broken = await q("$filter=fields/Afdeling eq 'ICT");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('BadRequest');
    expect((await q('$filter=fields/Afdeling eq 3')).status).toBe(400);
    expect((await q("$filter=kleur eq 'rood'")).status).toBe(400);
    expect((await q("$filter=fields/Kleur eq 'rood'")).body.error.message).toBe(
      "Field 'Kleur' is not recognized",
    );
  });

  it('pages with $top and an opaque, absolute @odata.nextLink until the last page', async () => {
    const seen: string[] = [];
    let url: string | undefined =
      `${t.emu.graphBaseUrl}${items(lists.functies)}?$expand=fields($select=FunctieKey)&$top=2&$orderby=fields/Afdeling`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${await t.token('sofie')}` },
      });
      const body = (await res.json()) as {
        value: Array<{ id: string; fields: { FunctieKey: string } }>;
        '@odata.nextLink'?: string;
      };
      expect(res.status).toBe(200);
      seen.push(...body.value.map((i) => i.fields.FunctieKey));
      url = body['@odata.nextLink'];
      if (url) expect(url.startsWith(`${t.emu.graphBaseUrl}/sites/`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['d', 'b', 'a', 'c', 'e']);
  });

  it('refuses $top above 5000 and a skiptoken from another query', async () => {
    expect((await q('$top=5001')).status).toBe(400);
    expect((await q('$top=0')).status).toBe(400);
    const first = await q('$top=1');
    const token = new URL(first.body['@odata.nextLink'] as string).searchParams.get('$skiptoken');
    const other = await q(`$top=1&$orderby=fields/Afdeling&$skiptoken=${token ?? ''}`);
    expect(other.status).toBe(400);
    expect((await q('$top=1&$skiptoken=rommel')).status).toBe(400);
  });

  it('defaults to 200 items a page', async () => {
    const res = await t.control(
      'POST',
      '/bulk',
      {
        listId: lists.competenties,
        items: Array.from({ length: 250 }, (_, i) => ({ fields: { Title: `C${i}` } })),
      },
      { authorization: `Bearer ${await t.token('hilde')}` },
    );
    expect(res.body).toEqual({ created: 250 });
    const page = await t.graph('sofie', 'GET', items(lists.competenties));
    expect(page.body.value).toHaveLength(200);
    expect(page.body['@odata.nextLink']).toEqual(expect.any(String));
  });
});

describe('delta', () => {
  it('enumerates the list, then reports only what changed since, with deletions', async () => {
    for (const key of ['a', 'b', 'c']) await addRole(key);
    const first = await t.graph('sofie', 'GET', `${items(lists.functies)}/delta?$top=2`);
    expect(first.status).toBe(200);
    expect(first.body.value.map((i: { id: string }) => i.id)).toEqual(['1', '2']);
    expect(first.body.value[0].fields.FunctieKey).toBe('a');
    const nextPath = (first.body['@odata.nextLink'] as string).slice(t.emu.graphBaseUrl.length);
    const second = await t.graph('sofie', 'GET', nextPath);
    expect(second.body.value.map((i: { id: string }) => i.id)).toEqual(['3']);
    const deltaLink = second.body['@odata.deltaLink'] as string;
    expect(deltaLink).toContain('/items/delta?');

    const quiet = await t.graph('sofie', 'GET', deltaLink.slice(t.emu.graphBaseUrl.length));
    expect(quiet.body.value).toEqual([]);

    await t.graph('hilde', 'PATCH', `${items(lists.functies)}/2/fields`, { Graad: 'B2' });
    await t.graph('hilde', 'DELETE', `${items(lists.functies)}/1`);
    await addRole('d');
    const changes = await t.graph('sofie', 'GET', deltaLink.slice(t.emu.graphBaseUrl.length));
    // The link keeps $top=2: the third change comes on the next page.
    const rest = await t.graph(
      'sofie',
      'GET',
      (changes.body['@odata.nextLink'] as string).slice(t.emu.graphBaseUrl.length),
    );
    expect([...changes.body.value, ...rest.body.value]).toEqual([
      expect.objectContaining({ id: '2', fields: expect.objectContaining({ Graad: 'B2' }) }),
      { id: '1', deleted: { state: 'deleted' } },
      expect.objectContaining({ id: '4' }),
    ]);
    expect(rest.body['@odata.deltaLink']).toEqual(expect.any(String));
  });

  it('answers token=latest with no items and a link for what comes next', async () => {
    await addRole('a');
    const latest = await t.graph('sofie', 'GET', `${items(lists.functies)}/delta?token=latest`);
    expect(latest.body.value).toEqual([]);
    await addRole('b');
    const next = await t.graph(
      'sofie',
      'GET',
      (latest.body['@odata.deltaLink'] as string).slice(t.emu.graphBaseUrl.length),
    );
    expect(next.body.value.map((i: { id: string }) => i.id)).toEqual(['2']);
  });
});
