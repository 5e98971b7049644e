import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type WriteContext, normaliseWrites } from '../field-values';
import { GraphError, badRequest } from '../graph-error';
import {
  type QuerySpec,
  type SqlParam,
  parseItemQuery,
  parseTop,
  queryOption,
} from '../item-query';
import type { ItemRow } from '../list-store';
import {
  checkFieldSelect,
  fieldsResource,
  itemEtag,
  itemResource,
  parseFieldsExpand,
  storedFieldsFor,
  versionResource,
} from '../resources';
import { type RouteContext, type Router, json } from '../router';
import { findUserBySiteId } from '../tenant';
import {
  type ListAccess,
  itemIdParam,
  listFor,
  matchesEtag,
  odataContext,
  parseBody,
  preconditionFailed,
} from './shared';

/** List items: query and paging, create, update (fields), delete, versions and delta. */

const createItemSchema = z.object({ fields: z.record(z.string(), z.unknown()) }).passthrough();
const fieldsSchema = z.record(z.string(), z.unknown());

const skipTokenSchema = z.object({
  q: z.string(),
  k: z.array(z.union([z.string(), z.number(), z.null()])),
});
const deltaTokenSchema = z.object({ s: z.number().int().min(0), d: z.boolean() });

function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken<T>(raw: string, schema: z.ZodType<T>, name: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw badRequest(`The ${name} '${raw.slice(0, 40)}' is not valid.`);
  }
}

/** Ties a skiptoken to its query, so a token is never replayed against another filter or sort. */
function querySignature(query: URLSearchParams): string {
  const parts = ['filter', 'orderby', 'expand', 'select'].map((k) => queryOption(query, k) ?? '');
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 16);
}

/** Absolute link back into this emulator with `extra` replacing the paging options. */
function link(ctx: RouteContext, extra: Record<string, string>, drop: readonly string[]): string {
  const params: string[] = [];
  for (const [k, v] of ctx.req.query) {
    if (drop.includes(k) || k in extra) continue;
    params.push(`${enc(k)}=${enc(v)}`);
  }
  for (const [k, v] of Object.entries(extra)) params.push(`${enc(k)}=${enc(v)}`);
  return `${ctx.emu.graphBaseUrl}${ctx.req.path}?${params.join('&')}`;
}

function enc(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%2F/g, '/');
}

function writeContext(ctx: RouteContext): WriteContext {
  return {
    lookupExists: (listId, itemId) => ctx.emu.lists.itemExists(listId, itemId),
    siteUserExists: (id) => findUserBySiteId(id) !== undefined,
  };
}

function itemFor(ctx: RouteContext, access: ListAccess): ItemRow {
  const item = ctx.emu.lists.item(access.list, itemIdParam(ctx.params['item']));
  if (!item) throw new GraphError(404, 'itemNotFound', 'Item not found');
  return item;
}

function fieldsOption(ctx: RouteContext, access: ListAccess): { select: string[] | null } | null {
  const expand = parseFieldsExpand(queryOption(ctx.req.query, 'expand'));
  if (!expand.expand) return null;
  if (expand.select) checkFieldSelect(ctx.emu.lists.columns(access.list), expand.select);
  return { select: expand.select };
}

