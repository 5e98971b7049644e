import type { ContentHash } from '../domain/content-hash';
import type {
  Competency,
  DescriptionKind,
  FunctionContent,
  Level,
  LevelScale,
} from '../domain/schema';
import type { ApprovalRequest, Decision } from '../domain/status';

/**
 * What the repositories hand out: domain values plus the few list facts a caller needs to write
 * back (item id, eTag). No Graph shapes cross this line.
 */

/** A role as the catalogue shows, searches and filters it; read from the Functies list alone. */
export interface RoleSummary {
  id: string;
  key: string;
  kind: DescriptionKind;
  title: string;
  department: string | null;
  service: string | null;
  grade: string | null;
  careerPath: string | null;
  /**
   * Hash of the full content at the last write through the app; null before the first, and in
   * the catalogue when the role's rows changed since (the stored hash no longer describes them).
   */
  contentHash: ContentHash | null;
  /** Main tasks, task agreement titles and their tasks: searchable text. */
  tasks: string[];
  /** Levels are on this scale (its bounds; titles are not read for the catalogue). */
  competencies: { name: string; requiredLevel: Level | null }[];
  levelScale: LevelScale;
  webUrl: string | null;
}

export interface Catalogue {
  roles: RoleSummary[];
  /** Decisions of every role, oldest first, without snapshots (see `DecisionRecord`). */
  decisions: DecisionRecord[];
  /** Requests with status Open. */
  openRequests: RequestRecord[];
}

/** One role's full content as stored now. */
export interface RoleContent {
  id: string;
  eTag: string;
  webUrl: string | null;
  lastModified: string;
  content: FunctionContent;
  /** The Inhoudsversie of the children that belong to it; null before the first complete write. */
  generation: number | null;
  /** Dictionary item id per competency, in the order of `content.competencies`. */
  competencyIds: string[];
  decisions: DecisionRecord[];
  requests: RequestRecord[];
}

export interface DictionaryEntry {
  id: string;
  key: string;
  name: string;
  block: Competency['block'];
  cluster: string | null;
  definition: string | null;
  levels: Competency['levels'];
}

export type RequestRecord = ApprovalRequest & {
  roleId: string;
  eTag: string;
  note: string | null;
  teamId: string | null;
  channelId: string | null;
  messageId: string | null;
  createdBy: { id: string; displayName: string };
  /**
   * Who closed a closed request (SharePoint's Editor: nothing changes a request after its close);
   * null while open, or when the read did not ask for it. Lets a director whose close landed
   * but whose decision did not finish the decision instead of being told someone else decided.
   */
  closedBy: { id: string; displayName: string } | null;
};

export type DecisionRecord = Decision & {
  roleId: string;
  /** The content decided on, as JSON text; null in catalogue reads, which leave it out for size. */
  snapshot: string | null;
};

export interface Person {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
}
