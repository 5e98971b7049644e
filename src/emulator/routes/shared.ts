import type { z } from 'zod';
import { zodMessage } from '../column-input';
import { GraphError, accessDenied, badRequest, invalidRequest } from '../graph-error';
import type { ListRow } from '../list-store';
import { type Capabilities, listCapabilities, siteCapabilities } from '../permissions';
import type { RouteContext } from '../router';
import { SHAREPOINT_HOSTNAME, SITES, type TenantSite } from '../tenant';

/** Lookups and checks every SharePoint route needs: the site, the list, what the user may do. */

export function findSite(ref: string): TenantSite | undefined {
  const key = ref.toLowerCase();
  if (key === 'root' || key === SHAREPOINT_HOSTNAME) return SITES.find((s) => s.path === '');
  return SITES.find(
    (s) =>
      s.id.toLowerCase() === key ||
      `${s.siteCollectionId},${s.webId}` === key ||
      s.siteCollectionId === key,
  );
}

export const siteNotFound = (): GraphError =>
  new GraphError(404, 'itemNotFound', 'Requested site could not be found');

export function siteFor(ctx: RouteContext): TenantSite {
  const site = findSite(ctx.params['site'] ?? '');
  if (!site) throw siteNotFound();
  if (!siteCapabilities(ctx.user, site).read) throw accessDenied();
  return site;
}

export interface ListAccess {
  site: TenantSite;
  list: ListRow;
  caps: Capabilities;
}

/** The list of the route, after checking the user holds `need` on it. */
export function listFor(ctx: RouteContext, need: keyof Capabilities): ListAccess {
  const site = siteFor(ctx);
  const list = ctx.emu.lists.findList(site.id, ctx.params['list'] ?? '');
  if (!list) throw new GraphError(404, 'itemNotFound', 'List not found');
  const caps = listCapabilities(ctx.user, site, list);
  if (!caps[need]) throw accessDenied();
  return { site, list, caps };
}

export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  code: 'BadRequest' | 'invalidRequest' = 'invalidRequest',
): T {
  if (body === undefined) {
    throw badRequest('Empty Payload. JSON content expected.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const message = zodMessage(parsed.error);
    throw code === 'BadRequest' ? badRequest(message) : invalidRequest(message);
  }
  return parsed.data;
}

export function itemIdParam(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) {
    throw new GraphError(400, 'invalidRequest', `Invalid item id '${raw ?? ''}'.`);
  }
  return Number(raw);
}

/** The `If-Match` check of SharePoint items: `*` or the exact eTag (quotes and W/ ignored). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  const norm = (s: string): string =>
    s
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
  // A SharePoint eTag holds a comma ("guid,3"), so the header is one tag, never a list.
  const given = header.trim();
  return given === '*' || norm(given) === norm(etag);
}

export function preconditionFailed(given: string, current: string): GraphError {
  return new GraphError(
    412,
    'preconditionFailed',
    `The request ETag value '${given}' does not match the object's ETag value '${current}'.`,
  );
}

/** `@odata.context` for a collection, pointing at this emulator's metadata like Graph does. */
export function odataContext(ctx: RouteContext, fragment: string): string {
  return `${ctx.emu.graphBaseUrl}/$metadata#${fragment}`;
}
