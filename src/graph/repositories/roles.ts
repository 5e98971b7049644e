import { z } from 'zod';
import { type ContentHash, contentHash } from '../../domain/content-hash';
import { competencyKey } from '../mapping';
import type { FunctionContent } from '../../domain/schema';
import { batchGetAll, type BatchRequest, entryError, runBatch } from '../batch';
import { describe, validate } from '../client';
import { NotFoundError, ValidationError } from '../errors';
import type { ListName } from '../lists';
import {
  competencyFromItem,
  DECISION_SUMMARY_SELECT,
  decisionFieldsSchema,
  decisionFromItem,
  decisionItemSchema,
  parseItems,
  readLines,
  requestFieldsSchema,
  requestFromItem,
  requestItemSchema,
  resultAreaFields,
  resultAreaFieldsSchema,
  resultAreaFromItem,
  resultAreaItemSchema,
  type ResultAreaItem,
  CATALOGUE_SELECT,
  ROLE_SELECT,
  roleCompetencyFields,
  roleCompetencyFieldsSchema,
  roleCompetencyItemSchema,
  type RoleCompetencyItem,
  roleContentHead,
  roleFields,
  roleFieldsSchema,
  roleItemSchema,
  type RoleItem,
  roleSummary,
} from '../mapping';
import type { Catalogue, DecisionRecord, RequestRecord, RoleContent } from '../model';
import {
  itemQuery,
  itemsQuery,
  listPath,
  odataString,
  ROW_PROPERTIES,
  type SiteLists,
} from '../site';
import { byNumericId, checkItemId, type ReadOptions, type RepositoryContext } from './context';

/**
 * Roles: the catalogue, one role's full content, and the all-or-nothing write of a role.
 *
 * Read shapes (docs/data-layer.md):
 * - catalogue: ONE `$batch` with three GETs — every Functies item with the catalogue columns
 *   (the search text and competency profile are kept on the item, so 70,000 role-competency rows
 *   are not needed), every decision without its snapshot, and the open requests. A list past
 *   5,000 items adds one more wave for the next pages.
 *   Those columns are refreshed only when the app writes; an edit in SharePoint's own UI leaves
 *   InhoudHash stale, and a stale hash would show an edited role as still approved. So a role
 *   whose item was modified after the newest approval or open request carrying its InhoudHash is
 *   a "suspect": its full content is read (one more `$batch` for all suspects, 3 GETs each) and
 *   hashed here. Normally there are none — the app's own writes change InhoudHash, and a
 *   decision or request comes after the write it is about.
 * - one role: ONE `$batch` with five GETs — the Functies item by id and its task agreements,
 *   competencies, decisions and requests, each filtered on the indexed Functie lookup.
 *
 * Write: children first, tagged with a new Inhoudsversie (generation), then ONE PATCH of the
 * Functies item that switches the role to that generation (the commit point, guarded by
 * If-Match), then the old rows are deleted. A failure before the commit leaves the previous
 * version (or, for a new role, nothing) visible; rows of an unfinished generation are never
 * shown and are cleaned up by the next write.
 */

const ROLE_COMPETENCY_SELECT = Object.keys(roleCompetencyFieldsSchema.shape).join(',');
const RESULT_AREA_SELECT = Object.keys(resultAreaFieldsSchema.shape).join(',');
const REQUEST_SELECT = Object.keys(requestFieldsSchema.shape).join(',');
const DECISION_SELECT = Object.keys(decisionFieldsSchema.shape).join(',');

/** Inhoudsversie of a Functies item that an import created and has not yet completed. */
export const INCOMPLETE_GENERATION = 0;

export interface RoleWriteResult {
  roleId: string;
  action: 'created' | 'updated' | 'unchanged';
  contentHash: ContentHash;
  generation: number;
  /** Rows of earlier or unfinished versions that were deleted. */
  removedRows: number;
}

interface RawRole {
  item: RoleItem;
  areas: ResultAreaItem[];
  competencies: RoleCompetencyItem[];
  decisions: DecisionRecord[];
  requests: RequestRecord[];
}

/** The app-maintained columns of a Functies item (see `roleFields`). */
const SUMMARY_COLUMNS = ['InhoudHash', 'Zoektekst', 'Competentieprofiel'] as const;
type SummaryColumns = Pick<RoleItem['fields'], (typeof SUMMARY_COLUMNS)[number]>;

function summaryOf(fields: SummaryColumns): SummaryColumns {
  return {
    InhoudHash: fields.InhoudHash,
    Zoektekst: fields.Zoektekst,
    Competentieprofiel: fields.Competentieprofiel,
  };
}