export function registerItems(router: Router): void {
  router.add('GET', '/sites/:site/lists/:list/items', (ctx) => {
    const access = listFor(ctx, 'read');
    const { site, list } = access;
    const lists = ctx.emu.lists;
    const columns = lists.columns(list);
    for (const unsupported of ['skip', 'count', 'search']) {
      if (queryOption(ctx.req.query, unsupported) !== undefined) {
        throw badRequest(`The query option '$${unsupported}' is not supported on list items.`);
      }
    }
    const spec: QuerySpec = parseItemQuery(ctx.req.query, columns, {
      itemCount: list.itemCount,
      preferHeader: ctx.req.headers['prefer'],
    });
    const fields = fieldsOption(ctx, access);
    const signature = querySignature(ctx.req.query);
    const rawSkip = ctx.req.query.get('$skiptoken') ?? ctx.req.query.get('skiptoken');
    let after: SqlParam[] | null = null;
    if (rawSkip !== null) {
      const token = decodeToken(rawSkip, skipTokenSchema, '$skiptoken');
      if (token.q !== signature) throw badRequest('The $skiptoken does not belong to this query.');
      after = token.k;
    }
    const page = lists.queryItems(list, spec, after, storedFieldsFor(columns, fields));
    const select = queryOption(ctx.req.query, 'select');
    const body: Record<string, unknown> = {
      '@odata.context': odataContext(ctx, `sites('${site.id}')/lists('${list.id}')/items`),
      value: page.items.map((item) =>
        itemResource(item, { site, list, columns, lists, fields, select }),
      ),
    };
    if (page.next) {
      body['@odata.nextLink'] = link(
        ctx,
        { $skiptoken: encodeToken({ q: signature, k: page.next }) },
        ['$skiptoken', 'skiptoken'],
      );
    }
    return json(200, body);
  });

  router.add('POST', '/sites/:site/lists/:list/items', (ctx) => {
    const access = listFor(ctx, 'add');
    const { site, list } = access;
    const body = parseBody(createItemSchema, ctx.req.body);
    const lists = ctx.emu.lists;
    const item = ctx.emu.store.tx(() => {
      const values = normaliseWrites(lists.columns(list), body.fields, {
        ...writeContext(ctx),
        mode: 'create',
      });
      return lists.createItem(list, values, ctx.user.siteUserId);
    });
    return json(
      201,
      {
        '@odata.context': odataContext(
          ctx,
          `sites('${site.id}')/lists('${list.id}')/items/$entity`,
        ),
        ...itemResource(item, {
          site,
          list,
          columns: lists.columns(list),
          lists,
          fields: { select: null },
        }),
      },
      { ETag: itemEtag(item) },
    );
  });

  router.add('GET', '/sites/:site/lists/:list/items/delta', (ctx) => {
    const access = listFor(ctx, 'read');
    const { site, list } = access;
    const lists = ctx.emu.lists;
    const columns = lists.columns(list);
    const top = parseTop(ctx.req.query);
    const expand = parseFieldsExpand(queryOption(ctx.req.query, 'expand'));
    if (expand.select) checkFieldSelect(columns, expand.select);
    const rawToken = ctx.req.query.get('token');
    const context = odataContext(ctx, `Collection(listItem)`);
    if (rawToken === 'latest') {
      return json(200, {
        '@odata.context': context,
        value: [],
        '@odata.deltaLink': link(ctx, { token: encodeToken({ s: currentSeq(ctx), d: true }) }, [
          'token',
        ]),
      });
    }
    const token =
      rawToken === null
        ? { s: 0, d: false }
        : decodeToken(rawToken, deltaTokenSchema, 'delta token');
    const { entries, more } = lists.delta(list, token.s, top, token.d);
    const value = entries.map((e) =>
      e.item === null
        ? { id: String(e.itemId), deleted: { state: 'deleted' } }
        : itemResource(e.item, { site, list, columns, lists, fields: { select: expand.select } }),
    );
    const last = entries[entries.length - 1];
    const body: Record<string, unknown> = { '@odata.context': context, value };
    if (more && last) {
      body['@odata.nextLink'] = link(ctx, { token: encodeToken({ s: last.seq, d: token.d }) }, [
        'token',
      ]);
    } else {
      // Nothing of this list changed after the last entry, so the whole sequence so far is seen.
      body['@odata.deltaLink'] = link(
        ctx,
        { token: encodeToken({ s: currentSeq(ctx), d: true }) },
        ['token'],
      );
    }
    return json(200, body);
  });

  router.add('GET', '/sites/:site/lists/:list/items/:item', (ctx) => {
    const access = listFor(ctx, 'read');
    const { site, list } = access;
    const item = itemFor(ctx, access);
    const lists = ctx.emu.lists;
    return json(
      200,
      {
        '@odata.context': odataContext(
          ctx,
          `sites('${site.id}')/lists('${list.id}')/items/$entity`,
        ),
        ...itemResource(item, {
          site,
          list,
          columns: lists.columns(list),
          lists,
          fields: fieldsOption(ctx, access),
          select: queryOption(ctx.req.query, 'select'),
        }),
      },
      { ETag: itemEtag(item) },
    );
  });

  router.add('GET', '/sites/:site/lists/:list/items/:item/fields', (ctx) => {
    const access = listFor(ctx, 'read');
    const item = itemFor(ctx, access);
    const select = queryOption(ctx.req.query, 'select');
    const names =
      select === undefined
        ? null
        : select
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
    const columns = ctx.emu.lists.columns(access.list);
    if (names) checkFieldSelect(columns, names);
    return json(200, fieldsResource(columns, item, { select: names, lists: ctx.emu.lists }));
  });

  router.add('PATCH', '/sites/:site/lists/:list/items/:item/fields', (ctx) => {
    const access = listFor(ctx, 'edit');
    const lists = ctx.emu.lists;
    const input = parseBody(fieldsSchema, ctx.req.body);
    const updated = ctx.emu.store.tx(() => {
      const item = itemFor(ctx, access);
      const ifMatch = ctx.req.headers['if-match'];
      if (!matchesEtag(ifMatch, itemEtag(item)))
        throw preconditionFailed(ifMatch ?? '', itemEtag(item));
      const values = normaliseWrites(lists.columns(access.list), input, {
        ...writeContext(ctx),
        mode: 'update',
      });
      return lists.updateItem(access.list, item, values, ctx.user.siteUserId);
    });
    return json(200, fieldsResource(lists.columns(access.list), updated, { select: null, lists }), {
      ETag: itemEtag(updated),
    });
  });

  router.add('DELETE', '/sites/:site/lists/:list/items/:item', (ctx) => {
    const access = listFor(ctx, 'delete');
    ctx.emu.store.tx(() => {
      const item = itemFor(ctx, access);
      const ifMatch = ctx.req.headers['if-match'];
      if (!matchesEtag(ifMatch, itemEtag(item)))
        throw preconditionFailed(ifMatch ?? '', itemEtag(item));
      ctx.emu.lists.deleteItem(access.list, item, ctx.user.siteUserId);
    });
    return { status: 204 };
  });

  router.add('GET', '/sites/:site/lists/:list/items/:item/versions', (ctx) => {
    const access = listFor(ctx, 'read');
    const item = itemFor(ctx, access);
    const lists = ctx.emu.lists;
    const columns = lists.columns(access.list);
    return json(200, {
      '@odata.context': odataContext(
        ctx,
        `sites('${access.site.id}')/lists('${access.list.id}')/items('${item.itemId}')/versions`,
      ),
      value: lists
        .versions(access.list, item.itemId)
        .map((v) => versionResource(item, v, columns, lists)),
    });
  });

  router.add('GET', '/sites/:site/lists/:list/items/:item/versions/:version', (ctx) => {
    const access = listFor(ctx, 'read');
    const item = itemFor(ctx, access);
    const lists = ctx.emu.lists;
    const m = /^(\d+)\.0$/.exec(ctx.params['version'] ?? '');
    const version = m
      ? lists.versions(access.list, item.itemId).find((v) => v.version === Number(m[1]))
      : undefined;
    if (!version) throw new GraphError(404, 'itemNotFound', 'Version not found');
    return json(200, versionResource(item, version, lists.columns(access.list), lists));
  });
}

function currentSeq(ctx: RouteContext): number {
  return Number(ctx.emu.store.meta('seq') ?? '0');
}
