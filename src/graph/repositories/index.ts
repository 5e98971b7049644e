import type { GraphHttp } from '../client';
import type { SiteLists } from '../site';
import { ApprovalRequestRepository } from './approval-requests';
import { CompetencyRepository } from './competencies';
import { DecisionRepository } from './decisions';
import { DirectoryRepository } from './directory';
import { RoleRepository } from './roles';
import { TeamworkRepository } from './teamwork';

export {
  ApprovalRequestRepository,
  CompetencyRepository,
  DecisionRepository,
  DirectoryRepository,
  RoleRepository,
  TeamworkRepository,
};

export interface Repositories {
  roles: RoleRepository;
  competencies: CompetencyRepository;
  requests: ApprovalRequestRepository;
  decisions: DecisionRepository;
  directory: DirectoryRepository;
  teamwork: TeamworkRepository;
}

/** One set per signed-in user: the repositories share the client (and its token) and the site. */
export function createRepositories(http: GraphHttp, site: SiteLists): Repositories {
  const ctx = { http, site };
  return {
    roles: new RoleRepository(ctx),
    competencies: new CompetencyRepository(ctx),
    requests: new ApprovalRequestRepository(ctx),
    decisions: new DecisionRepository(ctx),
    directory: new DirectoryRepository(http),
    teamwork: new TeamworkRepository(http),
  };
}
