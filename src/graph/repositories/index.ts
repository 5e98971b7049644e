import type { GraphHttp } from '../client';
import type { SiteLists } from '../site';
import { ApprovalRequestRepository } from './approval-requests';
import { CompetencyRepository } from './competencies';
import { DecisionRepository } from './decisions';
import { DirectoryRepository } from './directory';
import { RoleRepository } from './roles';

export {
  ApprovalRequestRepository,
  CompetencyRepository,
  DecisionRepository,
  DirectoryRepository,
  RoleRepository,
};

export interface Repositories {
  roles: RoleRepository;
  competencies: CompetencyRepository;
  requests: ApprovalRequestRepository;
  decisions: DecisionRepository;
  directory: DirectoryRepository;
}

/** One set per signed-in user: the repositories share the client (and its token) and the site. */
export function createRepositories(
  http: GraphHttp,
  site: SiteLists,
  options: { approverGroupId?: string | null } = {},
): Repositories {
  const ctx = { http, site };
  return {
    roles: new RoleRepository(ctx),
    competencies: new CompetencyRepository(ctx),
    requests: new ApprovalRequestRepository(ctx),
    decisions: new DecisionRepository(ctx),
    directory: new DirectoryRepository(http, options.approverGroupId ?? undefined),
  };
}
