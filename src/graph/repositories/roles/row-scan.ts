import { z } from 'zod';
import { batchGetAll } from '../../batch';
import { NotFoundError } from '../../errors';
import { readLines, type RoleItem } from '../../mapping';
import type { DecisionRecord, RequestRecord } from '../../model';
import { itemsQuery, listPath, type SiteLists } from '../../site';
import type { ReadOptions, RepositoryContext } from '../context';
import { generationOf } from './rows';
import { anchorOf, anchorTimes, recomputedFrom, suspectQueries, suspectRoles } from './summary';

/**
 * Every edit, deletion or addition of a role's rows reaches the catalogue (docs/data-layer.md,
 * "Every edit reaches the catalogue"). The catalogue derives a status from the InhoudHash that the
 * app keeps on the Functies item; SharePoint's own list UI changes rows without touching that
 * item. So the catalogue's second wave reads, besides the suspects (items modified after their
 * anchor, read in full), the rows of both child lists in their slimmest form — item id, modified
 * time, Functie lookup, generation — and a role whose hash is anchored (an approval or open
 * request carries it, and the item has not moved since) is trusted only while
 *
 * - none of its rows was modified or added after that anchor (a row's modified time is
 *   SharePoint's, set on every change, by anyone, through any client), and
 * - it still has as many rows as the content that hash describes: Competentieprofiel has one line
 *   per competency, AantalTaakafspraken the number of task agreements — written by the app in the
 *   same PATCH as InhoudHash, so when the item has not moved since the anchor they describe the
 *   anchored content. A row deleted since is one fewer; a deletion hidden by an addition is seen
 *   through the addition's modified time.
 *
 * A role that fails either is shown without a hash (so never approved). Why a full scan and not a
 * `Modified ge …` filter: see the docs — the app's own imports write rows after older approvals,
 * so any "modified since the oldest anchor" query returns them too, and deletions leave nothing
 * to filter on.
 */

/** Item ids per range query: SharePoint answers an indexed filter of at most 5,000 items. */
export const SCAN_RANGE = 5000;

const CHILD_LISTS = ['Taakafspraken', 'Functiecompetenties'] as const;
type ChildList = (typeof CHILD_LISTS)[number];

/** What the scan selects of a row: its id and modified time, its role and its generation. */
const SCAN_SELECT = 'FunctieLookupId,Inhoudsversie';
const SCAN_PROPERTIES = 'id,lastModifiedDateTime';

/** The first 5,000 rows of a child list (no `$orderby`, which every list answers). */
function firstPageQuery(site: SiteLists, list: ChildList): string {
  return itemsQuery(site, list, {
    select: SCAN_SELECT,
    properties: SCAN_PROPERTIES,
    top: SCAN_RANGE,
  });
}

/** The newest item id of a child list: `$orderby` on the always-indexed ID, `$top=1`. */
function newestIdQuery(site: SiteLists, list: ChildList): string {
  return `${listPath(site, list)}/items?$select=id&$orderby=fields/ID%20desc&$top=1`;
}

/**
 * For the catalogue's first batch, per child list: the newest item id, so that the rows can be
 * read by id ranges, all at once, in the second wave; and, with `firstPages` (the full read,
 * `catalogue()`), the first 5,000 rows too — usually the whole list, so a small site needs no
 * second wave. The lean first screen (issue 15) leaves the pages out: at 2,000 roles they are
 * most of its bytes, and the list paints without them. The probe is optional: Graph has been
 * reported to refuse `orderby=id desc` on a large list (microsoft-graph-docs#8450; `npm run
 * check-tenant` should say), and without it the list's pages are followed one after another
 * instead — slower, never incomplete.
 */
export function firstScanQueries(
  site: SiteLists,
  firstPages = true,
): { id: string; url: string; firstPageOnly: boolean; optional?: boolean }[] {
  return CHILD_LISTS.flatMap((list) => [
    ...(firstPages
      ? [{ id: `scan-${list}-first`, url: firstPageQuery(site, list), firstPageOnly: true }]
      : []),
    { id: `last-${list}`, url: newestIdQuery(site, list), firstPageOnly: true, optional: true },
  ]);
}

const pageShape = z.object({
  value: z.array(z.object({ id: z.string() }).loose()),
  '@odata.nextLink': z.string().optional(),
});

