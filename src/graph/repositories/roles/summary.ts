import { contentHash } from '../../../domain/content-hash';
import { batchGetAll } from '../../batch';
import { NotFoundError } from '../../errors';
import {
  updateBody,
  readLines,
  ROLE_SELECT,
  roleFields,
  roleFieldsSchema,
  roleItemSchema,
  type RoleItem,
} from '../../mapping';
import type { DecisionRecord, RequestRecord, RoleContent } from '../../model';
import { itemQuery, listPath, type SiteLists } from '../../site';
import { checkItemId, type ReadOptions, type RepositoryContext } from '../context';
import {
  childQueries,
  childRows,
  INCOMPLETE_GENERATION,
  type RawRole,
  toRoleContent,
} from './rows';

/**
 * The app-maintained columns of a Functies item (InhoudHash, Zoektekst, Competentieprofiel,
 * AantalTaakafspraken):
 * refreshed only when the app writes, so an edit in SharePoint's own UI leaves them stale. The
 * catalogue recomputes them for "suspect" roles; a role read in full can be checked and repaired.
 */

const SUMMARY_COLUMNS = [
  'InhoudHash',
  'Zoektekst',
  'Competentieprofiel',
  'AantalTaakafspraken',
] as const;
export type SummaryColumns = Pick<RoleItem['fields'], (typeof SUMMARY_COLUMNS)[number]>;

export function summaryOf(fields: SummaryColumns): SummaryColumns {
  return {
    InhoudHash: fields.InhoudHash,
    Zoektekst: fields.Zoektekst,
    Competentieprofiel: fields.Competentieprofiel,
    AantalTaakafspraken: fields.AantalTaakafspraken,
  };
}

/** The summary columns the app writes for a role's content (`roleFields`), parsed as read back. */
async function summaryColumns(role: RoleContent): Promise<SummaryColumns> {
  return summaryOf(
    roleFieldsSchema.parse(
      roleFields(role.content, {
        generation: role.generation ?? INCOMPLETE_GENERATION,
        contentHash: await contentHash(role.content),
      }),
    ),
  );
}

/**
 * Roles whose InhoudHash may be stale: the item was modified after the newest approval or open
 * request that carries its InhoudHash. Any approval counts here, valid or not — this only decides
 * what to re-read, and re-reading one role too many costs less than trusting a stale hash.
 */
export function suspectRoles(
  items: readonly RoleItem[],
  decisions: readonly DecisionRecord[],
  openRequests: readonly RequestRecord[],
): RoleItem[] {
  const newest = anchorTimes(decisions, openRequests);
  return items.filter((item) => {
    const since = anchorOf(item, newest);
    return since !== undefined && Date.parse(item.lastModifiedDateTime) > since;
  });
}

/**
 * Per role and InhoudHash (`"{roleId} {hash}"`), the time of the newest approval or open request
 * carrying that hash: the moment from which a stored hash equal to it must not have moved.
 */
export function anchorTimes(
  decisions: readonly DecisionRecord[],
  openRequests: readonly RequestRecord[],
): Map<string, number> {
  const newest = new Map<string, number>();
  const note = (roleId: string, hash: string, at: string) => {
    const key = `${roleId} ${hash}`;
    const time = Date.parse(at);
    if (!Number.isNaN(time) && time > (newest.get(key) ?? -Infinity)) newest.set(key, time);
  };
  for (const d of decisions)
    if (d.outcome === 'approved') note(d.roleId, d.contentHash, d.decidedAt);
  for (const r of openRequests) note(r.roleId, r.contentHash, r.createdAt);
  return newest;
}

/** The anchor of an item's stored InhoudHash (see `anchorTimes`); undefined when it has none. */
export function anchorOf(item: RoleItem, anchors: ReadonlyMap<string, number>): number | undefined {
  const hash = item.fields.InhoudHash;
  return hash === null ? undefined : anchors.get(`${item.id} ${hash}`);
}

/**
 * Reads the full content of the suspect roles in one `$batch` wave and returns, per item id,
 * the item with its summary columns as the app would write them for that content.
 */
