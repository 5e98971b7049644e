import type { RoleStatus, StatusCheck } from '../../domain/status';
import type { CatalogueFirstScreen, ListVersions } from '../../graph/repositories/roles';
import type { CatalogueRow } from './catalogue-service';
import { catalogueRows } from './rows';

/**
 * The catalogue's lean first screen (issue 15): the list paints from the lists' stamp and ONE
 * `$batch` (RoleRepository.catalogueFirstScreen), and the row scan that makes every status exact
 * (issue 14) follows as the next wave (`CatalogueService.verify`). Until it has answered, a row
 * whose status depends on it is not shown with a status at all: it is being checked.
 */

export type { StatusCheck };

/** A catalogue row as a screen may show it: the exact status, or none yet (`StatusCheck`). */
export type CatalogueScreenRow = Omit<CatalogueRow, 'status'> & {
  status: RoleStatus | StatusCheck;
};

/** What `CatalogueService.verify` needs of a first screen: pass it back as it is. */
export interface CatalogueVerification {
  /** The list times, read BEFORE the first batch: the stamp the verified rows get. */
  readonly versions: ListVersions;
  readonly approverIds: ReadonlySet<string>;
  readonly first: CatalogueFirstScreen;
}

export interface FirstScreenRows {
  rows: CatalogueScreenRow[];
  /** How many of `rows` are being checked. */
  checking: number;
  verification: CatalogueVerification;
  /** The whole catalogue is being read (as `VersionedRows.reread`). */
  reread: 'all';
  /** The rows carry no search text (`tasks` empty): read it with `CatalogueService.tasks`. */
  withoutTasks: boolean;
}

/** The status a row shows whatever the scan says, or null when the scan decides it. */
function settledStatus(status: RoleStatus, withoutHash: RoleStatus | undefined): RoleStatus | null {
  if (withoutHash === undefined) return null;
  return JSON.stringify(status) === JSON.stringify(withoutHash) ? status : null;
}

/**
 * The first screen's rows: each status derived as `catalogueRows` derives it, from the stored
 * hash; for a role the scan decides, `checking` instead. Which roles those are: the anchored ones
 * (an approval or open request carries the stored hash). The scan leaves an anchored role either
 * its stored hash or none (`changedRoles`), so when both give the same status (a rejection that
 * no hash undoes) that status is exact now; a suspect is re-hashed from its content, which may
 * give any hash, so it is always checked.
 */
export function firstScreenRows(
  first: CatalogueFirstScreen,
  approverIds: ReadonlySet<string>,
): { rows: CatalogueScreenRow[]; checking: number } {
  const rows = catalogueRows(first.catalogue, approverIds);
  const { roles } = first.catalogue;
  const decided = roles.filter((r) => first.anchored.has(r.id) && !first.suspects.has(r.id));
  const withoutHash = new Map(
    catalogueRows(
      { ...first.catalogue, roles: decided.map((r) => ({ ...r, contentHash: null })) },
      approverIds,
    ).map((row, i) => [decided[i]?.id, row.status] as const),
  );
  let checking = 0;
  const out = rows.map((row, i): CatalogueScreenRow => {
    const id = roles[i]?.id ?? '';
    if (!first.anchored.has(id) || settledStatus(row.status, withoutHash.get(id)) !== null) {
      return row;
    }
    checking += 1;
    return { ...row, status: { kind: 'checking' } };
  });
  return { rows: out, checking };
}
