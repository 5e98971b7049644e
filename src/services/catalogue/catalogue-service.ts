import { contentHash, type ContentHash } from '../../domain/content-hash';
import { type Change, diffDescriptions } from '../../domain/diff';
import type { Competency, FunctionContent, FunctionDescription } from '../../domain/schema';
import type { RoleStatus, StatusDerivation } from '../../domain/status';
import type { DecisionRecord, RequestRecord, RoleContent, RoleSummary } from '../../graph/model';
import type { ReadOptions } from '../../graph/repositories/context';
import type { Repositories } from '../../graph/repositories';
import type { ListTimes } from '../../graph/site';
import type { IdentityService } from '../identity';
import { lastApprovedRecord, roleStatus } from './role-status';
import type { CatalogueVerification, FirstScreenRows } from './first-screen';
import { type CatalogueVersion, CatalogueRevalidation, type VersionedRows } from './revalidation';
import { catalogueRows } from './rows';
import { parseSnapshot } from './snapshot';

/**
 * The role read model (DESIGN §3): catalogue rows and single roles with their derived status,
 * for the tab, the CLI and the bench alike. Reads go through the repositories; whose decisions
 * count comes from the identity service (the approver group, by id).
 */

/** A required competency on a row; `requiredLevel` null where the document has no numbered levels. */
export type CatalogueCompetency = RoleSummary['competencies'][number];

/**
 * One row of the catalogue: what it shows, searches and filters on — the role's summary as the
 * Functies list carries it, with the derived status in place of the stored hash. `levelScale` is
 * the scale the competencies' levels are on (its bounds; the catalogue read selects no titles):
 * without it a level 3 of 1–5 would be filtered and sorted as a level 3 of 0–3.
 */
export type CatalogueRow = Pick<
  RoleSummary,
  | 'key'
  | 'kind'
  | 'title'
  | 'department'
  | 'service'
  | 'grade'
  | 'careerPath'
  | 'tasks'
  | 'competencies'
  | 'levelScale'
> & { status: RoleStatus };

/** One role as stored now, with everything its status was derived from. */
export interface RoleReadModel {
  id: string;
  key: string;
  eTag: string;
  content: FunctionContent;
  /** The content with the approval line of the last valid approval, as the interchange has it. */
  description: FunctionDescription;
  currentHash: ContentHash;
  status: RoleStatus;
  derivation: StatusDerivation;
  decisions: DecisionRecord[];
  requests: RequestRecord[];
  /** The newest valid approval (its snapshot may still be left out: see `changesSinceApproval`). */
  lastApproved: DecisionRecord | null;
  /** The role's item in SharePoint (Graph `webUrl`), when known. */
  webUrl: string | null;
  /** The stored role itself, for the few writers that need it (summary repair). */
  stored: RoleContent;
}

export type DictionaryCompetency = Pick<
  Competency,
  'name' | 'block' | 'cluster' | 'definition' | 'levels'
>;

/** Who wrote the approval line of an approved role, as the interchange format names it. */
const APPROVED_BY = 'algemeen directeur';

export class CatalogueService {
  private readonly revalidation: CatalogueRevalidation;

  /**
   * `startupTimes`: the list times the session's start-up read with the site's lists; the first
   * catalogue read stamps with them instead of asking (revalidation.ts).
   */
  constructor(
    private readonly repos: Pick<Repositories, 'roles' | 'decisions' | 'competencies'>,
    private readonly identity: Pick<IdentityService, 'approverIds'>,
    options: { startupTimes?: ListTimes } = {},
  ) {
    this.revalidation = new CatalogueRevalidation({
      repos,
      identity,
      ...(options.startupTimes ? { startupTimes: options.startupTimes } : {}),
    });
  }

  /**
   * Every role with its status: one read of Functies plus the decisions and open requests.
   * `withTasks: false` leaves the search text out (`tasks` empty), for a first screen.
   */
  async rows(options: ReadOptions & { withTasks?: boolean } = {}): Promise<CatalogueRow[]> {
    const [catalogue, approverIds] = await Promise.all([
      this.repos.roles.catalogue(options),
      this.identity.approverIds(),
    ]);
    return catalogueRows(catalogue, approverIds);
  }