export async function recomputeSuspects(
  ctx: RepositoryContext,
  suspects: readonly RoleItem[],
  options: ReadOptions,
): Promise<Map<string, RoleItem>> {
  if (suspects.length === 0) return new Map();
  let result: Awaited<ReturnType<typeof batchGetAll>>;
  try {
    result = await batchGetAll(ctx.http, suspectQueries(ctx.site, suspects), options.signal);
  } catch (error) {
    // A suspect deleted between the two reads: its stored columns are shown this once; the
    // next catalogue read no longer lists it.
    if (error instanceof NotFoundError) return new Map();
    throw error;
  }
  return recomputedFrom(suspects, result);
}

/** The GETs that read the suspects in full (3 per role), for a wave shared with other reads. */
export function suspectQueries(
  site: SiteLists,
  suspects: readonly RoleItem[],
): { id: string; url: string }[] {
  return suspects.flatMap((item, i) => [
    { id: `f${i}`, url: itemQuery(site, 'Functies', item.id, ROLE_SELECT) },
    ...childQueries(site, item.id, String(i)),
  ]);
}

/** The suspects' items with their summary columns recomputed from what `suspectQueries` read. */
export async function recomputedFrom(
  suspects: readonly RoleItem[],
  result: { items: ReadonlyMap<string, unknown[]>; bodies: ReadonlyMap<string, unknown> },
): Promise<Map<string, RoleItem>> {
  const out = new Map<string, RoleItem>();
  for (const [i] of suspects.entries()) {
    const body = result.bodies.get(`f${i}`);
    const parsed = roleItemSchema.safeParse(body);
    // An item that no longer parses keeps its stored columns rather than failing the catalogue.
    if (!parsed.success) continue;
    const raw: RawRole = {
      item: parsed.data,
      ...childRows(result.items, String(i)),
      decisions: [],
      requests: [],
    };
    const role = toRoleContent(raw);
    out.set(raw.item.id, {
      ...raw.item,
      fields: { ...raw.item.fields, ...(await summaryColumns(role)) },
    });
  }
  return out;
}

/**
 * The summary columns as last read per item id and eTag, for the roles a repository read in
 * full: what a repair compares the content with.
 */
export class SummaryRepair {
  private readonly stored = new Map<string, { eTag: string; columns: SummaryColumns }>();

  constructor(private readonly ctx: RepositoryContext) {}

  /** Remembers the columns of an item just read. */
  note(item: RoleItem): void {
    this.stored.set(item.id, { eTag: item.eTag, columns: summaryOf(item.fields) });
  }

  /** See RoleRepository.isSummaryStale. */
  async isStale(role: RoleContent): Promise<boolean> {
    return (await this.staleColumns(role)) !== null;
  }

  /** See RoleRepository.repairSummary. */
  async repair(role: RoleContent): Promise<boolean> {
    const stale = await this.staleColumns(role);
    if (stale === null) return false;
    await this.ctx.http.expectOk(
      'PATCH',
      `${listPath(this.ctx.site, 'Functies')}/items/${checkItemId(role.id, 'Functie')}/fields`,
      { body: updateBody({ ...stale }), headers: { 'If-Match': role.eTag } },
    );
    this.stored.delete(role.id);
    return true;
  }

  private async staleColumns(role: RoleContent): Promise<SummaryColumns | null> {
    const stored = this.stored.get(role.id);
    if (!stored || stored.eTag !== role.eTag || role.eTag === '') return null;
    const expected = await summaryColumns(role);
    // Multi-line columns compared by their lines: SharePoint may hand back other line ends.
    const same = (c: (typeof SUMMARY_COLUMNS)[number]) => {
      const want = expected[c];
      const have = stored.columns[c];
      return typeof want === 'number' || typeof have === 'number' || want === null || have === null
        ? want === have
        : readLines(want).join('\n') === readLines(have).join('\n');
    };
    // A count missing only because the column is newer than the write is filled by the next
    // repair that is due anyway, not by one of its own: that PATCH would move the item after its
    // approval and make an unchanged role a suspect, re-read by every catalogue from then on.
    const decides = (c: (typeof SUMMARY_COLUMNS)[number]) =>
      c !== 'AantalTaakafspraken' || stored.columns[c] !== null;
    return SUMMARY_COLUMNS.filter(decides).every(same) ? null : expected;
  }
}
