import type {
  IdentitySet,
  List,
  ListItem,
  ListItemVersion,
  Site,
} from '@microsoft/microsoft-graph-types';
import type { StoredColumn } from './columns';
import { type StoredValue, fieldKey, outputValue } from './field-values';
import { badRequest, fieldNotRecognized } from './graph-error';
import type { ItemRow, ListRow, ListStore, VersionRow } from './list-store';
import {
  SHAREPOINT_HOSTNAME,
  TENANT_ID,
  type TenantSite,
  type TenantUser,
  findUserBySiteId,
  siteWebUrl,
} from './tenant';

/**
 * Graph's JSON shapes for SharePoint resources, built from stored rows. Kept apart from the
 * routes so that items, versions, delta and `$batch` all answer with the same shapes.
 */

export type Json = Record<string, unknown>;

export function identity(user: TenantUser | undefined): IdentitySet {
  if (!user) return { user: { displayName: 'System Account' } };
  return {
    user: { email: user.userPrincipalName, id: user.id, displayName: user.displayName },
  } as IdentitySet;
}

export function siteIdentity(siteUserId: number): IdentitySet {
  return identity(findUserBySiteId(siteUserId));
}

export function siteResource(site: TenantSite): Site & Json {
  return {
    createdDateTime: site.createdDateTime,
    description: site.description,
    id: site.id,
    lastModifiedDateTime: site.createdDateTime,
    name: site.name,
    webUrl: siteWebUrl(site),
    displayName: site.displayName,
    ...(site.path === '' ? { root: {} } : {}),
    siteCollection: { hostname: SHAREPOINT_HOSTNAME },
  };
}

export function listWebUrl(site: TenantSite, list: ListRow): string {
  return `${siteWebUrl(site)}/Lists/${encodeURIComponent(list.name)}`;
}

export function listResource(site: TenantSite, list: ListRow): List & Json {
  const etag = `"${list.id},${list.modified}"`;
  return {
    '@odata.etag': etag,
    createdDateTime: list.created,
    description: list.description,
    eTag: etag,
    id: list.id,
    lastModifiedDateTime: list.modified,
    name: list.name,
    webUrl: listWebUrl(site, list),
    displayName: list.displayName,
    createdBy: siteIdentity(list.createdBy),
    lastModifiedBy: siteIdentity(list.modifiedBy),
    parentReference: { siteId: site.id },
    list: { contentTypesEnabled: false, hidden: false, template: list.template },
  };
}

/** Keeps the `$select`ed properties of a resource (and its `@odata.*` annotations). */
export function applySelect<T extends Json>(resource: T, select: string | undefined): Json {
  if (select === undefined || select.trim() === '') return resource;
  const wanted = select
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: Json = {};
  for (const [k, v] of Object.entries(resource)) {
    if (k.startsWith('@odata.') || wanted.includes(k)) out[k] = v;
  }
  return out;
}

export function itemEtag(item: { guid: string; version: number }): string {
  return `"${item.guid},${item.version}"`;
}

const SYSTEM_FIELD_NAMES = [
  'id',
  'ContentType',
  'Modified',
  'Created',
  'AuthorLookupId',
  'EditorLookupId',
  '_UIVersionString',
  'Attachments',
  'Edit',
  'LinkTitleNoMenu',
  'LinkTitle',
  'ItemChildCount',
  'FolderChildCount',
  '_ComplianceFlags',
  '_ComplianceTag',
  '_ComplianceTagWrittenTime',
  '_ComplianceTagUserId',
];

export interface FieldsOptions {
  /** Field names from `fields($select=…)`; null = all. */
  select: readonly string[] | null;
  lists: ListStore;
}

/**
 * The `fields` of an item (or of one of its versions) as Graph returns them: empty values left
 * out, lookups and people as `{Name}LookupId` strings, SharePoint's system fields after the
 * list's own. Selecting a lookup column by its plain name returns the looked-up value.
 */
export function fieldsResource(
  columns: readonly StoredColumn[],
  item: ItemRow,
  options: FieldsOptions,
  version?: VersionRow,
): Json {
  const values = version?.fields ?? item.fields;
  const v = version?.version ?? item.version;
  const out: Json = { '@odata.etag': itemEtag({ guid: item.guid, version: v }) };
  const system = (name: string): unknown => systemField(name, item, values, version);
  if (options.select === null) {
    for (const c of columns) {
      if (c.storage !== 'json') continue;
      const value = values[c.name];
      if (value !== undefined) out[fieldKey(c)] = outputValue(c, value);
    }
    for (const name of SYSTEM_FIELD_NAMES) out[name] = system(name);
    return out;
  }
  const byKey = columnsByKey(columns);
  for (const name of options.select) {
    const column = byKey.get(name);
    if (column && column.storage === 'json' && fieldKey(column) === name) {
      const value = values[column.name];
      if (value !== undefined) out[name] = outputValue(column, value);
    } else if (SYSTEM_FIELD_NAMES.includes(name)) {
      out[name] = system(name);
    } else if (column?.kind === 'lookup' && column.lookup) {
      const id = values[column.name];
      const value = typeof id === 'number' ? lookedUpValue(options.lists, column, id) : undefined;
      if (value !== undefined) out[name] = value;
    }
  }
  return out;
}

/**
 * The stored fields an item's answer reads (`fieldsResource`): none without `$expand=fields`,
 * all (null) without a `$select` inside it, else the selected columns' and the title (which
 * LinkTitle shows). Lets a query read only those from storage (`ItemStore.queryItems`).
 */
