import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkValidation, buildColumn, columnPatchSchema, mustBeIndexed } from '../column-input';
import { type StoredColumn, columnResource } from '../columns';
import { GraphError, accessDenied, invalidRequest } from '../graph-error';
import type { ListStore } from '../list-store';
import { siteCapabilities, listCapabilities } from '../permissions';
import { applySelect, listResource, siteResource } from '../resources';
import { type Router, json } from '../router';
import { SHAREPOINT_HOSTNAME, SITES } from '../tenant';
import { listFor, odataContext, parseBody, siteFor, siteNotFound } from './shared';

/** Sites, lists and column definitions. */

/**
 * Rewrites Graph's path-addressed site (`/sites/{host}:/sites/{path}` with an optional trailing
 * `:` and more segments after it) to the id form the routes know.
 */
export function resolveSitePath(rawPath: string): string {
  const path = rawPath.replace(/%3A/gi, ':');
  const m = /^\/sites\/([^/:]+):(\/[^:]*)?(:)?(.*)$/i.exec(path);
  if (!m) return rawPath;
  const host = decodeURIComponent(m[1] as string).toLowerCase();
  const serverRelative = decodeURIComponent(m[2] ?? '').replace(/\/+$/, '');
  const rest = m[4] ?? '';
  if (host !== SHAREPOINT_HOSTNAME) throw siteNotFound();
  const site = SITES.find((s) => s.path.toLowerCase() === serverRelative.toLowerCase());
  if (!site) throw siteNotFound();
  return `/sites/${encodeURIComponent(site.id)}${rest}`;
}

const listCreateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(255),
    description: z.string().max(1000).optional(),
    columns: z.array(z.unknown()).max(200).optional(),
    list: z
      .object({
        template: z.string().optional(),
        hidden: z.literal(false).optional(),
        contentTypesEnabled: z.literal(false).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The URL name SharePoint derives from a title: letters and digits only. */
function urlName(displayName: string, taken: (name: string) => boolean): string {
  const base =
    displayName
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]/g, '')
      .slice(0, 50) || 'List';
  let name = base;
  for (let n = 1; taken(name); n++) name = `${base}${n}`;
  return name;
}

