import { z } from 'zod';
import { batchGetAll } from '../../batch';
import { describe, validate } from '../../client';
import { NotFoundError } from '../../errors';
import { untilAborted } from '../../middleware/chain';
import {
  CATALOGUE_SELECT,
  DECISION_SELECT,
  DECISION_SUMMARY_SELECT,
  decisionFromItem,
  decisionItemSchema,
  parseItems,
  readLines,
  REQUEST_SELECT,
  requestFromItem,
  requestItemSchema,
  ROLE_KEY_SELECT,
  ROLE_SELECT,
  roleItemSchema,
  type RoleItem,
  roleSummary,
} from '../../mapping';
import type { Catalogue, RoleContent } from '../../model';
import { itemQuery, itemsQuery, type ListTimes, odataString } from '../../site';
import { byNumericId, checkItemId, type ReadOptions, type RepositoryContext } from '../context';
import {
  childQueries,
  childRows,
  generationOf,
  INCOMPLETE_GENERATION,
  notFound,
  type RawRole,
  toRoleContent,
} from './rows';
import { firstScanQueries, verifyRows } from './row-scan';
import { CATALOGUE_SOURCE_LISTS, type CatalogueSourceList } from './source-lists';
import {
  anchorOf,
  anchorTimes,
  recomputeSuspects,
  suspectRoles,
  type SummaryRepair,
} from './summary';

/** Keys looked up in one query at most (a compare view opens a handful). */
export const MAX_KEYS_PER_LOOKUP = 20;

/**
 * The catalogue as its first batch read it, before the row scan (issue 15: the list paints from
 * this). Every role carries its stored columns; a status derived from them is exact for a role
 * that is not `anchored`, and for an anchored one only once `verify` has answered.
 */
export interface CatalogueFirstScreen {
  catalogue: Catalogue;
  /**
   * Roles whose stored InhoudHash an approval or open request carries: the scan decides whether
   * that hash still describes their content (`changedRoles`), so whether it counts.
   */
  anchored: ReadonlySet<string>;
  /** Of those, the ones whose item moved since the anchor: `verify` reads them in full. */
  suspects: ReadonlySet<string>;
  /** What `verify` needs of the first batch: pass it back as it is. */
  readonly pending: {
    readonly items: readonly RoleItem[];
    readonly withTasks: boolean;
    readonly first: {
      items: ReadonlyMap<string, unknown[]>;
      bodies: ReadonlyMap<string, unknown>;
    };
  };
}

type KeyLookup = { id: string; eTag: string; generation: number | null };
type PendingLookups = { keys: Set<string>; answer: Promise<Map<string, KeyLookup>> };

/** The reads of RoleRepository (see index.ts for the shapes and round trips). */
export class RoleReads {
  /** Key → item id, learnt from the catalogue and earlier reads, so a role by key is one round trip. */
  private readonly idsByKey = new Map<string, string>();
  /** Keys asked for in this task, looked up together (`lookUp`). */
  private pendingLookups: PendingLookups | null = null;
  /**
   * Lookups sent and not yet answered, by key: a view that asks for a key already on its way
   * (`prefetchKeys` at start-up, then the view) waits for that answer instead of asking again.
   */
  private readonly lookupsInFlight = new Map<string, Promise<KeyLookup | null>>();

  constructor(
    private readonly ctx: RepositoryContext,
    private readonly summaries: SummaryRepair,
  ) {}

  /** The full read: the first batch and its verification, one after the other. */
  async catalogue(options: ReadOptions & { withTasks?: boolean } = {}): Promise<Catalogue> {
    // The scan's first pages ride in the first batch: a site whose child lists hold fewer than
    // 5,000 rows each and has no suspect is then read in one round trip.
    return this.verify(await this.firstScreen({ ...options, scanPages: true }), options);
  }