export class RoleRepository {
  /** Key → item id, learnt from the catalogue and earlier reads, so a role by key is one round trip. */
  private readonly idsByKey = new Map<string, string>();
  /** The summary columns as last read per item id and eTag: what a repair compares with. */
  private readonly storedSummaries = new Map<string, { eTag: string; columns: SummaryColumns }>();

  constructor(private readonly ctx: RepositoryContext) {}

  /**
   * Every visible role with what the catalogue shows, plus what its status is derived from.
   * `withTasks: false` leaves out the searchable task texts (`tasks` is then empty).
   */
  async catalogue(options: ReadOptions & { withTasks?: boolean } = {}): Promise<Catalogue> {
    const { site, http } = this.ctx;
    // The task texts are most of the catalogue's bytes (docs/data-layer.md §8): a caller that
    // paints before it searches may load them later.
    const select =
      options.withTasks === false
        ? CATALOGUE_SELECT.split(',')
            .filter((c) => c !== 'Zoektekst')
            .join(',')
        : CATALOGUE_SELECT;
    const result = await batchGetAll(
      http,
      [
        { id: 'roles', url: itemsQuery(site, 'Functies', { select }) },
        {
          id: 'decisions',
          url: itemsQuery(site, 'Besluiten', { select: DECISION_SUMMARY_SELECT }),
        },
        {
          id: 'requests',
          url: itemsQuery(site, 'Goedkeuringsaanvragen', {
            select: REQUEST_SELECT,
            filter: `fields/Status eq 'Open'`,
          }),
        },
      ],
      options.signal,
    );
    const items = parseItems(roleItemSchema, result.items.get('roles') ?? [], 'Functies').filter(
      (i) => i.fields.Inhoudsversie !== INCOMPLETE_GENERATION,
    );
    const decisions = parseItems(
      decisionItemSchema,
      result.items.get('decisions') ?? [],
      'Besluiten',
    )
      .sort(byNumericId)
      .map((d) => ({ ...decisionFromItem(d), snapshot: null }));
    const openRequests = parseItems(
      requestItemSchema,
      result.items.get('requests') ?? [],
      'Goedkeuringsaanvragen',
    )
      .sort(byNumericId)
      .map(requestFromItem);
    const recomputed = await this.recomputeSuspects(
      suspectRoles(items, decisions, openRequests),
      options,
    );
    const roles = items
      .map((item) => {
        const fresh = recomputed.get(item.id);
        if (!fresh) return roleSummary(item);
        const summary = roleSummary(fresh);
        return options.withTasks === false ? { ...summary, tasks: [] } : summary;
      })
      .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    for (const r of roles) this.idsByKey.set(r.key, r.id);
    return { roles, decisions, openRequests };
  }