export function registerSites(router: Router): void {
  router.add('GET', '/sites/root', (ctx) => {
    ctx.params['site'] = 'root';
    return json(200, applySelect(siteResource(siteFor(ctx)), queryValue(ctx.req.query, 'select')));
  });

  router.add('GET', '/sites/:site', (ctx) => {
    const site = siteFor(ctx);
    return json(200, {
      '@odata.context': odataContext(ctx, 'sites/$entity'),
      ...applySelect(siteResource(site), queryValue(ctx.req.query, 'select')),
    });
  });

  router.add('GET', '/sites/:site/lists', (ctx) => {
    const site = siteFor(ctx);
    const visible = ctx.emu.lists
      .listsOfSite(site.id)
      .filter((l) => listCapabilities(ctx.user, site, l).read);
    const select = queryValue(ctx.req.query, 'select');
    return json(200, {
      '@odata.context': odataContext(ctx, `sites('${site.id}')/lists`),
      value: visible.map((l) => applySelect(listResource(site, l), select)),
    });
  });

  router.add('POST', '/sites/:site/lists', (ctx) => {
    const site = siteFor(ctx);
    if (!siteCapabilities(ctx.user, site).manageList) throw accessDenied();
    const body = parseBody(listCreateSchema, ctx.req.body);
    const template = body.list?.template ?? 'genericList';
    if (template !== 'genericList') {
      throw invalidRequest(
        `The emulator only creates lists with the template 'genericList', not '${template}'.`,
      );
    }
    const lists = ctx.emu.lists;
    const created = ctx.emu.store.tx(() => {
      const existing = lists.listsOfSite(site.id);
      const names: string[] = ['Title', 'ID', 'Created', 'Modified', 'Author', 'Editor'];
      const columns: StoredColumn[] = [];
      for (const raw of body.columns ?? []) {
        const column = buildColumn(raw, randomUUID(), names, (listId) =>
          lookupTarget(lists, site.id, listId),
        );
        names.push(column.name);
        columns.push(column);
      }
      const name = urlName(body.displayName, (n) =>
        existing.some((l) => l.name.toLowerCase() === n.toLowerCase()),
      );
      return lists.createList(
        site.id,
        {
          displayName: body.displayName,
          name,
          description: body.description ?? '',
          template,
          columns,
        },
        ctx.user.siteUserId,
      );
    });
    const resource = listResource(site, created);
    const columns = lists.columns(created).map(columnResource);
    return json(201, {
      '@odata.context': odataContext(ctx, `sites('${site.id}')/lists/$entity`),
      ...resource,
      columns,
    });
  });

  router.add('GET', '/sites/:site/lists/:list', (ctx) => {
    const { site, list } = listFor(ctx, 'read');
    const expand = queryValue(ctx.req.query, 'expand');
    const resource: Record<string, unknown> = applySelect(
      listResource(site, list),
      queryValue(ctx.req.query, 'select'),
    );
    if (expand !== undefined) {
      const parts = expand.split(',').map((s) => s.trim());
      for (const part of parts) {
        if (part.toLowerCase() !== 'columns') {
          throw new GraphError(
            400,
            'BadRequest',
            `Parsing OData Select and Expand failed: Could not find a property named '${part}' on type 'microsoft.graph.list'.`,
          );
        }
      }
      resource['columns'] = ctx.emu.lists.columns(list).map(columnResource);
    }
    return json(200, {
      '@odata.context': odataContext(ctx, `sites('${site.id}')/lists/$entity`),
      ...resource,
    });
  });

  router.add('GET', '/sites/:site/lists/:list/columns', (ctx) => {
    const { site, list } = listFor(ctx, 'read');
    const select = queryValue(ctx.req.query, 'select');
    return json(200, {
      '@odata.context': odataContext(ctx, `sites('${site.id}')/lists('${list.id}')/columns`),
      value: ctx.emu.lists.columns(list).map((c) => applySelect(columnResource(c), select)),
    });
  });

  router.add('POST', '/sites/:site/lists/:list/columns', (ctx) => {
    const { site, list } = listFor(ctx, 'manageList');
    const lists = ctx.emu.lists;
    const column = ctx.emu.store.tx(() => {
      const existing = lists.columns(list);
      const c = buildColumn(
        ctx.req.body ?? {},
        randomUUID(),
        existing.map((e) => e.name),
        (listId) => lookupTarget(lists, site.id, listId),
      );
      // A required column on a list with items is allowed: SharePoint leaves existing items empty.
      lists.addColumn(list, c, ctx.user.siteUserId);
      return c;
    });
    return json(201, {
      '@odata.context': odataContext(
        ctx,
        `sites('${site.id}')/lists('${list.id}')/columns/$entity`,
      ),
      ...columnResource(column),
    });
  });

  router.add('GET', '/sites/:site/lists/:list/columns/:column', (ctx) => {
    const { list } = listFor(ctx, 'read');
    const column = findColumn(ctx.emu.lists.columns(list), ctx.params['column'] ?? '');
    return json(200, applySelect(columnResource(column), queryValue(ctx.req.query, 'select')));
  });

  router.add('PATCH', '/sites/:site/lists/:list/columns/:column', (ctx) => {
    const { list } = listFor(ctx, 'manageList');
    const patch = parseBody(columnPatchSchema, ctx.req.body);
    const lists = ctx.emu.lists;
    const updated = ctx.emu.store.tx(() => {
      const before = findColumn(lists.columns(list), ctx.params['column'] ?? '');
      if (before.readOnly) {
        const others = Object.keys(patch).filter((k) => k !== 'indexed');
        if (others.length > 0) {
          throw invalidRequest(
            `Only 'indexed' can be changed on the read-only column '${before.name}'.`,
          );
        }
      }
      const { number, ...flagPatch } = patch;
      if (number !== undefined && before.kind !== 'number') {
        throw invalidRequest(`The column '${before.name}' is not a number column.`);
      }
      const bounds = number === undefined ? before.number : { ...before.number!, ...number };
      if (
        bounds?.minimum !== undefined &&
        bounds.maximum !== undefined &&
        bounds.minimum > bounds.maximum
      ) {
        throw invalidRequest(
          'Invalid request. The minimum of a number column exceeds its maximum.',
        );
      }
      const after: StoredColumn = {
        ...before,
        ...flagPatch,
        ...(bounds === undefined ? {} : { number: bounds }),
      };
      checkValidation(after);
      if (after.enforceUniqueValues && !after.indexed) throw mustBeIndexed();
      if (after.storage === 'item_id' && !after.indexed) {
        throw invalidRequest('The ID column is always indexed.');
      }
      if (after.indexed && after.kind === 'text' && after.text?.allowMultipleLines) {
        throw invalidRequest('Multiple lines of text columns cannot be indexed.');
      }
      lists.updateColumn(list, before, after, ctx.user.siteUserId);
      return after;
    });
    return json(200, columnResource(updated));
  });
}

function findColumn(columns: readonly StoredColumn[], ref: string): StoredColumn {
  const column =
    columns.find((c) => c.id === ref.toLowerCase()) ??
    columns.find((c) => c.name === ref) ??
    columns.find((c) => c.name.toLowerCase() === ref.toLowerCase());
  if (!column) throw new GraphError(404, 'itemNotFound', 'Column not found');
  return column;
}

function lookupTarget(
  lists: ListStore,
  siteId: string,
  listId: string,
): { id: string; columnNames: readonly string[] } | null {
  const target = lists.findList(siteId, listId);
  if (!target) return null;
  return { id: target.id, columnNames: lists.columns(target).map((c) => c.name) };
}

export function queryValue(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}
