import type { Change } from '../../domain/diff';
import type { FunctionDescription } from '../../domain/schema';
import type { RoleStatus } from '../../domain/status';
import type {
  ApprovalView,
  DecideInput,
  DecideResult,
  QueueEntry,
  RoleHistory,
  SubmitResult,
} from '../../services/approval';
import type {
  CatalogueRow,
  CatalogueScreenRow,
  CatalogueVerification,
  CatalogueVersion,
  DictionaryCompetency,
  FirstScreenRows,
  VersionedRows,
} from '../../services/catalogue';
import type { Permissions } from '../../services/identity';
import type { ImportPort } from '../../services/import';

export type { CatalogueCompetency, DictionaryCompetency } from '../../services/catalogue';

/**
 * What the tab needs from its host (Teams or the plain browser) and from the data layer. The
 * Teams edge (`src/tab/host/`) builds this value and mounts `<App host={…} />`; the tab never
 * talks to teams-js, MSAL or HTTP itself. A new value (theme change, persona switch, deep-link
 * navigation) is simply passed again.
 */
export interface TabHost {
  theme: TabTheme;
  /** The Teams locale as given ("nl-BE", "en-us", …); English when it starts with "en", else Dutch. */
  locale: string;
  /** `page.subPageId` of the deep link that opened the tab; see `routes.ts` for the grammar. */
  subPageId: string | null;
  user: TabUser;
  repositories: TabRepositories;
  permissions: TabPermissions;
  /** The Functies list in SharePoint, for HR's "Openen in SharePoint" when a role has no item URL. */
  sharePointListUrl: string | null;
  /**
   * Where the cache is persisted between opens. Defaults to IndexedDB, else localStorage;
   * `null` turns persistence off (e.g. a shared kiosk).
   */
  cacheStorage?: TabCacheStorage | null;
  /** Called once, after the first meaningful render (data or an error): Teams' `notifySuccess`. */
  onReady?: () => void;
  /** Called on every in-app navigation with the sub-page id of the new view (null: catalogue). */
  onNavigate?: (subPageId: string | null) => void;
}

/** The three Teams themes, by the names Teams sends. */
export type TabTheme = 'default' | 'dark' | 'contrast';

export interface TabUser {
  upn: string;
  displayName: string;
  role?: 'staff' | 'hr' | 'approver' | 'admin';
}

/** What the tab offers the user: the identity service's answer (src/services/identity). */
export type TabPermissions = Permissions;

/**
 * The tab's port to the data layer: the Graph repositories, adapted by the host glue. Every
 * method rejects with the typed errors of `src/graph/errors.ts` (NotFound, Forbidden, …), never
 * with HTTP details; `signal` aborts a read the user no longer needs.
 */
export interface TabRepositories {
  /** Every role with what the catalogue shows, searches and filters on. */
  listCatalogue(signal?: AbortSignal): Promise<CatalogueEntry[]>;
  /**
   * The catalogue for a fast open (issue 15; src/tab/data/catalogue-load.ts), optional so a test
   * double may offer only `listCatalogue`: the first screen without search text, stamped for a
   * later revalidation; a stored catalogue checked with one cheap request; the search text.
   */
  catalogue?: TabCataloguePort;
  /** One role's full content and derived status; NotFound when no role has this key. */
  getRole(key: string, signal?: AbortSignal): Promise<RoleDetail>;
  /** The competency dictionary (definitions and level texts). */
  listCompetencies(signal?: AbortSignal): Promise<DictionaryCompetency[]>;
  /** The approval flow (DESIGN §5); absent where the host offers none (tests of other views). */
  approval?: TabApprovalPort;
  /** HR's import (src/services/import); absent where the host offers none. */
  importer?: ImportPort;
}

/**
 * See `TabRepositories.catalogue`, src/services/catalogue/revalidation.ts and first-screen.ts.
 * A cold open is two steps: `firstScreen` (the list, statuses the row scan decides `checking`),
 * then `verify` (every status exact, and the stamp for later revalidations).
 */
export interface TabCataloguePort {
  firstScreen(signal?: AbortSignal): Promise<FirstScreenRows>;
  verify(verification: CatalogueVerification, signal?: AbortSignal): Promise<VersionedRows>;
  /** The stored rows checked; when all must be read again, a first screen to verify. */
  revalidate(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    signal?: AbortSignal,
  ): Promise<VersionedRows | FirstScreenRows>;
  /** Every role's search text, by key. */
  tasks(signal?: AbortSignal): Promise<Map<string, string[]>>;
}

/** Approval requests and decisions, with the user's own token; errors as above. */
export interface TabApprovalPort {
  submit(roleKey: string, note: string | null): Promise<SubmitResult>;
  decide(input: DecideInput): Promise<DecideResult>;
  view(requestId: string, signal?: AbortSignal): Promise<ApprovalView>;
  history(roleKey: string, signal?: AbortSignal): Promise<RoleHistory>;
  queue(signal?: AbortSignal): Promise<QueueEntry[]>;
}

/**
 * A catalogue row as the read model gives it (src/services/catalogue): its status exact, or,
 * between the first screen and the row scan, `checking` (`unknown` when the scan failed).
 */
export type CatalogueEntry = CatalogueScreenRow;

export interface RoleDetail {
  description: FunctionDescription;
  status: RoleStatus;
  /** The role's item in SharePoint (Graph `webUrl`), when known. */
  sharePointUrl: string | null;
  /**
   * What changed since the last valid approval (the diff against its snapshot), for everyone
   * who may see the role; null or absent when it did not change since, or was never approved.
   */
  changesSinceApproval?: { approvedDate: string; changes: Change[] } | null;
}

/**
 * A string store for the persisted query cache. Async so that IndexedDB fits; a failing write
 * (quota) must reject rather than throw synchronously.
 */
export interface TabCacheStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}
