import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { mustBeIndexed } from './column-input';
import { builtinColumns, type StoredColumn } from './columns';
import { isoSeconds } from './dates';
import type { StoredValue } from './field-values';
import { GraphError, THRESHOLD_MESSAGE, invalidRequest } from './graph-error';
import { type QuerySpec, type SqlParam, valueSql } from './item-query';
import { ItemStore } from './item-store';
import {
  type DeltaEntry,
  type ItemPage,
  type ItemRow,
  type ListRow,
  type NewList,
  type RawList,
  type VersionRow,
  indexName,
  toList,
} from './list-rows';
import type { Grant } from './permissions';
import type { Store } from './store';

export type { DeltaEntry, ItemPage, ItemRow, ListRow, NewList, VersionRow } from './list-rows';

/**
 * SharePoint lists in SQLite: list rows, column definitions and their indexes, and permissions;
 * the items (fields as one JSON document per item, a version row per change, tombstones for the
 * delta feed) are kept by item-store.ts, whose calls this store passes on so that the emulator
 * has one entry point per list. Each indexed column gets a partial expression index on exactly
 * that list's rows, so a filter or sort on it is an index range even in a 70,000-item list. Every
 * mutating method expects to run inside `store.tx`.
 */

/** SharePoint refuses to add an index to a list this large (SharePoint Online's limit). */
export const INDEX_CREATION_LIMIT = 20_000;

export class ListStore {
  private readonly db: Database.Database;
  private readonly columnCache = new Map<number, StoredColumn[]>();
  private readonly stmts;
  private readonly items: ItemStore;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {
    this.db = store.db;
    const db = this.db;
    this.stmts = {
      listsOfSite: db.prepare<[string], RawList>(
        'SELECT * FROM lists WHERE site_id = ? ORDER BY pk',
      ),
      listById: db.prepare<[string], RawList>('SELECT * FROM lists WHERE id = ?'),
      listByPk: db.prepare<[number], RawList>('SELECT * FROM lists WHERE pk = ?'),
      listByTitle: db.prepare<[string, string, string, string], RawList>(
        'SELECT * FROM lists WHERE site_id = ? AND (display_name = ? COLLATE NOCASE OR name = ? COLLATE NOCASE) ORDER BY display_name = ? COLLATE NOCASE DESC LIMIT 1',
      ),
      insertList: db.prepare(
        `INSERT INTO lists (id, site_id, name, display_name, description, template, created, modified, created_by, modified_by)
         VALUES (@id, @siteId, @name, @displayName, @description, @template, @now, @now, @by, @by)`,
      ),
      touchList: db.prepare<[string, number, number]>(
        'UPDATE lists SET modified = ?, modified_by = ? WHERE pk = ?',
      ),
      columns: db.prepare<[number], { def: string }>(
        'SELECT def FROM columns WHERE list_pk = ? ORDER BY position',
      ),
      insertColumn: db.prepare<[number, number, string, string]>(
        'INSERT INTO columns (list_pk, position, name, def) VALUES (?, ?, ?, ?)',
      ),
      updateColumn: db.prepare<[string, number, string]>(
        'UPDATE columns SET def = ? WHERE list_pk = ? AND name = ?',
      ),
      setPermissions: db.prepare<[number, string, number]>(
        'UPDATE lists SET inherits = ?, grants = ? WHERE pk = ?',
      ),
    };
    this.items = new ItemStore(store, now, (list) => this.columns(list));
  }

  clearCaches(): void {
    this.columnCache.clear();
  }

  listsOfSite(siteId: string): ListRow[] {
    return this.stmts.listsOfSite.all(siteId).map(toList);
  }

  /** By id (GUID), title or URL name, as Graph accepts in `/lists/{list-id}`. */
  findList(siteId: string, ref: string): ListRow | undefined {
    const byId = this.stmts.listById.get(ref.toLowerCase());
    if (byId) return byId.site_id === siteId ? toList(byId) : undefined;
    const byTitle = this.stmts.listByTitle.get(siteId, ref, ref, ref);
    return byTitle ? toList(byTitle) : undefined;
  }

  listById(id: string): ListRow | undefined {
    const row = this.stmts.listById.get(id.toLowerCase());
    return row ? toList(row) : undefined;
  }

  refresh(list: ListRow): ListRow {
    const row = this.stmts.listByPk.get(list.pk);
    if (!row) throw new GraphError(404, 'itemNotFound', 'List not found');
    return toList(row);
  }

  createList(siteId: string, input: NewList, by: number): ListRow {
    const exists = this.stmts.listByTitle.get(
      siteId,
      input.displayName,
      input.name,
      input.displayName,
    );
    if (exists) {
      throw new GraphError(
        409,
        'nameAlreadyExists',
        'A list, survey, discussion board, or document library with the specified title already exists in this Web site.  Please choose another title.',
      );
    }
    const id = randomUUID();
    const now = isoSeconds(this.now());
    this.stmts.insertList.run({
      id,
      siteId,
      name: input.name,
      displayName: input.displayName,
      description: input.description,
      template: input.template,
      now,
      by,
    });
    const list = this.listById(id);
    if (!list) throw new Error('list vanished after insert');
    const columns = [...builtinColumns(() => randomUUID()), ...input.columns];
    columns.forEach((c, position) => {
      this.stmts.insertColumn.run(list.pk, position, c.name, JSON.stringify(c));
      if (c.indexed) this.createIndex(list, c);
    });
    this.columnCache.delete(list.pk);
    return list;
  }