export function storedFieldsFor(
  columns: readonly StoredColumn[],
  fields: { select: string[] | null } | null,
): string[] | null {
  if (fields === null) return [];
  if (fields.select === null) return null;
  const byKey = columnsByKey(columns);
  const names = new Set<string>(['Title']);
  for (const name of fields.select) {
    const column = byKey.get(name);
    if (column) names.add(column.name);
  }
  return [...names];
}

/** SharePoint's own fields of an item, as Graph lists them after the list's columns. */
function systemField(
  name: string,
  item: ItemRow,
  values: Record<string, StoredValue>,
  version: VersionRow | undefined,
): unknown {
  const title = typeof values['Title'] === 'string' ? values['Title'] : '';
  switch (name) {
    case 'id':
      return String(item.itemId);
    case 'ContentType':
      return 'Item';
    case 'Modified':
      return version?.modified ?? item.modified;
    case 'Created':
      return item.created;
    case 'AuthorLookupId':
      return String(item.author);
    case 'EditorLookupId':
      return String(version?.editor ?? item.editor);
    case '_UIVersionString':
      return `${version?.version ?? item.version}.0`;
    case 'Attachments':
      return false;
    case 'LinkTitleNoMenu':
    case 'LinkTitle':
      return title;
    case 'ItemChildCount':
    case 'FolderChildCount':
      return '0';
    default:
      return '';
  }
}

const keyMaps = new WeakMap<readonly StoredColumn[], Map<string, StoredColumn>>();

/** Columns by the names a client may select: `{Name}LookupId` and the plain name of a lookup. */
function columnsByKey(columns: readonly StoredColumn[]): Map<string, StoredColumn> {
  let map = keyMaps.get(columns);
  if (!map) {
    map = new Map();
    for (const c of columns) {
      map.set(c.name, c);
      map.set(fieldKey(c), c);
    }
    keyMaps.set(columns, map);
  }
  return map;
}

function lookedUpValue(
  lists: ListStore,
  column: StoredColumn,
  id: number,
): StoredValue | undefined {
  const target = column.lookup ? lists.listById(column.lookup.listId) : undefined;
  if (!target || !column.lookup) return undefined;
  const item = lists.item(target, id);
  if (!item) return undefined;
  if (column.lookup.columnName === 'ID') return String(item.itemId);
  return item.fields[column.lookup.columnName];
}

/** Checks `fields($select=…)` names against the list (unknown names are Graph's 400). */
export function checkFieldSelect(columns: readonly StoredColumn[], names: readonly string[]): void {
  for (const name of names) {
    const known =
      SYSTEM_FIELD_NAMES.includes(name) ||
      columns.some((c) => fieldKey(c) === name || c.name === name);
    if (!known) throw fieldNotRecognized(name);
  }
}

/** Parses `$expand` on items: only `fields`, optionally with `$select`. */
export function parseFieldsExpand(raw: string | undefined): {
  expand: boolean;
  select: string[] | null;
} {
  if (raw === undefined || raw.trim() === '') return { expand: false, select: null };
  const m = /^\s*fields\s*(?:\(\s*\$?select\s*=\s*([^)]*)\))?\s*$/i.exec(raw);
  if (!m) {
    const name = raw.split(/[(,]/)[0]?.trim() ?? raw;
    throw badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.listItem'.`,
    );
  }
  const select =
    m[1] === undefined
      ? null
      : m[1]
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  return { expand: true, select };
}

export interface ItemResourceOptions {
  site: TenantSite;
  list: ListRow;
  columns: readonly StoredColumn[];
  lists: ListStore;
  /** `$expand=fields(...)`; null = no fields. */
  fields: { select: string[] | null } | null;
  /** Item-level `$select`. */
  select?: string | undefined;
}

export function itemResource(item: ItemRow, o: ItemResourceOptions): ListItem & Json {
  const etag = itemEtag(item);
  const resource: ListItem & Json = {
    '@odata.etag': etag,
    createdDateTime: item.created,
    eTag: etag,
    id: String(item.itemId),
    lastModifiedDateTime: item.modified,
    webUrl: `${listWebUrl(o.site, o.list)}/${item.itemId}_.000`,
    createdBy: siteIdentity(item.author),
    lastModifiedBy: siteIdentity(item.editor),
    parentReference: { id: o.list.id, siteId: o.site.id },
    contentType: { id: contentTypeId(o.list), name: 'Item' },
  };
  const selected = applySelect(resource, o.select);
  if (
    o.select !== undefined &&
    o.select
      .split(',')
      .map((s) => s.trim())
      .includes('sharepointIds')
  ) {
    selected['sharepointIds'] = {
      listId: o.list.id,
      listItemId: String(item.itemId),
      listItemUniqueId: item.guid,
      siteId: o.site.siteCollectionId,
      siteUrl: siteWebUrl(o.site),
      tenantId: TENANT_ID,
      webId: o.site.webId,
    };
  }
  if (o.fields) {
    selected['fields'] = fieldsResource(o.columns, item, {
      select: o.fields.select,
      lists: o.lists,
    });
  }
  return selected;
}

export function versionResource(
  item: ItemRow,
  version: VersionRow,
  columns: readonly StoredColumn[],
  lists: ListStore,
): ListItemVersion & Json {
  return {
    id: `${version.version}.0`,
    lastModifiedDateTime: version.modified,
    lastModifiedBy: siteIdentity(version.editor),
    fields: fieldsResource(columns, item, { select: null, lists }, version),
  };
}

const contentTypeIds = new Map<string, string>();

function contentTypeId(list: ListRow): string {
  let id = contentTypeIds.get(list.id);
  if (id === undefined) {
    id = `0x0100${list.id.replace(/-/g, '').toUpperCase()}`;
    contentTypeIds.set(list.id, id);
  }
  return id;
}