  /**
   * Reads the full content of the suspect roles in one `$batch` wave and returns, per item id,
   * the item with its summary columns as the app would write them for that content.
   */
  private async recomputeSuspects(
    suspects: readonly RoleItem[],
    options: ReadOptions,
  ): Promise<Map<string, RoleItem>> {
    const out = new Map<string, RoleItem>();
    if (suspects.length === 0) return out;
    const { site, http } = this.ctx;
    let result: Awaited<ReturnType<typeof batchGetAll>>;
    try {
      result = await batchGetAll(
        http,
        suspects.flatMap((item, i) => [
          { id: `f${i}`, url: itemQuery(site, 'Functies', item.id, ROLE_SELECT) },
          ...childQueries(site, item.id, String(i)),
        ]),
        options.signal,
      );
    } catch (error) {
      // A suspect deleted between the two reads: its stored columns are shown this once; the
      // next catalogue read no longer lists it.
      if (error instanceof NotFoundError) return out;
      throw error;
    }
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
   * True when the role's app-maintained columns (InhoudHash, Zoektekst, Competentieprofiel) do
   * not match its content as read — it was edited outside the app. Only for a role read by this
   * repository (getById/getByKey); otherwise false.
   */
  async isSummaryStale(role: RoleContent): Promise<boolean> {
    return (await this.staleColumns(role)) !== null;
  }

  /**
   * Rewrites the app-maintained columns from the content read, guarded by If-Match on the eTag of
   * that read (a concurrent edit wins; the next read repairs again). Needs HR's right to edit
   * Functies. Returns whether anything was written.
   */
  async repairSummary(role: RoleContent): Promise<boolean> {
    const stale = await this.staleColumns(role);
    if (stale === null) return false;
    await this.ctx.http.expectOk(
      'PATCH',
      `${listPath(this.ctx.site, 'Functies')}/items/${checkItemId(role.id, 'Functie')}/fields`,
      { body: stale, headers: { 'If-Match': role.eTag } },
    );
    this.storedSummaries.delete(role.id);
    return true;
  }

  private async staleColumns(role: RoleContent): Promise<SummaryColumns | null> {
    const stored = this.storedSummaries.get(role.id);
    if (!stored || stored.eTag !== role.eTag || role.eTag === '') return null;
    const expected = await summaryColumns(role);
    // Multi-line columns compared by their lines: SharePoint may hand back other line ends.
    const same = (c: (typeof SUMMARY_COLUMNS)[number]) =>
      readLines(expected[c]).join('\n') === readLines(stored.columns[c]).join('\n');
    return SUMMARY_COLUMNS.every(same) ? null : expected;
  }

  /** One role's full content, its decisions and requests: one round trip. */
  async getById(id: string, options: ReadOptions = {}): Promise<RoleContent> {
    const raw = await this.readRaw(checkItemId(id, 'Functie'), options);
    if (raw.item.fields.Inhoudsversie === INCOMPLETE_GENERATION) throw notFound(id);
    return toRoleContent(raw);
  }

  /**
   * One role by its key: one round trip when the key's item id is known (after the catalogue or
   * an earlier read), two when it must be looked up first.
   */
  async getByKey(key: string, options: ReadOptions = {}): Promise<RoleContent> {
    const known = this.idsByKey.get(key);
    if (known !== undefined) {
      try {
        const role = await this.getById(known, options);
        if (role.content.key === key) return role;
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
      // Deleted or re-keyed since we learnt the id: look it up afresh.
      this.idsByKey.delete(key);
    }
    const found = await this.findByKey(key, options);
    if (!found || found.generation === INCOMPLETE_GENERATION) throw notFound(key);
    return this.getById(found.id, options);
  }

  /** The Functies item for a key (unique, indexed), or null. */
  async findByKey(
    key: string,
    options: ReadOptions = {},
  ): Promise<{ id: string; eTag: string; generation: number | null } | null> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Functies', {
        select: 'Title,FunctieKey,Soort,Inhoudsversie',
        filter: `fields/FunctieKey eq ${odataString(key)}`,
        top: 1,
      }),
      z.unknown(),
      options,
    );
    const [item] = parseItems(roleItemSchema, raw, 'Functies');
    if (!item) return null;
    this.idsByKey.set(key, item.id);
    return { id: item.id, eTag: item.eTag, generation: generationOf(item.fields.Inhoudsversie) };
  }

  /**
   * Creates or replaces the role with `content.key`, all or nothing (see the file comment).
   * `dictionaryIds` maps each competency key to its dictionary item (CompetencyRepository.ensure).
   * Writing the same content again changes nothing.
   */
  async write(
    content: FunctionContent,
    dictionaryIds: ReadonlyMap<string, string>,
  ): Promise<RoleWriteResult> {
    const hash = await contentHash(content);
    for (const c of content.competencies) {
      if (!dictionaryIds.has(competencyKey(c.name))) {
        throw new ValidationError(`De competentie '${c.name}' staat niet in het woordenboek.`);
      }
    }
    const found = (await this.findByKey(content.key)) ?? (await this.createIncomplete(content));
    const action: RoleWriteResult['action'] =
      found.generation === INCOMPLETE_GENERATION ? 'created' : 'updated';
    const raw = await this.readRaw(found.id);
    const current = generationOf(raw.item.fields.Inhoudsversie);
    const rows = [
      ...raw.areas.map((r) => ({ list: 'Taakafspraken' as const, row: r })),
      ...raw.competencies.map((r) => ({ list: 'Functiecompetenties' as const, row: r })),
    ];

    if (
      current !== INCOMPLETE_GENERATION &&
      (await contentHash(toRoleContent(raw).content)) === hash
    ) {
      // Same content: only leftovers of an earlier, unfinished write are removed.
      const removed = await this.deleteRows(rows.filter((r) => !belongs(raw.item, r.row)));
      return {
        roleId: found.id,
        action: 'unchanged',
        contentHash: hash,
        generation: current ?? 0,
        removedRows: removed,
      };
    }

    const used = rows.map((r) => generationOf(r.row.fields.Inhoudsversie) ?? 0);
    const generation = Math.max(current ?? 0, ...used) + 1;
    await this.createChildren(content, found.id, generation, dictionaryIds);

    // The commit point: one PATCH makes the new rows the role's content. If-Match: a concurrent
    // writer that committed first wins, and this write stops before touching its rows.
    await this.ctx.http.expectOk(
      'PATCH',
      `${listPath(this.ctx.site, 'Functies')}/items/${found.id}/fields`,
      {
        body: roleFields(content, { generation, contentHash: hash }),
        headers: { 'If-Match': raw.item.eTag },
      },
    );

    // The document replaces the role's content: rows added by hand go too.
    const removed = await this.deleteRows(
      rows.filter((r) => generationOf(r.row.fields.Inhoudsversie) !== generation),
    );
    return { roleId: found.id, action, contentHash: hash, generation, removedRows: removed };
  }

  private async createIncomplete(
    content: FunctionContent,
  ): Promise<{ id: string; eTag: string; generation: number }> {
    const path = `${listPath(this.ctx.site, 'Functies')}/items`;
    const response = await this.ctx.http.send('POST', path, {
      body: {
        fields: {
          Title: content.title,
          FunctieKey: content.key,
          Soort: content.kind,
          Inhoudsversie: INCOMPLETE_GENERATION,
        },
      },
    });
    if (response.status === 409) {
      // A concurrent import of the same key created it first (FunctieKey is unique).
      const theirs = await this.findByKey(content.key);
      if (theirs) return { ...theirs, generation: theirs.generation ?? 0 };
    }
    const created = this.ctx.http.parse(
      'POST',
      path,
      response,
      z.object({ id: z.string(), eTag: z.string().optional() }),
    );
    this.idsByKey.set(content.key, created.id);
    return { id: created.id, eTag: created.eTag ?? '', generation: INCOMPLETE_GENERATION };
  }

  private async createChildren(
    content: FunctionContent,
    roleId: string,
    generation: number,
    dictionaryIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const areasPath = `${listPath(this.ctx.site, 'Taakafspraken')}/items`;
    const competenciesPath = `${listPath(this.ctx.site, 'Functiecompetenties')}/items`;
    const requests: BatchRequest[] = [
      ...content.resultAreas.map((area, i) => ({
        id: `a${i}`,
        method: 'POST' as const,
        url: areasPath,
        body: { fields: resultAreaFields(area, roleId, i, generation) },
      })),
      ...content.competencies.map((c, i) => ({
        id: `c${i}`,
        method: 'POST' as const,
        url: competenciesPath,
        body: {
          fields: roleCompetencyFields(
            c,
            roleId,
            dictionaryIds.get(competencyKey(c.name)) as string,
            i,
            generation,
          ),
        },
      })),
    ];
    if (requests.length === 0) return;
    const run = await runBatch(this.ctx.http, requests);
    run.responses.forEach((response, i) => {
      if (response.status >= 300)
        throw entryError(response, describe('POST', requests[i]?.url ?? ''));
    });
  }

  /** Deletes rows in batches; a row already gone is what we wanted. */
  private async deleteRows(
    rows: readonly { list: ListName; row: { id: string } }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const requests: BatchRequest[] = rows.map((r, i) => ({
      id: `x${i}`,
      method: 'DELETE' as const,
      url: `${listPath(this.ctx.site, r.list)}/items/${r.row.id}`,
    }));
    const run = await runBatch(this.ctx.http, requests);
    run.responses.forEach((response, i) => {
      if (response.status >= 300 && response.status !== 404) {
        throw entryError(response, describe('DELETE', requests[i]?.url ?? ''));
      }
    });
    return rows.length;
  }

  private async readRaw(id: string, options: ReadOptions = {}): Promise<RawRole> {
    const { site, http } = this.ctx;
    const byRole = `fields/FunctieLookupId eq ${id}`;
    const roleUrl = itemQuery(site, 'Functies', id, ROLE_SELECT);
    const result = await batchGetAll(
      http,
      [
        { id: 'role', url: roleUrl },
        ...childQueries(site, id),
        {
          id: 'decisions',
          url: itemsQuery(site, 'Besluiten', { select: DECISION_SELECT, filter: byRole }),
        },
        {
          id: 'requests',
          url: itemsQuery(site, 'Goedkeuringsaanvragen', {
            select: REQUEST_SELECT,
            filter: byRole,
          }),
        },
      ],
      options.signal,
    ).catch((err: unknown) => {
      throw err instanceof NotFoundError ? notFound(id) : err;
    });
    const item = validate(roleItemSchema, result.bodies.get('role'), describe('GET', roleUrl));
    this.idsByKey.set(item.fields.FunctieKey, item.id);
    this.storedSummaries.set(item.id, { eTag: item.eTag, columns: summaryOf(item.fields) });
    return {
      item,
      ...childRows(result.items),
      decisions: parseItems(decisionItemSchema, result.items.get('decisions') ?? [], 'Besluiten')
        .sort(byNumericId)
        .map(decisionFromItem),
      requests: parseItems(
        requestItemSchema,
        result.items.get('requests') ?? [],
        'Goedkeuringsaanvragen',
      )
        .sort(byNumericId)
        .map(requestFromItem),
    };
  }
}