  /**
   * The catalogue stamped for a later revalidation (revalidation.ts), read in full: every status
   * exact. Without search text by default (`tasks` brings it).
   */
  stampedRows(options: ReadOptions & { withTasks?: boolean } = {}): Promise<VersionedRows> {
    return this.revalidation.read({ withTasks: false, ...options });
  }

  /**
   * The lean first screen (issue 15, first-screen.ts): the stamp and ONE `$batch`, without the
   * row scan and, by default, without search text. Rows whose status the scan decides are
   * `checking`; `verify` follows with every status exact and the stamp.
   */
  firstScreen(options: ReadOptions & { withTasks?: boolean } = {}): Promise<FirstScreenRows> {
    return this.revalidation.readFirstScreen({ withTasks: false, ...options });
  }

  /** The second step after `firstScreen`: the row scan; the rows exact, and their stamp. */
  verify(verification: CatalogueVerification, options: ReadOptions = {}): Promise<VersionedRows> {
    return this.revalidation.verify(verification, options);
  }

  /** A warm open: the stored rows checked with one cheap request (see revalidation.ts). */
  revalidate(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    options: ReadOptions = {},
  ): Promise<VersionedRows> {
    return this.revalidation.revalidate(previous, options);
  }

  /**
   * `revalidate` for a screen: when everything must be read again, the lean first screen
   * (to be verified) instead of the full read.
   */
  revalidateFirst(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    options: ReadOptions = {},
  ): Promise<VersionedRows | FirstScreenRows> {
    return this.revalidation.revalidateFirst(previous, options);
  }

  /** Every role's search text by key: what the first screen leaves out (one query, 2 RU). */
  tasks(options: ReadOptions = {}): Promise<Map<string, string[]>> {
    return this.repos.roles.catalogueTasks(options);
  }

  /** One role by its key; NotFound when no role has it. */
  async role(key: string, options: ReadOptions = {}): Promise<RoleReadModel> {
    const [stored, approverIds] = await Promise.all([
      this.repos.roles.getByKey(key, options),
      this.identity.approverIds(),
    ]);
    return this.readModel(stored, approverIds);
  }

  /** One role by its list item id (an approval request points at it that way). */
  async roleById(id: string, options: ReadOptions = {}): Promise<RoleReadModel> {
    const [stored, approverIds] = await Promise.all([
      this.repos.roles.getById(id, options),
      this.identity.approverIds(),
    ]);
    return this.readModel(stored, approverIds);
  }

  /**
   * What changed since the last valid approval, as structured changes; null when the role was
   * never approved, when nothing changed, or when the approved snapshot cannot be read.
   */
  async changesSinceApproval(role: RoleReadModel): Promise<Change[] | null> {
    const last = await this.withSnapshot(role.lastApproved);
    if (!last || last.contentHash === role.currentHash) return null;
    const before = parseSnapshot(last.snapshot);
    return before ? diffDescriptions(before, role.content) : null;
  }

  /** The decision with its snapshot (catalogue and role reads leave snapshots out for size). */
  async withSnapshot(decision: DecisionRecord | null): Promise<DecisionRecord | null> {
    if (!decision) return null;
    return decision.snapshot !== null ? decision : this.repos.decisions.get(decision.id);
  }

  /** The competency dictionary (definitions and level texts). */
  async dictionary(options: ReadOptions = {}): Promise<DictionaryCompetency[]> {
    const entries = await this.repos.competencies.list(options);
    return entries.map(({ name, block, cluster, definition, levels }) => ({
      name,
      block,
      cluster,
      definition,
      levels,
    }));
  }

  private async readModel(
    stored: RoleContent,
    approverIds: ReadonlySet<string>,
  ): Promise<RoleReadModel> {
    const currentHash = await contentHash(stored.content);
    const derivation = roleStatus({
      currentHash,
      decisions: stored.decisions,
      requests: stored.requests,
      approverIds,
    });
    const lastApproved = lastApprovedRecord(stored.decisions, approverIds);
    return {
      id: stored.id,
      key: stored.content.key,
      eTag: stored.eTag,
      content: stored.content,
      description: {
        ...stored.content,
        approval: lastApproved
          ? { approvedBy: APPROVED_BY, decisionDate: lastApproved.decisionDate }
          : null,
      },
      currentHash,
      status: derivation.status,
      derivation,
      decisions: stored.decisions,
      requests: stored.requests,
      lastApproved,
      webUrl: stored.webUrl,
      stored,
    };
  }
}
