import type { StoredColumn } from './columns';
import { dateOnlyValue, dateTimeValue } from './dates';
import { fieldKey } from './field-values';
import {
  GraphError,
  NON_INDEXED_MESSAGE,
  THRESHOLD_MESSAGE,
  badRequest,
  invalidRequest,
} from './graph-error';
import {
  type CompareOp,
  FilterSyntaxError,
  type FilterNode,
  type Literal,
  filterPaths,
  parseFilter,
} from './odata-filter';
import { findUser } from './tenant';

/**
 * Turns `$filter`/`$orderby` on list items into SQL over the items table, and enforces
 * SharePoint's rule on them: a column that is not indexed may not be used at all unless the
 * client sends `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`, and even then not on a
 * list over the 5,000-item view threshold (Graph's behaviour; see docs/emulator.md).
 */

export const LIST_VIEW_THRESHOLD = 5000;
export const MAX_TOP = 5000;
export const DEFAULT_TOP = 200;
export const HONOR_NON_INDEXED = 'honornonindexedquerieswarningmayfailrandomly';

export type SqlParam = string | number | null;

/** The SQL expression of a column's value, identical in indexes, filters and sort keys. */
export function valueSql(c: StoredColumn): string {
  switch (c.storage) {
    case 'item_id':
      return 'item_id';
    case 'created':
      return 'created';
    case 'modified':
      return 'modified';
    case 'author':
      return 'author';
    case 'editor':
      return 'editor';
    case 'json': {
      const base = `json_extract(fields, '$.${c.name}')`;
      return isTextual(c) ? `${base} COLLATE NOCASE` : base;
    }
  }
}

/** SharePoint compares text case-insensitively (its SQL collation); so does the emulator. */
function isTextual(c: StoredColumn): boolean {
  return c.kind === 'text' || c.kind === 'choice';
}

export interface ResolvedProperty {
  column: StoredColumn;
  /** Literals are GUIDs of users that must be mapped to site user ids. */
  userGuid: boolean;
}

/** Item properties that stand for a column (`id` is the ID column, …). */
const ITEM_PROPERTIES: Record<string, { column: string; userGuid: boolean }> = {
  id: { column: 'ID', userGuid: false },
  createdDateTime: { column: 'Created', userGuid: false },
  lastModifiedDateTime: { column: 'Modified', userGuid: false },
  'createdBy/user/id': { column: 'Author', userGuid: true },
  'lastModifiedBy/user/id': { column: 'Editor', userGuid: true },
};

export function resolveProperty(
  path: readonly string[],
  columns: readonly StoredColumn[],
): ResolvedProperty {
  if (path[0] === 'fields' && path.length === 2) {
    const name = path[1] as string;
    const column =
      columns.find((c) => fieldKey(c) === name) ??
      columns.find((c) => c.kind !== 'lookup' && c.kind !== 'personOrGroup' && c.name === name) ??
      (name === 'id' ? columns.find((c) => c.name === 'ID') : undefined);
    if (!column) throw invalidRequest(`Field '${name}' is not recognized`);
    return { column, userGuid: false };
  }
  const joined = path.join('/');
  const mapped = ITEM_PROPERTIES[joined];
  if (mapped) {
    const column = columns.find((c) => c.name === mapped.column);
    if (column) return { column, userGuid: mapped.userGuid };
  }
  throw badRequest(
    `Could not find a property named '${path[path.length - 1] ?? ''}' on type 'microsoft.graph.listItem'.`,
  );
}

function literalValue(prop: ResolvedProperty, lit: Literal): SqlParam {
  const c = prop.column;
  const mismatch = (): GraphError =>
    invalidRequest(
      `The value in the filter on field '${fieldKey(c)}' does not match the column's type.`,
    );
  if (lit.type === 'null') return null;
  if (prop.userGuid) {
    if (lit.type !== 'string') throw mismatch();
    // An unknown user matches no item; that is not an error in Graph either.
    return findUser(lit.value)?.siteUserId ?? -1;
  }
  switch (c.kind) {
    case 'text':
    case 'choice':
      if (lit.type !== 'string') throw mismatch();
      return lit.value;
    case 'number':
    case 'counter':
    case 'lookup':
    case 'personOrGroup': {
      // CAML carries values as text, so SharePoint takes '12' as readily as 12.
      if (lit.type === 'number') return lit.value;
      if (lit.type === 'string' && /^-?\d+(\.\d+)?$/.test(lit.value)) return Number(lit.value);
      throw mismatch();
    }
    case 'boolean':
      if (lit.type === 'boolean') return lit.value ? 1 : 0;
      if (lit.type === 'number' && (lit.value === 0 || lit.value === 1)) return lit.value;
      throw mismatch();
    case 'dateTime': {
      if (lit.type !== 'string' && lit.type !== 'datetime') throw mismatch();
      const v =
        c.dateTime?.format === 'dateOnly' ? dateOnlyValue(lit.value) : dateTimeValue(lit.value);
      if (v === null) {
        // A bare date against a date-time column means midnight UTC, as OData reads it.
        const asDate = /^\d{4}-\d{2}-\d{2}$/.test(lit.value)
          ? dateTimeValue(`${lit.value}T00:00:00Z`)
          : null;
        if (asDate === null) throw mismatch();
        return asDate;
      }
      return v;
    }
  }
}

