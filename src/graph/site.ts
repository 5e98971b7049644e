import { z } from 'zod';
import type { GraphHttp } from './client';
import { NotFoundError } from './errors';
import { LISTS, type ListName } from './lists';

/**
 * Where the lists live: the site id and the id of each list, resolved once per session (the tab
 * does it at start-up) so that every view after that is a single round trip.
 */
export interface SiteRef {
  /** e.g. `stadtienen.sharepoint.com` */
  hostname: string;
  /** e.g. `/sites/functiewijzer` */
  path: string;
}

export interface SiteLists {
  siteId: string;
  listIds: ReadonlyMap<ListName, string>;
  /** Web URL of each list, for "Openen in SharePoint". */
  listUrls: ReadonlyMap<ListName, string | null>;
  /**
   * Each list's `lastModifiedDateTime` as the start-up read saw it, and when its answer came:
   * the catalogue's first read may take its stamp from here instead of asking again
   * (src/services/catalogue/revalidation.ts). Absent when the directory left the times out.
   */
  listTimes?: ListTimes;
}

/** List times read with the lists themselves (see `SiteLists.listTimes`). */
export interface ListTimes {
  modified: ReadonlyMap<ListName, string>;
  /** The client's clock (ms) when the answer that carried them came. */
  readAt: number;
}

/** A list as the start-up read returns it, by display name (or internal name). */
export interface SiteList {
  id: string;
  webUrl: string | null;
  /** Null when the directory left it out: the catalogue then reads its stamp itself. */
  lastModified: string | null;
}

const siteShape = z.object({ id: z.string().min(1) });

export async function resolveSiteId(http: GraphHttp, site: SiteRef): Promise<string> {
  const found = await http.get(`/sites/${sitePathAddress(site)}?$select=id`, siteShape);
  return found.id;
}

const listsShape = z.object({
  value: z.array(
    z.object({
      id: z.string().min(1),
      displayName: z.string(),
      name: z.string().optional(),
      webUrl: z.string().optional(),
      // Optional: a directory that leaves it out still boots (the catalogue then asks itself).
      lastModifiedDateTime: z.string().optional(),
    }),
  ),
});

/**
 * Lists on the site by display name (or internal name), as Graph returns them, with each list's
 * `lastModifiedDateTime`: the same single query either way (2 resource units), and the
 * catalogue's first stamp needs no request of its own.
 */
export async function readSiteLists(
  http: GraphHttp,
  siteId: string,
): Promise<Map<string, SiteList>> {
  const lists = await http.getAll(
    `/sites/${siteId}/lists?$select=id,displayName,name,webUrl,lastModifiedDateTime`,
    listsShape.shape.value.element,
  );
  const byName = new Map<string, SiteList>();
  for (const l of lists) {
    const ref = {
      id: l.id,
      webUrl: l.webUrl ?? null,
      lastModified: l.lastModifiedDateTime ?? null,
    };
    byName.set(l.displayName, ref);
    if (l.name !== undefined && !byName.has(l.name)) byName.set(l.name, ref);
  }
  return byName;
}

/** The Functiewijzer lists of a site; NotFound naming what is missing when it was not provisioned. */
export async function loadSiteLists(http: GraphHttp, siteId: string): Promise<SiteLists> {
  const onSite = await readSiteLists(http, siteId);
  return siteListsOf(siteId, onSite, Date.now());
}

/**
 * The site's id and its lists side by side, in one round trip instead of two: the lists are
 * addressed by the site's path ("sites can also be addressed by path … you can optionally
 * transition back to addressing the resource model by putting another colon at the end of the
 * path", learn.microsoft.com/graph/api/resources/sharepoint), so they need not wait for the id.
 */
export async function resolveSiteLists(http: GraphHttp, site: SiteRef): Promise<SiteLists> {
  const [siteId, { onSite, readAt }] = await Promise.all([
    resolveSiteId(http, site),
    readSiteLists(http, `${sitePathAddress(site)}:`).then((onSite) => ({
      onSite,
      readAt: Date.now(),
    })),
  ]);
  return siteListsOf(siteId, onSite, readAt);
}

/** `{hostname}:{path}`, Graph's path address of a site (without the closing colon). */
function sitePathAddress(site: SiteRef): string {
  const path = site.path.startsWith('/') ? site.path : `/${site.path}`;
  return `${site.hostname}:${encodeURI(path)}`;
}

function siteListsOf(
  siteId: string,
  onSite: ReadonlyMap<string, SiteList>,
  readAt: number,
): SiteLists {
  const listIds = new Map<ListName, string>();
  const listUrls = new Map<ListName, string | null>();
  const modified = new Map<ListName, string>();
  const missing: string[] = [];
  for (const def of LISTS) {
    const found = onSite.get(def.name);
    if (found) {
      listIds.set(def.name, found.id);
      listUrls.set(def.name, found.webUrl);
      if (found.lastModified !== null) modified.set(def.name, found.lastModified);
    } else {
      missing.push(def.name);
    }
  }
  if (missing.length > 0) {
    throw new NotFoundError(
      `De SharePoint-site mist de lijst(en) ${missing.join(', ')}. Laat IT de lijsten inrichten (npm run provision).`,
      { request: `GET /sites/${siteId}/lists` },
    );
  }
  return {
    siteId,
    listIds,
    listUrls,
    ...(modified.size > 0 ? { listTimes: { modified, readAt } } : {}),
  };
}

export function listPath(site: SiteLists, name: ListName): string {
  const id = site.listIds.get(name);
  if (id === undefined) throw new NotFoundError(`De lijst ${name} is niet gevonden.`);
  return `/sites/${site.siteId}/lists/${id}`;
}

/** An OData string literal: single quotes doubled, the whole thing percent-encoded for the URL. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Builds `…/items?$expand=fields($select=…)&$filter=…&$top=…`, each value percent-encoded: the
 * graph client passes query text through as given, and a `&` or `#` inside a filter value (a
 * competency name) would otherwise cut the query.
 */
/**
 * Item properties we read. Graph's default adds lastModifiedBy, parentReference and contentType
 * (about 500 bytes an item, a megabyte on a 2,000-role catalogue) that nothing here uses.
 */
export const ITEM_PROPERTIES = 'id,eTag,createdDateTime,lastModifiedDateTime,webUrl,createdBy';
/** For rows whose only use is their fields (task agreements, role competencies). */
export const ROW_PROPERTIES = 'id,createdDateTime';

export function itemsQuery(
  site: SiteLists,
  list: ListName,
  options: { select: string; filter?: string; top?: number; orderby?: string; properties?: string },
): string {
  const parts = [
    `$select=${options.properties ?? ITEM_PROPERTIES}`,
    `$expand=${enc(`fields($select=${options.select})`)}`,
  ];
  if (options.filter !== undefined) parts.push(`$filter=${enc(options.filter)}`);
  if (options.orderby !== undefined) parts.push(`$orderby=${enc(options.orderby)}`);
  parts.push(`$top=${options.top ?? 5000}`);
  return `${listPath(site, list)}/items?${parts.join('&')}`;
}

/** One item with its fields: `…/items/{id}?$expand=fields($select=…)`. */
export function itemQuery(
  site: SiteLists,
  list: ListName,
  id: string,
  select: string,
  properties: string = ITEM_PROPERTIES,
): string {
  return `${listPath(site, list)}/items/${id}?$select=${properties}&$expand=${enc(`fields($select=${select})`)}`;
}

function enc(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%2F/g, '/');
}
