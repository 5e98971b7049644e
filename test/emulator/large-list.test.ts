import { SITE_ID, type TestEmulator, createLists, startTestEmulator } from './helpers';

/**
 * A list past SharePoint's 5,000-item view threshold, seeded in one call through the emulator's
 * store (`POST /_emulator/bulk`), then read the way the product must read it.
 */

const COUNT = 6_200;
const level = (i: number): number | null => (i % 7 === 0 ? null : i % 4);
const LEVELS = Array.from({ length: COUNT }, (_, i) => level(i));
let t: TestEmulator;
let lists: Awaited<ReturnType<typeof createLists>>;
const hilde = async (): Promise<Record<string, string>> => ({
  authorization: `Bearer ${await t.token('hilde')}`,
});

beforeAll(async () => {
  t = await startTestEmulator();
  lists = await createLists(t);
  const seed = await t.control(
    'POST',
    '/bulk',
    {
      listId: lists.functies,
      items: [{ fields: { Title: 'Rol', FunctieKey: 'rol', Soort: 'functieprofiel' } }],
    },
    await hilde(),
  );
  expect(seed.status).toBe(201);
  // Every 7th row has no level, so sorting meets empty values at page boundaries too.
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    fields: {
      Title: `Koppeling ${i}`,
      FunctieLookupId: 1,
      VereistNiveau: level(i),
      Cluster: `Cluster ${i % 13}`,
    },
  }));
  const res = await t.control(
    'POST',
    '/bulk',
    { listId: lists.koppelingen, items: rows },
    await hilde(),
  );
  expect(res).toEqual({ status: 201, body: { created: COUNT } });
});
afterAll(async () => {
  await t.stop();
});

const path = `/sites/${SITE_ID}/lists`;

async function all(
  first: string,
  who: 'sofie' = 'sofie',
): Promise<Array<{ id: string; fields?: Record<string, unknown> }>> {
  const out: Array<{ id: string; fields?: Record<string, unknown> }> = [];
  let next: string | undefined = first;
  while (next !== undefined) {
    const res = await t.graph(who, 'GET', next);
    expect(res.status).toBe(200);
    out.push(...res.body.value);
    const link = res.body['@odata.nextLink'] as string | undefined;
    next = link === undefined ? undefined : link.slice(t.emu.graphBaseUrl.length);
  }
  return out;
}

it('pages past 5,000 items with $top=5000 and nextLink, every item exactly once', async () => {
  const first = await t.graph('sofie', 'GET', `${path}/${lists.koppelingen}/items?$top=5000`);
  expect(first.body.value).toHaveLength(5000);
  const items = await all(`${path}/${lists.koppelingen}/items?$top=5000`);
  expect(items).toHaveLength(COUNT);
  expect(new Set(items.map((i) => i.id)).size).toBe(COUNT);
  expect(items.map((i) => Number(i.id))).toEqual(
    [...items.map((i) => Number(i.id))].sort((a, b) => a - b),
  );
});

it('filters and sorts on indexed columns of the large list', async () => {
  const level3 = await all(
    `${path}/${lists.koppelingen}/items?$filter=fields/VereistNiveau eq 3 and fields/FunctieLookupId eq 1&$orderby=fields/VereistNiveau desc&$expand=fields($select=VereistNiveau)&$top=1000`,
  );
  expect(level3).toHaveLength(LEVELS.filter((l) => l === 3).length);
  expect(level3.every((i) => i.fields?.['VereistNiveau'] === 3)).toBe(true);

  const sorted = await all(
    `${path}/${lists.koppelingen}/items?$orderby=fields/VereistNiveau desc&$expand=fields($select=VereistNiveau)&$top=777`,
  );
  const levels = sorted.map((i) => (i.fields?.['VereistNiveau'] as number | undefined) ?? null);
  // Descending, empty values last (SQL Server and SQLite agree on that).
  const expected = [...LEVELS].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  expect(levels).toEqual(expected);
  // Within one level the ID order breaks the tie, so pages never overlap.
  const ids = sorted.map((i) => Number(i.id));
  expect(new Set(ids).size).toBe(COUNT);
});

it('refuses a filter on a non-indexed column of a list over the threshold, even with the Prefer header', async () => {
  const url = `${path}/${lists.koppelingen}/items?$filter=fields/Cluster eq 'Cluster 3'`;
  const plain = await t.graph('sofie', 'GET', url);
  expect(plain.status).toBe(400);
  expect(plain.body.error.message).toContain(
    "Field 'Cluster' cannot be referenced in filter or orderby as it is not indexed",
  );
  const honoured = await t.graph('sofie', 'GET', url, undefined, {
    prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly',
  });
  expect(honoured.status).toBe(400);
  expect(honoured.body.error).toMatchObject({
    code: 'invalidRequest',
    message: 'The attempted operation is prohibited because it exceeds the list view threshold.',
  });
  const sorted = await t.graph(
    'sofie',
    'GET',
    `${path}/${lists.koppelingen}/items?$orderby=fields/Title`,
    undefined,
    {
      prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly',
    },
  );
  expect(sorted.status).toBe(400);
});

it('lets the same filter through once the column is indexed', async () => {
  const patch = await t.graph('tom', 'PATCH', `${path}/${lists.koppelingen}/columns/Cluster`, {
    indexed: true,
  });
  expect(patch.status).toBe(200);
  const res = await all(
    `${path}/${lists.koppelingen}/items?$filter=fields/Cluster eq 'cluster 3'&$expand=fields($select=Cluster)`,
  );
  expect(res).toHaveLength(Math.ceil((COUNT - 3) / 13));
  expect(res.every((i) => i.fields?.['Cluster'] === 'Cluster 3')).toBe(true);
});

it('refuses to add an index to a list of more than 20,000 items, as SharePoint Online does', async () => {
  const big = await t.graph('tom', 'POST', `${path}`, {
    displayName: 'Groot',
    columns: [{ name: 'Code', text: {} }],
  });
  const rows = Array.from({ length: 20_001 }, (_, i) => ({
    fields: { Title: `r${i}`, Code: `c${i}` },
  }));
  expect(
    (await t.control('POST', '/bulk', { listId: big.body.id, items: rows }, await hilde())).status,
  ).toBe(201);
  const patch = await t.graph('tom', 'PATCH', `${path}/${big.body.id as string}/columns/Code`, {
    indexed: true,
  });
  expect(patch.status).toBe(400);
  expect(patch.body.error.message).toBe(
    'The attempted operation is prohibited because it exceeds the list view threshold.',
  );
  const added = await t.graph('tom', 'POST', `${path}/${big.body.id as string}/columns`, {
    name: 'Nieuw',
    text: {},
    indexed: true,
  });
  expect(added.status).toBe(400);
});
