import type { Catalogue } from '../../graph/model';
import type { CatalogueRow } from './catalogue-service';
import { roleStatus } from './role-status';

function groupByRole<T extends { roleId: string }>(items: readonly T[]): Map<string, T[]> {
  const byRole = new Map<string, T[]>();
  for (const item of items) {
    const list = byRole.get(item.roleId);
    if (list) list.push(item);
    else byRole.set(item.roleId, [item]);
  }
  return byRole;
}

/**
 * Catalogue rows from what the repository read (all roles, or a few on a revalidation), each
 * status derived by `roleStatus` from the app-maintained hash column, which the repository
 * re-reads for roles it cannot trust.
 */
export function catalogueRows(
  catalogue: Catalogue,
  approverIds: ReadonlySet<string>,
): CatalogueRow[] {
  const decisions = groupByRole(catalogue.decisions);
  const requests = groupByRole(catalogue.openRequests);
  return catalogue.roles.map((role) => ({
    key: role.key,
    kind: role.kind,
    title: role.title,
    department: role.department,
    service: role.service,
    grade: role.grade,
    careerPath: role.careerPath,
    status: roleStatus({
      currentHash: role.contentHash,
      decisions: decisions.get(role.id) ?? [],
      requests: requests.get(role.id) ?? [],
      approverIds,
    }).status,
    tasks: role.tasks,
    competencies: role.competencies,
    levelScale: role.levelScale,
  }));
}
