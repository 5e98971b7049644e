import type { StoredColumn } from './columns';
import type { StoredValue } from './field-values';
import type { SqlParam } from './item-query';
import type { Grant } from './permissions';

/**
 * The shapes list-store.ts and item-store.ts take and hand out (lists, items, item versions,
 * pages, delta entries), and how their rows are read from SQLite.
 */

export interface ListRow {
  pk: number;
  id: string;
  siteId: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  created: string;
  modified: string;
  createdBy: number;
  modifiedBy: number;
  itemCount: number;
  inherits: boolean;
  grants: Grant[];
}

export interface ItemRow {
  itemId: number;
  guid: string;
  version: number;
  fields: Record<string, StoredValue>;
  created: string;
  modified: string;
  author: number;
  editor: number;
  seq: number;
}

export interface VersionRow {
  version: number;
  fields: Record<string, StoredValue>;
  modified: string;
  editor: number;
}

export interface RawList {
  pk: number;
  id: string;
  site_id: string;
  name: string;
  display_name: string;
  description: string;
  template: string;
  created: string;
  modified: string;
  created_by: number;
  modified_by: number;
  next_item_id: number;
  item_count: number;
  inherits: number;
  grants: string;
}

export interface RawItem {
  item_id: number;
  guid: string;
  version: number;
  fields: string;
  created: string;
  modified: string;
  author: number;
  editor: number;
  seq: number;
}

export const ITEM_COLUMNS =
  'item_id, guid, version, fields, created, modified, author, editor, seq';

export function toList(r: RawList): ListRow {
  return {
    pk: r.pk,
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    displayName: r.display_name,
    description: r.description,
    template: r.template,
    created: r.created,
    modified: r.modified,
    createdBy: r.created_by,
    modifiedBy: r.modified_by,
    itemCount: r.item_count,
    inherits: r.inherits === 1,
    grants: JSON.parse(r.grants) as Grant[],
  };
}

export function toItem(r: RawItem): ItemRow {
  return {
    itemId: r.item_id,
    guid: r.guid,
    version: r.version,
    fields: JSON.parse(r.fields) as Record<string, StoredValue>,
    created: r.created,
    modified: r.modified,
    author: r.author,
    editor: r.editor,
    seq: r.seq,
  };
}

export interface NewList {
  displayName: string;
  name: string;
  description: string;
  template: string;
  columns: StoredColumn[];
}

export interface ItemPage {
  items: ItemRow[];
  /** Sort-key values of the last item, when there is a next page. */
  next: SqlParam[] | null;
}

export interface DeltaEntry {
  seq: number;
  itemId: number;
  item: ItemRow | null;
}

/** The partial index of one indexed column of one list (list-store.ts makes it, queries name it). */
export function indexName(list: ListRow, c: StoredColumn): string {
  return `ix_l${list.pk}_${c.name}`;
}