  /**
   * The catalogue's first batch (see `CatalogueFirstScreen`): Functies, the decisions, the open
   * requests and the child lists' newest ids; with `scanPages`, also the first 5,000 rows of
   * each child list (what `catalogue()` sends; the lean first screen leaves them out).
   */
  async firstScreen(
    options: ReadOptions & { withTasks?: boolean; scanPages?: boolean } = {},
  ): Promise<CatalogueFirstScreen> {
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
        // What the row scan needs to start (row-scan.ts): the newest ids, and with `scanPages`
        // every row's slimmest form up to 5,000 per list, so that an edit, deletion or addition
        // made outside the app is seen.
        ...firstScanQueries(site, options.scanPages === true),
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
    const roles = items.map(roleSummary).sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    // Learnt now, so a role opened before the verification has answered is one round trip.
    for (const r of roles) this.idsByKey.set(r.key, r.id);
    const anchors = anchorTimes(decisions, openRequests);
    // Only what the scan reads on: the rows' bodies (2,000 Functies items) are not kept.
    const scan = (id: string) => id.startsWith('scan-') || id.startsWith('last-');
    return {
      catalogue: { roles, decisions, openRequests },
      anchored: new Set(items.filter((i) => anchorOf(i, anchors) !== undefined).map((i) => i.id)),
      suspects: new Set(suspectRoles(items, decisions, openRequests).map((i) => i.id)),
      pending: {
        items,
        withTasks: options.withTasks !== false,
        first: {
          items: new Map([...result.items].filter(([id]) => scan(id))),
          bodies: new Map([...result.bodies].filter(([id]) => scan(id))),
        },
      },
    };
  }

  /**
   * The second wave after `firstScreen`: the suspects read in full and the row scan (all of it
   * after a lean first screen), and the catalogue as `catalogue()` returns it — every status
   * input exact (docs/data-layer.md, "Every edit reaches the catalogue").
   */
  async verify(first: CatalogueFirstScreen, options: ReadOptions = {}): Promise<Catalogue> {
    const { decisions, openRequests } = first.catalogue;
    const { items, withTasks } = first.pending;
    const { recomputed, rowsChanged } = await verifyRows(
      this.ctx,
      items,
      decisions,
      openRequests,
      first.pending.first,
      options,
    );
    const roles = items
      .map((item) => {
        const fresh = recomputed.get(item.id);
        // Its rows no longer match the stored hash: no hash, so never shown as approved.
        if (!fresh && rowsChanged.has(item.id)) return { ...roleSummary(item), contentHash: null };
        if (!fresh) return roleSummary(item);
        const summary = roleSummary(fresh);
        return withTasks ? summary : { ...summary, tasks: [] };
      })
      .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    for (const r of roles) this.idsByKey.set(r.key, r.id);
    return { roles, decisions, openRequests };
  }