/**
 * A role's task agreements and competencies, filtered on the indexed Functie lookup; `suffix`
 * tells several roles apart in one batch, and `childRows` reads them back with it.
 */
function childQueries(site: SiteLists, roleId: string, suffix = ''): { id: string; url: string }[] {
  const byRole = `fields/FunctieLookupId eq ${roleId}`;
  return [
    {
      id: `areas${suffix}`,
      url: itemsQuery(site, 'Taakafspraken', {
        select: RESULT_AREA_SELECT,
        filter: byRole,
        properties: ROW_PROPERTIES,
      }),
    },
    {
      id: `competencies${suffix}`,
      url: itemsQuery(site, 'Functiecompetenties', {
        select: ROLE_COMPETENCY_SELECT,
        filter: byRole,
        properties: ROW_PROPERTIES,
      }),
    },
  ];
}

function childRows(
  items: ReadonlyMap<string, unknown[]>,
  suffix = '',
): Pick<RawRole, 'areas' | 'competencies'> {
  return {
    areas: parseItems(resultAreaItemSchema, items.get(`areas${suffix}`) ?? [], 'Taakafspraken'),
    competencies: parseItems(
      roleCompetencyItemSchema,
      items.get(`competencies${suffix}`) ?? [],
      'Functiecompetenties',
    ),
  };
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
  const newest = new Map<string, number>();
  const note = (roleId: string, hash: string, at: string) => {
    const key = `${roleId} ${hash}`;
    const time = Date.parse(at);
    if (!Number.isNaN(time) && time > (newest.get(key) ?? -Infinity)) newest.set(key, time);
  };
  for (const d of decisions)
    if (d.outcome === 'approved') note(d.roleId, d.contentHash, d.decidedAt);
  for (const r of openRequests) note(r.roleId, r.contentHash, r.createdAt);
  return items.filter((item) => {
    const hash = item.fields.InhoudHash;
    if (hash === null) return false;
    const since = newest.get(`${item.id} ${hash}`);
    return since !== undefined && Date.parse(item.lastModifiedDateTime) > since;
  });
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

function generationOf(value: number | null): number | null {
  return value === null ? null : Math.trunc(value);
}

/** Rows that belong to the role now: of its current generation, or added by hand (no generation). */
function belongs(role: RoleItem, row: { fields: { Inhoudsversie: number | null } }): boolean {
  const g = generationOf(row.fields.Inhoudsversie);
  return g === null || g === generationOf(role.fields.Inhoudsversie);
}

function inOrder<T extends { id: string; fields: { Volgorde: number | null } }>(
  rows: readonly T[],
): T[] {
  return [...rows].sort(
    (a, b) =>
      (a.fields.Volgorde ?? Number.MAX_SAFE_INTEGER) -
        (b.fields.Volgorde ?? Number.MAX_SAFE_INTEGER) || byNumericId(a, b),
  );
}

function toRoleContent(raw: RawRole): RoleContent {
  const areas = inOrder(raw.areas.filter((r) => belongs(raw.item, r)));
  const competencies = inOrder(raw.competencies.filter((r) => belongs(raw.item, r)));
  return {
    id: raw.item.id,
    eTag: raw.item.eTag,
    webUrl: raw.item.webUrl,
    lastModified: raw.item.lastModifiedDateTime,
    generation: generationOf(raw.item.fields.Inhoudsversie),
    content: {
      ...roleContentHead(raw.item),
      resultAreas: areas.map(resultAreaFromItem),
      competencies: competencies.map(competencyFromItem),
    },
    competencyIds: competencies.map((c) => c.fields.CompetentieLookupId ?? ''),
    decisions: raw.decisions,
    requests: raw.requests,
  };
}

function notFound(what: string): NotFoundError {
  return new NotFoundError(`De functie '${what}' bestaat niet (meer). Vernieuw de catalogus.`, {
    request: `Functies ${what}`,
  });
}
