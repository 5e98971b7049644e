import type { StoredColumn } from '../columns';
import type { ListRow } from '../list-store';
import type { GraphResponse } from '../router';
import { listWebUrl } from '../resources';
import {
  argumentError,
  methodNotAllowed,
  notFoundSegment,
  odataNull,
  ok,
  type RestContext,
  RestError,
  type Segment,
  spException,
} from './sharepoint-rest';
import { saveView, type StoredView, viewsOf } from './sharepoint-rest-store';

/** A list's views and its fields' formatting, through SharePoint REST (Graph offers neither). */

export function defaultView(ctx: RestContext, list: ListRow): StoredView {
  const all = viewsOf(ctx.emu.store, list, ctx.emu.lists.columns(list));
  return all.find((v) => v.DefaultView) ?? (all[0] as StoredView);
}

export function viewUrl(ctx: RestContext, list: ListRow, view: StoredView): string {
  const page = view.Title === 'Alle items' ? 'AllItems' : view.Title.replace(/[^A-Za-z0-9]/g, '');
  return `${new URL(listWebUrl(ctx.site, list)).pathname}/${page}.aspx`;
}

function viewResource(ctx: RestContext, list: ListRow, v: StoredView): Record<string, unknown> {
  return {
    Id: v.Id,
    Title: v.Title,
    DefaultView: v.DefaultView,
    ViewQuery: v.ViewQuery,
    RowLimit: v.RowLimit,
    PersonalView: false,
    Hidden: false,
    ServerRelativeUrl: viewUrl(ctx, list, v),
  };
}

/** Names a view may show or query besides the list's columns. */
const VIEW_ONLY_FIELDS = ['LinkTitle', 'LinkTitleNoMenu', 'Edit'];

export function views(
  ctx: RestContext,
  list: ListRow,
  pick: Segment | undefined | null,
  sub: Segment | undefined,
  action: Segment | undefined,
  manage: () => void,
): GraphResponse {
  const columns = ctx.emu.lists.columns(list);
  const all = viewsOf(ctx.emu.store, list, columns);
  if (pick === undefined) {
    if (ctx.method !== 'GET') throw methodNotAllowed();
    return ok({ value: all.map((v) => viewResource(ctx, list, v)) });
  }
  let view: StoredView | undefined;
  if (pick === null) view = defaultView(ctx, list);
  else if (pick.name === 'getbyid')
    view = all.find((v) => v.Id.toLowerCase() === String(pick.arg ?? '').toLowerCase());
  else if (pick.name === 'getbytitle')
    view = all.find((v) => v.Title.toLowerCase() === String(pick.arg ?? '').toLowerCase());
  else throw notFoundSegment(pick.name);
  if (!view) throw spException(404, 'The specified view is invalid.');
  if (sub === undefined) {
    if (ctx.method === 'GET') return ok(viewResource(ctx, list, view));
    if (ctx.method !== 'MERGE') throw methodNotAllowed();
    manage();
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const next: StoredView = { ...view };
    for (const [key, value] of Object.entries(body)) {
      if (key === 'ViewQuery' && typeof value === 'string')
        next.ViewQuery = checkViewQuery(value, columns);
      else if (
        key === 'RowLimit' &&
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 1 &&
        value <= 5000
      )
        next.RowLimit = value;
      else
        throw argumentError(
          `The property '${key}' does not exist on type 'SP.View' or its value is not valid.`,
        );
    }
    ctx.emu.store.tx(() => saveView(ctx.emu.store, list, next));
    return { status: 204 };
  }
  if (sub.name !== 'viewfields') throw notFoundSegment(sub.name);
  if (action === undefined) {
    if (ctx.method !== 'GET') throw methodNotAllowed();
    return ok({
      Items: view.fields,
      SchemaXml: `<FieldRef Name="${view.fields.join('" /><FieldRef Name="')}" />`,
    });
  }
  if (ctx.method !== 'POST') throw methodNotAllowed();
  manage();
  const next: StoredView = { ...view, fields: [...view.fields] };
  if (action.name === 'removeallviewfields') next.fields = [];
  else if (action.name === 'addviewfield') {
    const name = String(action.arg ?? '');
    const column = columns.find(
      (c) =>
        c.name.toLowerCase() === name.toLowerCase() ||
        c.displayName.toLowerCase() === name.toLowerCase(),
    );
    const resolved =
      column?.name ?? VIEW_ONLY_FIELDS.find((f) => f.toLowerCase() === name.toLowerCase());
    if (!resolved)
      throw new RestError(
        400,
        '-2147024809, System.ArgumentException',
        `Column '${name}' does not exist. It may have been deleted by another user.`,
      );
    if (!next.fields.includes(resolved)) next.fields.push(resolved);
  } else throw notFoundSegment(action.name);
  ctx.emu.store.tx(() => saveView(ctx.emu.store, list, next));
  return odataNull();
}