function idOf(value: { id: string } | undefined): number {
  const id = Number(value?.id ?? '0');
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

/**
 * The newest id the probe answered: 0 for an empty list, null when it did not answer (or in a
 * shape we cannot read: then the pages are followed instead of trusting a guess).
 */
function newestId(last: unknown): number | null {
  const newest = pageShape.safeParse(last);
  if (!newest.success) return null;
  if (newest.data.value.length === 0) return 0;
  const id = idOf(newest.data.value[0]);
  return id === 0 ? null : id;
}

/** Every id range after `from` up to `lastId`, one query each (all in one wave). */
function rangeQueries(
  site: SiteLists,
  list: ChildList,
  from: number,
  lastId: number,
): { id: string; url: string }[] {
  const out: { id: string; url: string }[] = [];
  for (let n = 0; from < lastId; from += SCAN_RANGE, n++) {
    out.push({
      id: `scan-${list}-${n}`,
      url: itemsQuery(site, list, {
        select: SCAN_SELECT,
        filter: `fields/ID gt ${from} and fields/ID le ${from + SCAN_RANGE}`,
        properties: SCAN_PROPERTIES,
        top: SCAN_RANGE,
      }),
    });
  }
  return out;
}

/**
 * What is left of a child list's scan after the first batch. Its first page read (`first`
 * defined): nothing when that was all of it, else every id range after it up to the newest id
 * (rows read twice count once), or, without the newest id, the first page's next link, followed
 * to the end. No first page read (the lean first screen): every id range up to the newest id,
 * or, without it, the list from its start, followed to the end.
 */
function remainingScanQueries(
  http: RepositoryContext['http'],
  site: SiteLists,
  list: ChildList,
  first: { body: unknown } | undefined,
  last: unknown,
): { id: string; url: string }[] {
  const lastId = newestId(last);
  if (first === undefined) {
    if (lastId === null) return [{ id: `scan-${list}-first`, url: firstPageQuery(site, list) }];
    return rangeQueries(site, list, 0, lastId);
  }
  const page = pageShape.safeParse(first.body);
  const next = page.success ? page.data['@odata.nextLink'] : undefined;
  if (next === undefined) return [];
  if (lastId === null || lastId === 0)
    return [{ id: `scan-${list}-next`, url: http.relative(next) }];
  // Ids in rising order mean the list answered in id (= creation) order, as SharePoint does by
  // default: the page is then the lowest ids, and the ranges start after it. Otherwise from 0.
  const ids = page.success ? page.data.value.map(idOf) : [];
  const rising = ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0));
  return rangeQueries(site, list, rising ? (ids[ids.length - 1] ?? 0) : 0, lastId);
}

const scannedRowShape = z.object({
  id: z.string(),
  lastModifiedDateTime: z.string(),
  fields: z
    .object({
      FunctieLookupId: z.union([z.string(), z.number()]).optional(),
      Inhoudsversie: z.union([z.number(), z.string()]).nullish(),
    })
    .loose(),
});

export interface ScannedRow {
  /** The row's item id; absent in hand-made test rows. */
  id?: string;
  roleId: string;
  generation: number | null;
  modified: number;
}

function scannedRows(
  waves: readonly ReadonlyMap<string, unknown[]>[],
  list: ChildList,
): ScannedRow[] {
  const out: ScannedRow[] = [];
  const seen = new Set<string>();
  for (const [id, values] of waves.flatMap((w) => [...w])) {
    if (!id.startsWith(`scan-${list}-`)) continue;
    for (const value of values) {
      const row = scannedRowShape.safeParse(value);
      // A row we cannot read counts for no role; it cannot make one look unchanged either,
      // because the counts below then come out short.
      if (!row.success || row.data.fields.FunctieLookupId === undefined) continue;
      // The first page and the id ranges overlap: each row once.
      if (seen.has(row.data.id)) continue;
      seen.add(row.data.id);
      const g = row.data.fields.Inhoudsversie;
      const generation = g === null || g === undefined || g === '' ? null : Number(g);
      out.push({
        id: row.data.id,
        roleId: String(row.data.fields.FunctieLookupId),
        generation: generation === null || Number.isNaN(generation) ? null : Math.trunc(generation),
        modified: Date.parse(row.data.lastModifiedDateTime),
      });
    }
  }
  return out;
}

