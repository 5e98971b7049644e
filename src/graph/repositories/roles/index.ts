import type { FunctionContent } from '../../../domain/schema';
import type { Catalogue, RoleContent } from '../../model';
import type { ReadOptions, RepositoryContext } from '../context';
import {
  type CatalogueFirstScreen,
  type ListVersions,
  readCatalogueRoles,
  readCatalogueTasks,
  readListVersions,
  readRoleStamps,
  RoleReads,
} from './read';
import { SummaryRepair } from './summary';
import { type RoleWriteResult, RoleWrites } from './write';

export { INCOMPLETE_GENERATION } from './rows';
export {
  CATALOGUE_SOURCE_LISTS,
  type CatalogueFirstScreen,
  type CatalogueSourceList,
  listVersionsOf,
  type ListVersions,
} from './read';
export { suspectRoles } from './summary';
export type { RoleWriteResult } from './write';

/**
 * Roles: the catalogue, one role's full content, and the all-or-nothing write of a role. The
 * reads are in read.ts, the write in write.ts, the app-maintained columns and their repair in
 * summary.ts; they share what a repository learns (key → id, the summary columns as read).
 *
 * Read shapes (docs/data-layer.md):
 * - catalogue: ONE `$batch` with three GETs (and the row scan's, row-scan.ts) — every Functies item with the catalogue columns
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
export class RoleRepository {
  private readonly summaries: SummaryRepair;
  private readonly reads: RoleReads;
  private readonly writes: RoleWrites;

  constructor(private readonly ctx: RepositoryContext) {
    this.summaries = new SummaryRepair(ctx);
    this.reads = new RoleReads(ctx, this.summaries);
    this.writes = new RoleWrites(ctx, this.reads);
  }

  /**
   * Every visible role with what the catalogue shows, plus what its status is derived from.
   * `withTasks: false` leaves out the searchable task texts (`tasks` is then empty).
   */
  catalogue(options: ReadOptions & { withTasks?: boolean } = {}): Promise<Catalogue> {
    return this.reads.catalogue(options);
  }

  /**
   * The catalogue in two steps (issue 15: a lean first screen). This first one is ONE `$batch`
   * — Functies, the decisions, the open requests and each child list's newest id — without the
   * row scan's pages: the roles with their stored columns, and which of them the scan decides
   * (`anchored`, `suspects`). `verifyCatalogue` is the second; together they are `catalogue()`.
   */
  catalogueFirstScreen(
    options: ReadOptions & { withTasks?: boolean } = {},
  ): Promise<CatalogueFirstScreen> {
    return this.reads.firstScreen({ ...options, scanPages: false });
  }

  /**
   * The second step after `catalogueFirstScreen`: the row scan (every id range in one wave) and
   * the suspects read in full; returns the catalogue exactly as `catalogue()` would have.
   */
  verifyCatalogue(first: CatalogueFirstScreen, options: ReadOptions = {}): Promise<Catalogue> {
    return this.reads.verify(first, options);
  }

  /** When each list the catalogue is derived from last changed: one request, 2 RU (read.ts). */
  listVersions(options: ReadOptions = {}): Promise<ListVersions> {
    return readListVersions(this.ctx, options);
  }

  /** Every role's id, key and modified time, without content: one request, 2 RU. */
  roleStamps(
    options: ReadOptions = {},
  ): Promise<Array<{ id: string; key: string | null; modified: string }>> {
    return readRoleStamps(this.ctx, options);
  }

  /** The catalogue's part for these roles only, each read in full (see read.ts). */
  catalogueOf(
    ids: readonly string[],
    options: ReadOptions = {},
  ): Promise<{ catalogue: Catalogue; complete: boolean }> {
    return readCatalogueRoles(this.ctx, ids, options);
  }

  /** Every role's search text by key: what `catalogue({ withTasks: false })` leaves out. */
  catalogueTasks(options: ReadOptions = {}): Promise<Map<string, string[]>> {
    return readCatalogueTasks(this.ctx, options);
  }

  /**
   * True when the role's app-maintained columns (InhoudHash, Zoektekst, Competentieprofiel) do
   * not match its content as read — it was edited outside the app. Only for a role read by this
   * repository (getById/getByKey); otherwise false.
   */
  isSummaryStale(role: RoleContent): Promise<boolean> {
    return this.summaries.isStale(role);
  }

  /**
   * Rewrites the app-maintained columns from the content read, guarded by If-Match on the eTag of
   * that read (a concurrent edit wins; the next read repairs again). Needs HR's right to edit
   * Functies. Returns whether anything was written.
   */
  repairSummary(role: RoleContent): Promise<boolean> {
    return this.summaries.repair(role);
  }

  /** One role's full content, its decisions and requests: one round trip. */
  getById(id: string, options: ReadOptions = {}): Promise<RoleContent> {
    return this.reads.getById(id, options);
  }

  /**
   * One role by its key: one round trip when the key's item id is known (after the catalogue or
   * an earlier read), two when it must be looked up first.
   */
  getByKey(key: string, options: ReadOptions = {}): Promise<RoleContent> {
    return this.reads.getByKey(key, options);
  }

  /**
   * Starts looking up the item ids of roles a view will open by key (a deep link known at
   * start-up), so that view's reads are one round trip each (see RoleReads.prefetchKeys).
   */
  prefetchKeys(keys: readonly string[]): void {
    this.reads.prefetchKeys(keys);
  }

  /** The Functies item for a key (unique, indexed), or null. */
  findByKey(
    key: string,
    options: ReadOptions = {},
  ): Promise<{ id: string; eTag: string; generation: number | null } | null> {
    return this.reads.findByKey(key, options);
  }

  /**
   * Creates or replaces the role with `content.key`, all or nothing (see above).
   * `dictionaryIds` maps each competency key to its dictionary item (CompetencyRepository.ensure).
   * Writing the same content again changes nothing.
   */
  write(
    content: FunctionContent,
    dictionaryIds: ReadonlyMap<string, string>,
  ): Promise<RoleWriteResult> {
    return this.writes.write(content, dictionaryIds);
  }
}