  columns(list: ListRow): StoredColumn[] {
    let cached = this.columnCache.get(list.pk);
    if (!cached) {
      cached = this.stmts.columns.all(list.pk).map((r) => JSON.parse(r.def) as StoredColumn);
      this.columnCache.set(list.pk, cached);
    }
    return cached;
  }

  addColumn(list: ListRow, column: StoredColumn, by: number): void {
    const current = this.refresh(list);
    if (column.indexed) this.checkCanIndex(current);
    this.stmts.insertColumn.run(
      list.pk,
      this.columns(list).length,
      column.name,
      JSON.stringify(column),
    );
    if (column.indexed) this.createIndex(list, column);
    this.stmts.touchList.run(isoSeconds(this.now()), by, list.pk);
    this.columnCache.delete(list.pk);
  }

  updateColumn(list: ListRow, before: StoredColumn, after: StoredColumn, by: number): void {
    const current = this.refresh(list);
    if (after.enforceUniqueValues && !after.indexed) throw mustBeIndexed();
    if (after.indexed && !before.indexed) {
      this.checkCanIndex(current);
      this.createIndex(list, after);
    }
    if (!after.indexed && before.indexed)
      this.db.exec(`DROP INDEX IF EXISTS "${indexName(list, after)}"`);
    if (after.enforceUniqueValues && !before.enforceUniqueValues) {
      const dup = this.db
        .prepare<[], { n: number }>(
          `SELECT COUNT(*) AS n FROM items WHERE list_pk = ${list.pk} AND ${valueSql(after)} IS NOT NULL
           GROUP BY ${valueSql(after)} HAVING COUNT(*) > 1 LIMIT 1`,
        )
        .get();
      if (dup) {
        throw invalidRequest(
          'This field contains duplicate values. Remove all duplicate values and try the operation again.',
        );
      }
    }
    this.stmts.updateColumn.run(JSON.stringify(after), list.pk, after.name);
    this.stmts.touchList.run(isoSeconds(this.now()), by, list.pk);
    this.columnCache.delete(list.pk);
  }

  private checkCanIndex(list: ListRow): void {
    if (list.itemCount > INDEX_CREATION_LIMIT) throw invalidRequest(THRESHOLD_MESSAGE);
  }

  private createIndex(list: ListRow, c: StoredColumn): void {
    if (c.storage === 'item_id') return; // the primary key already is one
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS "${indexName(list, c)}" ON items(${valueSql(c)}, item_id) WHERE list_pk = ${list.pk}`,
    );
  }

  setPermissions(list: ListRow, inherits: boolean, grants: readonly Grant[]): void {
    this.stmts.setPermissions.run(
      inherits ? 1 : 0,
      JSON.stringify(inherits ? [] : grants),
      list.pk,
    );
  }

  item(list: ListRow, itemId: number): ItemRow | undefined {
    return this.items.item(list, itemId);
  }

  itemExists(listId: string, itemId: number): boolean {
    return this.items.itemExists(listId, itemId);
  }

  /** Creates an item from validated values; checks required and unique columns. */
  createItem(list: ListRow, values: Map<string, StoredValue | null>, by: number): ItemRow {
    return this.items.createItem(list, values, by);
  }

  /** See `ItemStore.bulkCreate`: for tests and benches only. */
  bulkCreate(
    list: ListRow,
    rows: ReadonlyArray<Map<string, StoredValue | null>>,
    by: number,
  ): number {
    return this.items.bulkCreate(list, rows, by);
  }

  updateItem(
    list: ListRow,
    item: ItemRow,
    values: Map<string, StoredValue | null>,
    by: number,
  ): ItemRow {
    return this.items.updateItem(list, item, values, by);
  }

  deleteItem(list: ListRow, item: ItemRow, by: number): void {
    this.items.deleteItem(list, item, by);
  }

  versions(list: ListRow, itemId: number): VersionRow[] {
    return this.items.versions(list, itemId);
  }

  /** One page of a query; `after` holds the sort keys of the previous page's last item. */
  queryItems(
    list: ListRow,
    spec: QuerySpec,
    after: SqlParam[] | null,
    fieldNames: readonly string[] | null = null,
  ): ItemPage {
    return this.items.queryItems(list, spec, after, fieldNames);
  }

  /** Items and deletions after `since`, in change order; `withDeletes` false for a first sync. */
  delta(
    list: ListRow,
    since: number,
    limit: number,
    withDeletes: boolean,
  ): { entries: DeltaEntry[]; more: boolean } {
    return this.items.delta(list, since, limit, withDeletes);
  }
}