/**
 * The catalogue's second wave, when it needs one: the suspects read in full (their summary
 * columns recomputed) and what the first batch left of the scan (the rest of a child list past
 * its first 5,000 rows, or, after a lean first screen, every row), together. Returns the
 * recomputed items and the roles whose rows changed since their anchor. `first` is what the
 * first batch answered: its scan pages and newest-id probes (`firstScanQueries`).
 */
export async function verifyRows(
  ctx: RepositoryContext,
  items: readonly RoleItem[],
  decisions: readonly DecisionRecord[],
  openRequests: readonly RequestRecord[],
  first: { items: ReadonlyMap<string, unknown[]>; bodies: ReadonlyMap<string, unknown> },
  options: ReadOptions,
): Promise<{ recomputed: Map<string, RoleItem>; rowsChanged: Set<string> }> {
  const suspects = suspectRoles(items, decisions, openRequests);
  const scans = CHILD_LISTS.flatMap((list) => {
    const page = `scan-${list}-first`;
    return remainingScanQueries(
      ctx.http,
      ctx.site,
      list,
      first.items.has(page) ? { body: first.bodies.get(page) } : undefined,
      first.bodies.get(`last-${list}`),
    );
  });
  let second: Awaited<ReturnType<typeof batchGetAll>> = {
    items: new Map(),
    bodies: new Map(),
    roundTrips: 0,
    envelopes: 0,
  };
  let recomputedSuspects = suspects;
  const wave = [...suspectQueries(ctx.site, suspects), ...scans];
  if (wave.length > 0) {
    try {
      second = await batchGetAll(ctx.http, wave, options.signal);
    } catch (error) {
      if (!(error instanceof NotFoundError) || suspects.length === 0) throw error;
      // A suspect deleted between the two reads: its stored columns are shown this once (the
      // next catalogue read no longer lists it); the rest of the scan is asked on its own.
      second = await batchGetAll(ctx.http, scans, options.signal);
      recomputedSuspects = [];
    }
  }
  const recomputed = await recomputedFrom(recomputedSuspects, second);
  const skip = new Set(suspects.map((s) => s.id));
  const waves = [first.items, second.items];
  return {
    recomputed,
    rowsChanged: changedRoles(
      items.filter((i) => !skip.has(i.id)),
      anchorTimes(decisions, openRequests),
      {
        Taakafspraken: scannedRows(waves, 'Taakafspraken'),
        Functiecompetenties: scannedRows(waves, 'Functiecompetenties'),
      },
    ),
  };
}

/**
 * The roles whose stored hash is anchored but whose rows no longer match it: a row of the role's
 * content (its generation, or none: added by hand) modified after the anchor, or fewer or more
 * such rows than the anchored content had.
 */
export function changedRoles(
  items: readonly RoleItem[],
  anchors: ReadonlyMap<string, number>,
  rows: Record<ChildList, readonly ScannedRow[]>,
): Set<string> {
  const trusted = new Map<string, { since: number; item: RoleItem }>();
  for (const item of items) {
    const since = anchorOf(item, anchors);
    if (since !== undefined) trusted.set(item.id, { since, item });
  }
  const changed = new Set<string>();
  const counts: Record<ChildList, Map<string, number>> = {
    Taakafspraken: new Map(),
    Functiecompetenties: new Map(),
  };
  for (const list of CHILD_LISTS) {
    for (const row of rows[list]) {
      const role = trusted.get(row.roleId);
      if (!role) continue;
      const generation = generationOf(role.item.fields.Inhoudsversie);
      // Rows of another generation are an unfinished or superseded import: never shown.
      if (row.generation !== null && row.generation !== generation) continue;
      counts[list].set(row.roleId, (counts[list].get(row.roleId) ?? 0) + 1);
      // An unreadable time counts as a change: it cannot prove the row is as approved.
      if (!(row.modified <= role.since)) changed.add(row.roleId);
    }
  }
  for (const [id, { item }] of trusted) {
    const competencies = readLines(item.fields.Competentieprofiel).length;
    if ((counts.Functiecompetenties.get(id) ?? 0) !== competencies) changed.add(id);
    const areas = item.fields.AantalTaakafspraken;
    // Written since the column exists; before, the next HR open repairs it (summary.ts).
    if (areas !== null && (counts.Taakafspraken.get(id) ?? 0) !== areas) changed.add(id);
  }
  return changed;
}
