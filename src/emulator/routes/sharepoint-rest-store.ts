import { randomUUID } from 'node:crypto';
import type { StoredColumn } from '../columns';
import type { ListRow } from '../list-store';
import type { RoleDefinition } from '../permissions';
import type { Store } from '../store';

/**
 * What SharePoint REST adds to the emulator's state: a site's custom permission levels and a
 * list's views. Kept in tables of their own next to the Graph store, in the same database and
 * transactions; a reset empties them with the lists (a list's views are keyed by its GUID, so a
 * view never outlives its list).
 */

export interface StoredView {
  Id: string;
  Title: string;
  DefaultView: boolean;
  /** CAML inside `<Query>`: `<Where>`, `<GroupBy>`, `<OrderBy>`. */
  ViewQuery: string;
  RowLimit: number;
  /** Internal names, in display order; `LinkTitle` is the Title linked to the item. */
  fields: string[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sp_role_definitions (
  site_id TEXT NOT NULL,
  id INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (site_id, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sp_views (
  list_id TEXT NOT NULL,
  id TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (list_id, id)
);
`;

/** SharePoint numbers custom levels after the built-in ones (1073741829 is Full Control). */
const FIRST_CUSTOM_ID = 1073741924;

const prepared = new WeakMap<Store, true>();

function ready(store: Store): Store {
  if (!prepared.has(store)) {
    store.db.exec(SCHEMA);
    prepared.set(store, true);
  }
  return store;
}

export function resetSharePointRest(store: Store): void {
  ready(store).db.exec('DELETE FROM sp_role_definitions; DELETE FROM sp_views;');
}

export function customRoleDefinitions(store: Store, siteId: string): RoleDefinition[] {
  return ready(store)
    .db.prepare<[string], { json: string }>(
      'SELECT json FROM sp_role_definitions WHERE site_id = ? ORDER BY id',
    )
    .all(siteId)
    .map((r) => JSON.parse(r.json) as RoleDefinition);
}

export function addRoleDefinition(
  store: Store,
  siteId: string,
  def: Omit<RoleDefinition, 'Id'>,
): RoleDefinition {
  const db = ready(store).db;
  const max = db
    .prepare<[string], { id: number | null }>(
      'SELECT MAX(id) AS id FROM sp_role_definitions WHERE site_id = ?',
    )
    .get(siteId)?.id;
  const created: RoleDefinition = { ...def, Id: max ? max + 1 : FIRST_CUSTOM_ID };
  db.prepare<[string, number, string]>(
    'INSERT INTO sp_role_definitions (site_id, id, json) VALUES (?, ?, ?)',
  ).run(siteId, created.Id, JSON.stringify(created));
  return created;
}

/**
 * A list's views. A list made through Graph (template genericList) has one view, "Alle items"
 * (AllItems.aspx) on a Dutch site, showing the Title and the columns created with the list; the
 * emulator materialises it on first use from the list's columns.
 */
export function viewsOf(
  store: Store,
  list: ListRow,
  columns: readonly StoredColumn[],
): StoredView[] {
  const db = ready(store).db;
  const rows = db
    .prepare<[string], { json: string }>(
      'SELECT json FROM sp_views WHERE list_id = ? ORDER BY rowid',
    )
    .all(list.id);
  if (rows.length > 0) return rows.map((r) => JSON.parse(r.json) as StoredView);
  const initial: StoredView = {
    Id: randomUUID(),
    Title: 'Alle items',
    DefaultView: true,
    ViewQuery: '',
    RowLimit: 30,
    fields: ['LinkTitle', ...columns.filter((c) => !c.builtin && !c.hidden).map((c) => c.name)],
  };
  saveView(store, list, initial);
  return [initial];
}

export function saveView(store: Store, list: ListRow, view: StoredView): void {
  ready(store)
    .db.prepare<[string, string, string]>(
      'INSERT INTO sp_views (list_id, id, json) VALUES (?, ?, ?) ON CONFLICT(list_id, id) DO UPDATE SET json = excluded.json',
    )
    .run(list.id, view.Id, JSON.stringify(view));
}
