import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StoredColumn } from './columns';
import { isEmpty, type StoredValue } from './field-values';
import { isoSeconds } from './dates';
import { GraphError, invalidRequest } from './graph-error';
import {
  compileFilter,
  drivingColumn,
  keysetSql,
  orderSql,
  type OrderKey,
  type QuerySpec,
  type SqlParam,
  sortKeys,
  valueSql,
} from './item-query';
import {
  type DeltaEntry,
  ITEM_COLUMNS,
  type ItemPage,
  type ItemRow,
  type ListRow,
  type RawItem,
  type VersionRow,
  indexName,
  toItem,
} from './list-rows';
import type { Store } from './store';

/**
 * The items of SharePoint lists in SQLite: fields as one JSON document per item, a version row
 * per change, tombstones for the delta feed, and the list's item counter. Required and unique
 * columns are checked here, as SharePoint refuses the whole write. `ListStore` owns the lists and
 * their columns and hands its item calls on to this store. Every mutating method expects to run
 * inside `store.tx`.
 */
export class ItemStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    /** The list's columns, from ListStore's cache. */
    private readonly columns: (list: ListRow) => StoredColumn[],
  ) {
    this.db = store.db;
    const db = this.db;
    this.stmts = {
      touchList: db.prepare<[string, number, number]>(
        'UPDATE lists SET modified = ?, modified_by = ? WHERE pk = ?',
      ),
      item: db.prepare<[number, number], RawItem>(
        `SELECT ${ITEM_COLUMNS} FROM items WHERE list_pk = ? AND item_id = ?`,
      ),
      itemExists: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM items WHERE list_pk = (SELECT pk FROM lists WHERE id = ?) AND item_id = ?',
      ),
      nextItemId: db.prepare<[number], { next_item_id: number }>(
        'SELECT next_item_id FROM lists WHERE pk = ?',
      ),
      insertItem: db.prepare(
        `INSERT INTO items (list_pk, item_id, guid, version, fields, created, modified, author, editor, seq)
         VALUES (@listPk, @itemId, @guid, @version, @fields, @created, @modified, @author, @editor, @seq)`,
      ),
      updateItem: db.prepare(
        `UPDATE items SET version = @version, fields = @fields, modified = @modified, editor = @editor, seq = @seq
         WHERE list_pk = @listPk AND item_id = @itemId`,
      ),
      deleteItem: db.prepare<[number, number]>(
        'DELETE FROM items WHERE list_pk = ? AND item_id = ?',
      ),
      deleteVersions: db.prepare<[number, number]>(
        'DELETE FROM item_versions WHERE list_pk = ? AND item_id = ?',
      ),
      insertVersion: db.prepare(
        `INSERT INTO item_versions (list_pk, item_id, version, fields, modified, editor)
         VALUES (@listPk, @itemId, @version, @fields, @modified, @editor)`,
      ),
      versions: db.prepare<
        [number, number],
        { version: number; fields: string; modified: string; editor: number }
      >(
        'SELECT version, fields, modified, editor FROM item_versions WHERE list_pk = ? AND item_id = ? ORDER BY version DESC',
      ),
      insertTombstone: db.prepare<[number, number, number]>(
        'INSERT INTO tombstones (list_pk, item_id, seq) VALUES (?, ?, ?) ON CONFLICT(list_pk, item_id) DO UPDATE SET seq = excluded.seq',
      ),
      dropTombstone: db.prepare<[number, number]>(
        'DELETE FROM tombstones WHERE list_pk = ? AND item_id = ?',
      ),
      bumpList: db.prepare<[number, number, string, number, number]>(
        'UPDATE lists SET next_item_id = ?, item_count = item_count + ?, modified = ?, modified_by = ? WHERE pk = ?',
      ),
      shrinkList: db.prepare<[string, number, number]>(
        'UPDATE lists SET item_count = item_count - 1, modified = ?, modified_by = ? WHERE pk = ?',
      ),
      deltaItems: db.prepare<[number, number, number], RawItem>(
        `SELECT ${ITEM_COLUMNS} FROM items WHERE list_pk = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
      deltaTombstones: db.prepare<[number, number, number], { item_id: number; seq: number }>(
        'SELECT item_id, seq FROM tombstones WHERE list_pk = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  item(list: ListRow, itemId: number): ItemRow | undefined {
    const row = this.stmts.item.get(list.pk, itemId);
    return row ? toItem(row) : undefined;
  }

  itemExists(listId: string, itemId: number): boolean {
    return this.stmts.itemExists.get(listId, itemId) !== undefined;
  }

  /** Creates an item from validated values; checks required and unique columns. */
  createItem(list: ListRow, values: Map<string, StoredValue | null>, by: number): ItemRow {
    const columns = this.columns(list);
    const fields = presentFields(values, columns);
    const next = this.stmts.nextItemId.get(list.pk);
    if (!next) throw new GraphError(404, 'itemNotFound', 'List not found');
    const itemId = next.next_item_id;
    this.checkUnique(list, columns, fields, itemId);
    const now = isoSeconds(this.now());
    const item = this.newRow(itemId, fields, now, by);
    this.insert(list, item);
    this.stmts.bumpList.run(itemId + 1, 1, now, by, list.pk);
    return item;
  }

  /**
   * Seeds many items in one go without the per-item HTTP round trip — for tests and benches only
   * (`POST /_emulator/bulk`); the product always writes through Graph.
   */
  bulkCreate(
    list: ListRow,
    rows: ReadonlyArray<Map<string, StoredValue | null>>,
    by: number,
  ): number {
    const columns = this.columns(list);
    const next = this.stmts.nextItemId.get(list.pk);
    if (!next) throw new GraphError(404, 'itemNotFound', 'List not found');
    let itemId = next.next_item_id;
    const now = isoSeconds(this.now());
    const unique = columns.filter((c) => c.enforceUniqueValues);
    const seen = new Map<string, Set<string>>();
    for (const values of rows) {
      const fields = presentFields(values, columns);
      for (const c of unique) {
        const v = fields[c.name];
        if (v === undefined) continue;
        const key = String(v).toLowerCase();
        const set = seen.get(c.name) ?? new Set<string>();
        if (set.has(key)) throw duplicateValue(c);
        set.add(key);
        seen.set(c.name, set);
      }
      this.checkUnique(list, columns, fields, itemId);
      this.insert(list, this.newRow(itemId, fields, now, by));
      itemId++;
    }
    this.stmts.bumpList.run(itemId, rows.length, now, by, list.pk);
    return rows.length;
  }

  /** A new item's row: version 1, created and last modified now by `by`, the next change number. */
  private newRow(
    itemId: number,
    fields: Record<string, StoredValue>,
    now: string,
    by: number,
  ): ItemRow {
    return {
      itemId,
      guid: randomUUID(),
      version: 1,
      fields,
      created: now,
      modified: now,
      author: by,
      editor: by,
      seq: this.store.nextSeq(),
    };
  }

  private insert(list: ListRow, item: ItemRow): void {
    const json = JSON.stringify(item.fields);
    this.stmts.insertItem.run({ listPk: list.pk, ...item, fields: json });
    this.stmts.insertVersion.run({
      listPk: list.pk,
      itemId: item.itemId,
      version: item.version,
      fields: json,
      modified: item.modified,
      editor: item.editor,
    });
    this.stmts.dropTombstone.run(list.pk, item.itemId);
  }

  updateItem(
    list: ListRow,
    item: ItemRow,
    values: Map<string, StoredValue | null>,
    by: number,
  ): ItemRow {
    const columns = this.columns(list);
    const fields: Record<string, StoredValue> = { ...item.fields };
    for (const [name, v] of values) {
      if (isEmpty(v)) delete fields[name];
      else fields[name] = v as StoredValue;
    }
    for (const c of columns) {
      if (c.required && values.has(c.name) && isEmpty(fields[c.name])) throw requiredMissing(c);
    }
    this.checkUnique(list, columns, fields, item.itemId, values);
    const now = isoSeconds(this.now());
    const updated: ItemRow = {
      ...item,
      version: item.version + 1,
      fields,
      modified: now,
      editor: by,
      seq: this.store.nextSeq(),
    };
    const json = JSON.stringify(fields);
    this.stmts.updateItem.run({
      listPk: list.pk,
      itemId: item.itemId,
      version: updated.version,
      fields: json,
      modified: now,
      editor: by,
      seq: updated.seq,
    });
    this.stmts.insertVersion.run({
      listPk: list.pk,
      itemId: item.itemId,
      version: updated.version,
      fields: json,
      modified: now,
      editor: by,
    });
    this.stmts.touchList.run(now, by, list.pk);
    return updated;
  }

  deleteItem(list: ListRow, item: ItemRow, by: number): void {
    this.stmts.deleteItem.run(list.pk, item.itemId);
    this.stmts.deleteVersions.run(list.pk, item.itemId);
    this.stmts.insertTombstone.run(list.pk, item.itemId, this.store.nextSeq());
    this.stmts.shrinkList.run(isoSeconds(this.now()), by, list.pk);
  }

  versions(list: ListRow, itemId: number): VersionRow[] {
    return this.stmts.versions.all(list.pk, itemId).map((r) => ({
      version: r.version,
      fields: JSON.parse(r.fields) as Record<string, StoredValue>,
      modified: r.modified,
      editor: r.editor,
    }));
  }

  private checkUnique(
    list: ListRow,
    columns: readonly StoredColumn[],
    fields: Record<string, StoredValue>,
    itemId: number,
    only?: Map<string, unknown>,
  ): void {
    for (const c of columns) {
      if (!c.enforceUniqueValues || (only && !only.has(c.name))) continue;
      const v = fields[c.name];
      if (v === undefined) continue;
      const hit = this.db
        .prepare<[StoredValue, number], { one: number }>(
          `SELECT 1 AS one FROM items WHERE list_pk = ${list.pk} AND ${valueSql(c)} = ? AND item_id != ? LIMIT 1`,
        )
        .get(typeof v === 'boolean' ? Number(v) : v, itemId);
      if (hit) throw duplicateValue(c);
    }
  }

  /** One page of a query; `after` holds the sort keys of the previous page's last item. */
  /**
   * `fieldNames`: the stored fields the answer shows (a `$select` inside `$expand=fields`), or
   * null for all of them. With names, SQLite removes the other fields from each item's JSON
   * document before handing it over: the Functies search text and the decisions' snapshots are
   * most of their lists' bytes, and a catalogue page selects neither. One `json_remove` per row,
   * not one `->` per selected field: each `->` parses the whole document again, which made a
   * 2,000-role catalogue page cost ~170 ms of SQLite on the bench machine, against ~60 ms.
   */
  queryItems(
    list: ListRow,
    spec: QuerySpec,
    after: SqlParam[] | null,
    fieldNames: readonly string[] | null = null,
  ): ItemPage {
    const columns = this.columns(list);
    const idColumn = columns.find((c) => c.storage === 'item_id');
    if (!idColumn) throw new Error('list without ID column');
    const keys: OrderKey[] = sortKeys(spec, idColumn);
    const where = [`list_pk = ${list.pk}`];
    const params: SqlParam[] = [];
    if (spec.filter) {
      const f = compileFilter(spec.filter, columns);
      where.push(f.sql);
      params.push(...f.params);
    }
    if (after) {
      const k = keysetSql(keys, after);
      where.push(k.sql);
      params.push(...k.params);
    }
    const keyCols = keys.map((k, i) => `${valueSql(k.column)} AS k${i}`).join(', ');
    const driver = drivingColumn(spec.filter, keys, columns);
    const from =
      driver && driver.storage !== 'item_id'
        ? `items INDEXED BY "${indexName(list, driver)}"`
        : 'items';
    const picked = fieldNames === null ? null : new Set(fieldNames);
    const dropped =
      picked === null
        ? []
        : columns.filter((c) => c.storage === 'json' && !picked.has(c.name)).map((c) => c.name);
    const itemColumns =
      dropped.length === 0
        ? ITEM_COLUMNS
        : ITEM_COLUMNS.replace(
            /\bfields\b/,
            `json_remove(fields, ${dropped.map((name) => sqlString(`$."${name}"`)).join(', ')}) AS fields`,
          );
    const sql = `SELECT ${itemColumns}, ${keyCols} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${orderSql(keys)} LIMIT ${spec.top + 1}`;
    const rows = this.db
      .prepare<SqlParam[], RawItem & Record<string, SqlParam>>(sql)
      .all(...params);
    const hasMore = rows.length > spec.top;
    const page = hasMore ? rows.slice(0, spec.top) : rows;
    const last = page[page.length - 1];
    const toPicked = (row: RawItem & Record<string, SqlParam>): ItemRow => {
      const item = toItem(row);
      if (picked === null) return item;
      // Only the selected fields, as before: a field stored under a name no column has any more
      // (a column deleted since) is not removed by name above.
      const fields: Record<string, StoredValue> = {};
      for (const name of picked) {
        const value = item.fields[name];
        if (value !== undefined && Object.hasOwn(item.fields, name)) fields[name] = value;
      }
      return { ...item, fields };
    };
    return {
      items: page.map(toPicked),
      next: hasMore && last ? keys.map((_, i) => last[`k${i}`] ?? null) : null,
    };
  }

  /** Items and deletions after `since`, in change order; `withDeletes` false for a first sync. */
  delta(
    list: ListRow,
    since: number,
    limit: number,
    withDeletes: boolean,
  ): { entries: DeltaEntry[]; more: boolean } {
    const items = this.stmts.deltaItems.all(list.pk, since, limit + 1).map((r) => ({
      seq: r.seq,
      itemId: r.item_id,
      item: toItem(r) as ItemRow | null,
    }));
    const deletes = withDeletes
      ? this.stmts.deltaTombstones.all(list.pk, since, limit + 1).map((r) => ({
          seq: r.seq,
          itemId: r.item_id,
          item: null as ItemRow | null,
        }))
      : [];
    const merged = [...items, ...deletes].sort((a, b) => a.seq - b.seq);
    return { entries: merged.slice(0, limit), more: merged.length > limit };
  }
}

/** A new item's values without the empty ones (which SharePoint does not store); every required column filled. */
function presentFields(
  values: Map<string, StoredValue | null>,
  columns: readonly StoredColumn[],
): Record<string, StoredValue> {
  const fields: Record<string, StoredValue> = {};
  for (const [name, v] of values) if (!isEmpty(v)) fields[name] = v as StoredValue;
  for (const c of columns) {
    if (c.required && !c.readOnly && isEmpty(fields[c.name])) throw requiredMissing(c);
  }
  return fields;
}

function requiredMissing(c: StoredColumn): GraphError {
  return invalidRequest(`Field '${c.name}' is required.`);
}

/**
 * SharePoint's refusal of a duplicate in a unique column, with its exception as the code and its
 * message. Status 500, as SharePoint REST answers it: Graph's status is undocumented (409 has been
 * seen), and 500 is the strictest plausible one, since a client that reads the status takes it
 * for a server fault. Clients recognise the refusal by code or message (docs/emulator.md).
 */
function duplicateValue(c: StoredColumn): GraphError {
  return new GraphError(
    500,
    '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
    `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${c.name}].`,
  );
}

/** A string literal for SQL (the field names come from the list's own columns). */
function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