/**
 * A view's CAML query: only `<Where>`, `<GroupBy>` and `<OrderBy>` with `<FieldRef Name="…">` of
 * the list's columns. Stricter than SharePoint, which saves any query and fails when the view is
 * shown: a field the query sorts, groups or filters on must be indexed, because a list past
 * 5,000 items refuses such a view (the list view threshold) and Functiecompetenties gets there.
 */
function checkViewQuery(caml: string, columns: readonly StoredColumn[]): string {
  const outer = caml.replace(/<(GroupBy|OrderBy|Where)\b[^>]*>[\s\S]*?<\/\1>/g, '').trim();
  if (outer !== '')
    throw argumentError(
      `The view query holds more than <Where>, <GroupBy> and <OrderBy>: '${outer.slice(0, 80)}'.`,
    );
  for (const m of caml.matchAll(/<FieldRef\b[^>]*\bName="([^"]+)"[^>]*\/?>/g)) {
    const name = m[1] as string;
    const column = columns.find((c) => c.name === name);
    if (!column)
      throw new RestError(
        400,
        '-2147024809, System.ArgumentException',
        `Column '${name}' does not exist.`,
      );
    if (!column.indexed) {
      throw spException(
        400,
        `The view sorts, groups or filters on '${name}', which is not indexed: once the list passes 5,000 items SharePoint refuses this view (list view threshold). Index the column first.`,
      );
    }
  }
  return caml;
}

const TYPE_AS_STRING: Record<StoredColumn['kind'], string> = {
  text: 'Text',
  number: 'Number',
  choice: 'Choice',
  boolean: 'Boolean',
  dateTime: 'DateTime',
  lookup: 'Lookup',
  personOrGroup: 'User',
  counter: 'Counter',
};

function fieldResource(c: StoredColumn): Record<string, unknown> {
  return {
    Id: c.id,
    InternalName: c.name,
    Title: c.displayName,
    Description: c.description,
    TypeAsString: c.kind === 'text' && c.text?.allowMultipleLines ? 'Note' : TYPE_AS_STRING[c.kind],
    Required: c.required,
    Indexed: c.indexed,
    CustomFormatter: c.customFormatter ?? null,
    ValidationFormula: c.validation?.formula ?? null,
  };
}

export function fields(
  ctx: RestContext,
  list: ListRow,
  pick: Segment | undefined,
  manage: () => void,
): GraphResponse {
  const columns = ctx.emu.lists.columns(list);
  if (pick === undefined) {
    if (ctx.method !== 'GET') throw methodNotAllowed();
    return ok({ value: columns.map(fieldResource) });
  }
  if (pick.name !== 'getbyinternalnameortitle') throw notFoundSegment(pick.name);
  const ref = String(pick.arg ?? '');
  const column =
    columns.find((c) => c.name === ref) ??
    columns.find((c) => c.displayName.toLowerCase() === ref.toLowerCase());
  if (!column) {
    throw new RestError(
      400,
      '-2147024809, System.ArgumentException',
      `Column '${ref}' does not exist. It may have been deleted by another user.`,
    );
  }
  if (ctx.method === 'GET') return ok(fieldResource(column));
  if (ctx.method !== 'MERGE') throw methodNotAllowed();
  manage();
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const next: StoredColumn = { ...column };
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'CustomFormatter' || typeof value !== 'string') {
      throw argumentError(
        `The property '${key}' does not exist on type 'SP.Field' or the emulator does not set it (docs/emulator.md).`,
      );
    }
    next.customFormatter = checkFormatter(value);
  }
  ctx.emu.store.tx(() => ctx.emu.lists.updateColumn(list, column, next, ctx.user.siteUserId));
  return { status: 204 };
}

/**
 * Column formatting JSON: SharePoint shows a formatter it cannot read as the bare value, so a
 * broken one would go unnoticed; the emulator refuses it instead. The root must be an element
 * (`elmType`), as the column formatting schema requires.
 */
function checkFormatter(text: string): string {
  if (text === '') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw argumentError('CustomFormatter is not valid JSON.');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as Record<string, unknown>)['elmType'] !== 'string'
  ) {
    throw argumentError(
      'CustomFormatter must be a column formatting object with an elmType at its root.',
    );
  }
  return text;
}