const SQL_OP: Record<CompareOp, string> = {
  eq: '=',
  ne: 'IS NOT',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
};

export interface CompiledFilter {
  sql: string;
  params: SqlParam[];
}

export function compileFilter(node: FilterNode, columns: readonly StoredColumn[]): CompiledFilter {
  const params: SqlParam[] = [];
  const walk = (n: FilterNode): string => {
    switch (n.kind) {
      case 'and':
      case 'or':
        return `(${walk(n.left)} ${n.kind.toUpperCase()} ${walk(n.right)})`;
      case 'not':
        return `(NOT ${walk(n.operand)})`;
      case 'compare': {
        const prop = resolveProperty(n.path, columns);
        const sql = valueSql(prop.column);
        const value = literalValue(prop, n.value);
        if (value === null) {
          if (n.op === 'eq') return `(${sql} IS NULL)`;
          if (n.op === 'ne') return `(${sql} IS NOT NULL)`;
          throw invalidRequest('Only eq and ne can compare with null.');
        }
        params.push(value);
        // `ne` keeps empty values, as a CAML <Neq> does.
        return `(${sql} ${SQL_OP[n.op]} ?)`;
      }
      case 'startswith': {
        const prop = resolveProperty(n.path, columns);
        if (prop.column.kind !== 'text' && prop.column.kind !== 'choice') {
          throw invalidRequest(
            `startswith can only be used on a text column, not on '${fieldKey(prop.column)}'.`,
          );
        }
        const sql = valueSql(prop.column);
        // A range keeps an index on the column usable; NOCASE makes it case-insensitive.
        params.push(n.value, `${n.value}\u{10FFFF}`);
        return `(${sql} >= ? AND ${sql} < ?)`;
      }
    }
  };
  return { sql: walk(node), params };
}

export interface OrderKey {
  column: StoredColumn;
  descending: boolean;
}

export function parseOrderBy(raw: string, columns: readonly StoredColumn[]): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const part of raw.split(',')) {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '');
    if (words.length === 0 || words.length > 2)
      throw badRequest(`Invalid $orderby clause '${raw}'.`);
    const dir = (words[1] ?? 'asc').toLowerCase();
    if (dir !== 'asc' && dir !== 'desc')
      throw badRequest(`Invalid $orderby direction '${words[1] ?? ''}'.`);
    const prop = resolveProperty((words[0] as string).split('/'), columns);
    keys.push({ column: prop.column, descending: dir === 'desc' });
  }
  return keys;
}

export interface QuerySpec {
  filter: FilterNode | null;
  orderBy: OrderKey[];
  top: number;
}

export function parseItemQuery(
  query: URLSearchParams,
  columns: readonly StoredColumn[],
  context: { itemCount: number; preferHeader: string | undefined },
): QuerySpec {
  const filterText = queryOption(query, 'filter');
  let filter: FilterNode | null = null;
  if (filterText !== undefined && filterText.trim() !== '') {
    try {
      filter = parseFilter(filterText);
    } catch (err) {
      if (err instanceof FilterSyntaxError) {
        throw badRequest(
          `Invalid filter clause: ${err.message} at position ${err.position} in '${filterText}'.`,
        );
      }
      throw err;
    }
  }
  const orderText = queryOption(query, 'orderby');
  const orderBy =
    orderText === undefined || orderText.trim() === '' ? [] : parseOrderBy(orderText, columns);
  const referenced = [
    ...(filter ? filterPaths(filter).map((p) => resolveProperty(p, columns).column) : []),
    ...orderBy.map((k) => k.column),
  ];
  if (filter) compileFilter(filter, columns); // type errors before the index rule, as SharePoint
  const honour = (context.preferHeader ?? '').toLowerCase().includes(HONOR_NON_INDEXED);
  for (const column of referenced) {
    if (column.indexed) continue;
    if (!honour) throw invalidRequest(NON_INDEXED_MESSAGE(column.name));
    if (context.itemCount > LIST_VIEW_THRESHOLD) throw invalidRequest(THRESHOLD_MESSAGE);
  }
  return { filter, orderBy, top: parseTop(query) };
}