  async getById(id: string, options: ReadOptions = {}): Promise<RoleContent> {
    const raw = await this.readRaw(checkItemId(id, 'Functie'), options);
    if (raw.item.fields.Inhoudsversie === INCOMPLETE_GENERATION) throw notFound(id);
    return toRoleContent(raw);
  }

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
    const found = await this.lookUp(key, options);
    if (!found || found.generation === INCOMPLETE_GENERATION) throw notFound(key);
    return this.getById(found.id, options);
  }

  /**
   * `findByKey`, but the keys asked for in the same task go out as ONE query (`or` of the
   * indexed FunctieKey): a view that opens several roles by key (compare, from a link) pays one
   * round trip and 2 RU for all of them, not one query each. A caller that aborts does not
   * cancel the shared query; it only stops waiting for it.
   */
  private lookUp(key: string, options: ReadOptions): Promise<KeyLookup | null> {
    return untilAborted(this.lookupsInFlight.get(key) ?? this.queueLookup(key), options.signal);
  }

  /**
   * Looks up these keys' item ids now, in one query, for a view about to open them (a deep link
   * to a role or a comparison, known at start-up): its reads then need no lookup round trip of
   * their own. A key whose id is known is not asked again; a failure is left to the view, which
   * asks again.
   */
  prefetchKeys(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.idsByKey.has(key) || this.lookupsInFlight.has(key)) continue;
      this.queueLookup(key).catch(() => undefined);
    }
  }

  private queueLookup(key: string): Promise<KeyLookup | null> {
    let pending = this.pendingLookups;
    if (!pending) {
      const keys = new Set<string>();
      const answer = new Promise<Map<string, KeyLookup>>((resolve, reject) => {
        // The next task, not a microtask: callers reach here after a few awaits of their own.
        setTimeout(() => {
          this.pendingLookups = null;
          this.findByKeys([...keys]).then(resolve, reject);
        }, 0);
      });
      pending = { keys, answer };
      this.pendingLookups = pending;
    }
    pending.keys.add(key);
    const found = pending.answer.then((byKey) => byKey.get(key) ?? null);
    this.lookupsInFlight.set(key, found);
    const settled = () => {
      if (this.lookupsInFlight.get(key) === found) this.lookupsInFlight.delete(key);
    };
    found.then(settled, settled);
    return found;
  }

  /** The Functies items for these keys (unique, indexed) in one query; a key not found is absent. */
  async findByKeys(
    keys: readonly string[],
    options: ReadOptions = {},
  ): Promise<Map<string, KeyLookup>> {
    const out = new Map<string, KeyLookup>();
    // SharePoint answers a filter of a limited length; a compare view asks for a handful.
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_LOOKUP) {
      const chunk = keys.slice(i, i + MAX_KEYS_PER_LOOKUP);
      const raw = await this.ctx.http.getAll(
        itemsQuery(this.ctx.site, 'Functies', {
          select: ROLE_KEY_SELECT,
          filter: chunk.map((k) => `fields/FunctieKey eq ${odataString(k)}`).join(' or '),
          top: chunk.length,
        }),
        z.unknown(),
        options,
      );
      for (const item of parseItems(roleItemSchema, raw, 'Functies')) {
        if (!chunk.includes(item.fields.FunctieKey)) continue;
        this.idsByKey.set(item.fields.FunctieKey, item.id);
        out.set(item.fields.FunctieKey, {
          id: item.id,
          eTag: item.eTag,
          generation: generationOf(item.fields.Inhoudsversie),
        });
      }
    }
    return out;
  }

  async findByKey(key: string, options: ReadOptions = {}): Promise<KeyLookup | null> {
    return (await this.findByKeys([key], options)).get(key) ?? null;
  }

  /** A new role's item id, so that reading it by key next is one round trip. */
  learn(key: string, id: string): void {
    this.idsByKey.set(key, id);
  }

  /** The role's item and every row, of every generation, with its decisions and requests. */
  async readRaw(id: string, options: ReadOptions = {}): Promise<RawRole> {
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
    this.summaries.note(item);
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

// ── Revalidation reads (issue 15): what a warm open asks instead of the whole catalogue ──────
// Free functions, apart from RoleReads, so the catalogue's own read can change independently.

export { CATALOGUE_SOURCE_LISTS, type CatalogueSourceList } from './source-lists';

/** Per list, when an item in it was last added, changed or deleted (Graph `lastModifiedDateTime`). */
export type ListVersions = Record<CatalogueSourceList, string>;

const listVersionShape = z.object({ id: z.string().min(1), lastModifiedDateTime: z.string() });

/**
 * One GET of the site's lists with only their ids and `lastModifiedDateTime`: a single query, so
 * 2 resource units, whatever the lists hold. SharePoint moves a list's modified time on every item
 * added, changed or deleted (the emulator does so too), so equal times mean nothing in it changed.
 */
export async function readListVersions(
  ctx: RepositoryContext,
  options: ReadOptions = {},
): Promise<ListVersions> {
  const lists = await ctx.http.getAll(
    `/sites/${ctx.site.siteId}/lists?$select=id,lastModifiedDateTime`,
    listVersionShape,
    options,
  );
  const byId = new Map(lists.map((l) => [l.id, l.lastModifiedDateTime]));
  const out = {} as ListVersions;
  for (const name of CATALOGUE_SOURCE_LISTS) {
    out[name] = byId.get(ctx.site.listIds.get(name) ?? '') ?? '';
  }
  return out;
}

/**
 * The same times as `readListVersions`, from what the start-up read of the site's lists carried
 * (src/graph/site.ts `listTimes`), without a request; null when a source list's time is missing.
 */
export function listVersionsOf(times: ListTimes | undefined): ListVersions | null {
  if (!times) return null;
  const out = {} as ListVersions;
  for (const name of CATALOGUE_SOURCE_LISTS) {
    const at = times.modified.get(name);
    if (at === undefined) return null;
    out[name] = at;
  }
  return out;
}

const roleStampShape = z.object({
  id: z.string().min(1),
  lastModifiedDateTime: z.string(),
  fields: z.object({ FunctieKey: z.string().optional() }).loose(),
});

/** Every Functies item's id, key and modified time: 2 RU, some 100 bytes per role. */
export async function readRoleStamps(
  ctx: RepositoryContext,
  options: ReadOptions = {},
): Promise<Array<{ id: string; key: string | null; modified: string }>> {
  const items = await ctx.http.getAll(
    itemsQuery(ctx.site, 'Functies', {
      select: 'FunctieKey',
      properties: 'id,lastModifiedDateTime',
    }),
    roleStampShape,
    options,
  );
  return items.map((i) => ({
    id: i.id,
    key: i.fields.FunctieKey ?? null,
    modified: i.lastModifiedDateTime,
  }));
}

/**
 * The catalogue's part for the given roles only: each role's full content read and hashed
 * (`recomputeSuspects` — its summary columns as the app would write them, so the status comes
 * from what is stored, never from a stale InhoudHash), its decisions and its open requests.
 * One `$batch` wave, 5 GETs per role. Roles still being imported are left out. `complete` is
 * false when a role could not be read (deleted meanwhile): the caller then reads everything.
 */
export async function readCatalogueRoles(
  ctx: RepositoryContext,
  ids: readonly string[],
  options: ReadOptions = {},
): Promise<{ catalogue: Catalogue; complete: boolean }> {
  if (ids.length === 0) {
    return { catalogue: { roles: [], decisions: [], openRequests: [] }, complete: true };
  }
  const { site, http } = ctx;
  const stubs = ids.map((id) => ({ id: checkItemId(id, 'Functie') }) as RoleItem);
  const [fresh, related] = await Promise.all([
    recomputeSuspects(ctx, stubs, options),
    batchGetAll(
      http,
      ids.flatMap((id, i) => [
        {
          id: `d${i}`,
          url: itemsQuery(site, 'Besluiten', {
            select: DECISION_SUMMARY_SELECT,
            filter: `fields/FunctieLookupId eq ${id}`,
          }),
        },
        {
          id: `r${i}`,
          url: itemsQuery(site, 'Goedkeuringsaanvragen', {
            select: REQUEST_SELECT,
            filter: `fields/FunctieLookupId eq ${id}`,
          }),
        },
      ]),
      options.signal,
    ),
  ]);
  const decisions = ids
    .flatMap((_, i) =>
      parseItems(decisionItemSchema, related.items.get(`d${i}`) ?? [], 'Besluiten'),
    )
    .sort(byNumericId)
    .map((d) => ({ ...decisionFromItem(d), snapshot: null }));
  const openRequests = ids
    .flatMap((_, i) =>
      parseItems(requestItemSchema, related.items.get(`r${i}`) ?? [], 'Goedkeuringsaanvragen'),
    )
    .sort(byNumericId)
    .map(requestFromItem)
    .filter((r) => r.status === 'open');
  const roles = ids
    .map((id) => fresh.get(id))
    .filter((item): item is RoleItem => item !== undefined)
    .filter((item) => item.fields.Inhoudsversie !== INCOMPLETE_GENERATION)
    .map(roleSummary);
  return {
    catalogue: { roles, decisions, openRequests },
    complete: ids.every((id) => fresh.has(id)),
  };
}

const roleTasksShape = z.object({
  id: z.string().min(1),
  fields: z.object({ FunctieKey: z.string().optional(), Zoektekst: z.string().optional() }).loose(),
});

/**
 * The search text of every role, by key: the part of the catalogue the first screen leaves out
 * (`catalogue({ withTasks: false })`), read once the list is on screen. One query, 2 RU.
 */
export async function readCatalogueTasks(
  ctx: RepositoryContext,
  options: ReadOptions = {},
): Promise<Map<string, string[]>> {
  const items = await ctx.http.getAll(
    itemsQuery(ctx.site, 'Functies', { select: 'FunctieKey,Zoektekst', properties: 'id' }),
    roleTasksShape,
    options,
  );
  const out = new Map<string, string[]>();
  for (const i of items) {
    if (i.fields.FunctieKey !== undefined)
      out.set(i.fields.FunctieKey, readLines(i.fields.Zoektekst ?? null));
  }
  return out;
}
