import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildColumn } from '../../src/emulator/column-input';
import { parseItemQuery } from '../../src/emulator/item-query';
import { type ListRow, ListStore } from '../../src/emulator/list-store';
import { Store } from '../../src/emulator/store';

/**
 * Keyset paging at the store: whatever the sort (text and numbers, ascending or descending,
 * empty values among them) and whatever the page size, the pages put together are the one-shot
 * answer, and that answer is the order SharePoint would give.
 */

let dir: string;
let store: Store;
let lists: ListStore;
let list: ListRow;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fw-store-'));
  store = new Store({ dataDir: dir });
  lists = new ListStore(store, () => Date.UTC(2024, 0, 1));
  list = store.tx(() =>
    lists.createList(
      'site',
      {
        displayName: 'Proef',
        name: 'Proef',
        description: '',
        template: 'genericList',
        columns: [
          buildColumn({ name: 'Naam', text: {}, indexed: true }, 'c1', [], () => null),
          buildColumn({ name: 'Score', number: {}, indexed: true }, 'c2', [], () => null),
        ],
      },
      11,
    ),
  );
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function compareNullable<T>(
  a: T | null,
  b: T | null,
  cmp: (x: T, y: T) => number,
  descending: boolean,
): number {
  // NULL sorts first ascending and last descending, in SQLite as in SQL Server.
  if (a === null && b === null) return 0;
  if (a === null) return descending ? 1 : -1;
  if (b === null) return descending ? -1 : 1;
  const c = cmp(a, b);
  return descending ? -c : c;
}

const rowArb = fc.record({
  Naam: fc.option(fc.constantFrom('alfa', 'Alfa', 'beta', 'BETA', 'gamma', 'delta', 'a', 'b'), {
    nil: null,
  }),
  Score: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
});
type Row = { Naam: string | null; Score: number | null };
/** Filters on the indexed columns and what they mean: SQL's three-valued logic, NOCASE text. */
const FILTERS: Array<[string, (r: Row) => boolean]> = [
  ['', () => true],
  ["fields/Naam eq 'ALFA'", (r) => r.Naam?.toLowerCase() === 'alfa'],
  ['fields/Score ge 1', (r) => r.Score !== null && r.Score >= 1],
  ["startswith(fields/Naam,'a')", (r) => r.Naam !== null && r.Naam.toLowerCase().startsWith('a')],
  ["fields/Naam ne 'beta'", (r) => r.Naam === null || r.Naam.toLowerCase() !== 'beta'],
  [
    "fields/Naam eq 'b' or fields/Score lt 0",
    (r) => r.Naam?.toLowerCase() === 'b' || (r.Score !== null && r.Score < 0),
  ],
  ['fields/Score eq null', (r) => r.Score === null],
  [
    "fields/Score le 2 and fields/Naam gt 'b'",
    (r) => r.Score !== null && r.Score <= 2 && r.Naam !== null && r.Naam.toLowerCase() > 'b',
  ],
];
const orderArb = fc.array(
  fc.record({ key: fc.constantFrom('Naam', 'Score', 'ID'), desc: fc.boolean() }),
  { minLength: 0, maxLength: 3 },
);

it('pages together to the one-shot answer, filtered and in SharePoint’s order', () => {
  fc.assert(
    fc.property(
      fc.array(rowArb, { minLength: 0, maxLength: 40 }),
      orderArb,
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 0, max: FILTERS.length - 1 }),
      (rows, order, top, which) => {
        const [filter, keep] = FILTERS[which] as [string, (r: Row) => boolean];
        store.db.exec(`DELETE FROM items WHERE list_pk = ${list.pk}`);
        store.tx(() =>
          lists.bulkCreate(
            list,
            rows.map(
              (r) =>
                new Map<string, string | number | null>([
                  ['Title', 'x'],
                  ['Naam', r.Naam],
                  ['Score', r.Score],
                ]),
            ),
            11,
          ),
        );
        const columns = lists.columns(list);
        const current = lists.refresh(list);
        const orderby = order
          .map((o) => `${o.key === 'ID' ? 'id' : `fields/${o.key}`} ${o.desc ? 'desc' : 'asc'}`)
          .join(',');
        const query = new URLSearchParams({ $top: String(top) });
        if (orderby !== '') query.set('$orderby', orderby);
        if (filter !== '') query.set('$filter', filter);
        const spec = parseItemQuery(query, columns, {
          itemCount: current.itemCount,
          preferHeader: undefined,
        });

        const paged: number[] = [];
        let after: Array<string | number | null> | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const page = lists.queryItems(current, spec, after);
          paged.push(...page.items.map((i) => i.itemId));
          if (!page.next) break;
          after = page.next;
        }
        const oneShot = lists.queryItems(current, { ...spec, top: 5000 }, null).items;
        expect(paged).toEqual(oneShot.map((i) => i.itemId));

        const everything = lists.queryItems(
          current,
          { filter: null, orderBy: [], top: 5000 },
          null,
        ).items;
        const firstId = everything[0]?.itemId ?? 0;
        const reference = rows
          .map((r, i) => ({ ...r, id: firstId + i }))
          .filter(keep)
          .sort((a, b) => {
            for (const o of order) {
              const c =
                o.key === 'ID'
                  ? compareNullable(a.id, b.id, (x, y) => x - y, o.desc)
                  : o.key === 'Naam'
                    ? compareNullable(
                        a.Naam?.toLowerCase() ?? null,
                        b.Naam?.toLowerCase() ?? null,
                        (x, y) => (x < y ? -1 : x > y ? 1 : 0),
                        o.desc,
                      )
                    : compareNullable(a.Score, b.Score, (x, y) => x - y, o.desc);
              if (c !== 0) return c;
              if (o.key === 'ID') return 0;
            }
            // ID breaks ties in the direction of the last sort key.
            return order[order.length - 1]?.desc ? b.id - a.id : a.id - b.id;
          });
        expect(oneShot.map((i) => i.itemId)).toEqual(reference.map((r) => r.id));
      },
    ),
    { numRuns: 200 },
  );
});