export function parseTop(query: URLSearchParams, max = MAX_TOP, fallback = DEFAULT_TOP): number {
  const raw = queryOption(query, 'top');
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw badRequest(`Invalid value '${raw}' for the query option '$top'.`);
  const top = Number(raw);
  if (top < 1 || top > max) {
    throw invalidRequest(`The value of $top must be between 1 and ${max}; got ${raw}.`);
  }
  return top;
}

/** Graph reads query options with or without the `$` on list items; `$` wins. */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/** The full sort: the requested keys, then ID ascending so every page boundary is exact. */
export function sortKeys(spec: QuerySpec, idColumn: StoredColumn): OrderKey[] {
  const keys = [...spec.orderBy];
  // ID breaks ties in the direction of the last key, so one index (value, ID) read forwards or
  // backwards gives the whole order without a sort.
  if (!keys.some((k) => k.column.storage === 'item_id'))
    keys.push({ column: idColumn, descending: keys[keys.length - 1]?.descending ?? false });
  // Anything after ID can never break a tie; drop it so the keyset condition stays short.
  const idAt = keys.findIndex((k) => k.column.storage === 'item_id');
  return keys.slice(0, idAt + 1);
}

/**
 * The indexed column whose index should drive a query: one compared in the filter's top-level
 * `and` chain (equality first), else the first sort key. SQLite without statistics prefers the
 * primary key to avoid a sort and would then read the whole list; SharePoint's rule that a query
 * must go through an index is exactly what makes this choice safe.
 */
export function drivingColumn(
  filter: FilterNode | null,
  keys: readonly OrderKey[],
  columns: readonly StoredColumn[],
): StoredColumn | null {
  const candidates: Array<{ column: StoredColumn; equality: boolean }> = [];
  const walk = (n: FilterNode): void => {
    if (n.kind === 'and') {
      walk(n.left);
      walk(n.right);
    } else if (n.kind === 'startswith') {
      candidates.push({ column: resolveProperty(n.path, columns).column, equality: false });
    } else if (n.kind === 'compare' && n.op !== 'ne' && n.value.type !== 'null') {
      candidates.push({ column: resolveProperty(n.path, columns).column, equality: n.op === 'eq' });
    }
  };
  if (filter) walk(filter);
  const usable = candidates.filter((c) => c.column.indexed);
  const chosen =
    usable.find((c) => c.equality)?.column ??
    usable[0]?.column ??
    (filter === null ? keys.find((k) => k.column.indexed)?.column : undefined) ??
    null;
  return chosen;
}

export function orderSql(keys: readonly OrderKey[]): string {
  return keys.map((k) => `${valueSql(k.column)} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * The rows after `last` in the order of `keys` (SQLite sorts NULL first ascending, last
 * descending; the condition follows that so no row is skipped or repeated across pages).
 */
export function keysetSql(keys: readonly OrderKey[], last: readonly SqlParam[]): CompiledFilter {
  const params: SqlParam[] = [];
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as OrderKey;
    const v = last[i] ?? null;
    // Nothing sorts after NULL when descending: no row continues the order at this key.
    if (k.descending && v === null) continue;
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      const prior = keys[j] as OrderKey;
      const pv = last[j] ?? null;
      if (pv === null) parts.push(`${valueSql(prior.column)} IS NULL`);
      else {
        parts.push(`${valueSql(prior.column)} = ?`);
        params.push(pv);
      }
    }
    const sql = valueSql(k.column);
    if (!k.descending) {
      if (v === null) parts.push(`${sql} IS NOT NULL`);
      else {
        parts.push(`${sql} > ?`);
        params.push(v);
      }
    } else {
      parts.push(`(${sql} < ? OR ${sql} IS NULL)`);
      params.push(v);
    }
    alternatives.push(`(${parts.join(' AND ')})`);
  }
  return { sql: alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`, params };
}
