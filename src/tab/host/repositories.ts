import type { TokenProvider } from '../../auth/token-provider';
import { contentHash } from '../../domain/content-hash';
import { deriveStatus, lastApprovedDecision, type Decision } from '../../domain/status';
import type { FunctionDescription } from '../../domain/schema';
import { createGraphClient, type GraphHttp } from '../../graph/client';
import { UnauthorizedError } from '../../graph/errors';
import type { DecisionRecord, Person, RequestRecord } from '../../graph/model';
import { createRepositories, type Repositories } from '../../graph/repositories';
import { loadSiteLists, resolveSiteId, type SiteRef } from '../../graph/site';
import { ApprovalService } from '../../services/approval';
import { once } from '../../graph/once';
import { DirectoryRepository } from '../../graph/repositories/directory';
import { z } from 'zod';
import type { ApprovalChannelSettings } from '../../teams/approval-card';
import type { CatalogueEntry, TabRepositories } from '../app/host-context';

/**
 * The tab's port to the data layer (`TabRepositories`), built on the Graph repositories: the
 * site and its lists are resolved once per session, the approver group once, and every status is
 * derived here from decisions and requests (DESIGN §3: status is never stored).
 */

export interface TabRepositoryOptions {
  graphBaseUrl: string;
  site: SiteRef;
  tokenProvider: TokenProvider;
  /** Defaults to the browser's fetch. */
  fetch?: typeof fetch;
  /** Where approval cards go; null or absent: requests are made without a card. */
  approvalChannel?: ApprovalChannelSettings | null;
  /**
   * Tenant mode: the approvers' Entra ID group by object id, as configured. Absent (local mode):
   * the group is looked up by its name in the emulator's directory.
   */
  approverGroupId?: string | null;
}

/** Who wrote the approval line of an approved role, as the interchange format names it. */
const APPROVED_BY = 'algemeen directeur';

function groupBy<T extends { roleId: string }>(items: readonly T[]): Map<string, T[]> {
  const byRole = new Map<string, T[]>();
  for (const item of items) {
    const list = byRole.get(item.roleId);
    if (list) list.push(item);
    else byRole.set(item.roleId, [item]);
  }
  return byRole;
}

export function createTabRepositories(options: TabRepositoryOptions): TabRepositories {
  const http: GraphHttp = createGraphClient({
    baseUrl: options.graphBaseUrl,
    getToken: () => options.tokenProvider.getToken(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const sited = once(async () => {
    const siteId = await resolveSiteId(http, options.site);
    const site = await loadSiteLists(http, siteId);
    return {
      site,
      repositories: createRepositories(http, site, { approverGroupId: options.approverGroupId }),
    };
  });
  const repositories = async (): Promise<Repositories> => (await sited()).repositories;
  const approval = once(async () => {
    const { site, repositories: repos } = await sited();
    return new ApprovalService({ repos, http, site, channel: options.approvalChannel ?? null });
  });

  /**
   * The approver group's members decide which decisions count. Without them every decision that
   * was not imported would be flagged, so a failure to read them is an error, not an empty set.
   */
  const approverIds = once(async () => {
    const { directory } = await repositories();
    const members = await directory.approvers();
    return new Set(members.map((person) => person.id));
  });

  // Start the session's fixed costs (token, site, lists, approvers) while React mounts and the
  // cached views are restored, instead of after the first view asks for data.
  approverIds().catch(() => undefined);

  /** A 401 means the token went stale (the emulator restarted, a persona was reset): retry once. */
  async function withFreshToken<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      options.tokenProvider.invalidate();
      return read();
    }
  }

  const statusOf = (
    currentHash: string,
    decisions: readonly DecisionRecord[],
    requests: readonly RequestRecord[],
    approvers: ReadonlySet<string>,
  ) => deriveStatus({ currentHash, decisions, requests, approverIds: approvers });

  return {
    listCatalogue: (signal) =>
      withFreshToken(async () => {
        const { roles } = await repositories();
        const [catalogue, approvers] = await Promise.all([
          roles.catalogue({ signal }),
          approverIds(),
        ]);
        const decisions = groupBy(catalogue.decisions);
        const requests = groupBy(catalogue.openRequests);
        return catalogue.roles.map((role): CatalogueEntry => ({
          key: role.key,
          kind: role.kind,
          title: role.title,
          department: role.department,
          service: role.service,
          grade: role.grade,
          careerPath: role.careerPath,
          // A role never written through the app has no hash: nothing can match it.
          status: statusOf(
            role.contentHash ?? '',
            decisions.get(role.id) ?? [],
            requests.get(role.id) ?? [],
            approvers,
          ).status,
          tasks: role.tasks,
          competencies: role.competencies,
        }));
      }),

    getRole: (key, signal) =>
      withFreshToken(async () => {
        const { roles } = await repositories();
        const [role, approvers] = await Promise.all([
          roles.getByKey(key, { signal }),
          approverIds(),
        ]);
        const currentHash = await contentHash(role.content);
        const lastApproved: Decision | null = lastApprovedDecision({
          decisions: role.decisions,
          approverIds: approvers,
        });
        const description: FunctionDescription = {
          ...role.content,
          approval: lastApproved
            ? { approvedBy: APPROVED_BY, decisionDate: lastApproved.decisionDate }
            : null,
        };
        return {
          description,
          status: statusOf(currentHash, role.decisions, role.requests, approvers).status,
          sharePointUrl: role.webUrl,
        };
      }),

    approval: {
      // Writes are not retried on a 401 (a decision must never be written twice); reads are.
      submit: async (roleKey, note) => (await approval()).submit({ roleKey, note }),
      decide: async (input) => (await approval()).decide(input),
      view: (requestId) => withFreshToken(async () => (await approval()).view(requestId)),
      history: (roleKey) => withFreshToken(async () => (await approval()).history(roleKey)),
      queue: () => withFreshToken(async () => (await approval()).queue()),
    },

    listCompetencies: (signal) =>
      withFreshToken(async () => {
        const { competencies } = await repositories();
        const entries = await competencies.list({ signal });
        return entries.map(({ name, block, cluster, definition, levels }) => ({
          name,
          block,
          cluster,
          definition,
          levels,
        }));
      }),
  };
}

/** Who is signed in, and the ids of every group they are a member of, directly or nested. */
export interface SignedInUser {
  person: Person;
  /** Object ids, lower case. */
  memberOf: ReadonlySet<string>;
}

const membershipShape = z.object({ id: z.string().min(1) }).loose();

/**
 * Tenant mode's "who am I": `/me` and `/me/transitiveMemberOf`. Both need only `User.Read`; with
 * that permission Graph returns the groups' ids but not their names, so the configuration names
 * the groups by id. Transitive, so a group nested in the HR group counts as HR.
 */
export async function readSignedInUser(options: {
  graphBaseUrl: string;
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
}): Promise<SignedInUser> {
  const http = createGraphClient({
    baseUrl: options.graphBaseUrl,
    getToken: () => options.tokenProvider.getToken(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const [person, memberships] = await Promise.all([
    new DirectoryRepository(http).me(),
    http.getAll('/me/transitiveMemberOf?$select=id', membershipShape),
  ]);
  return { person, memberOf: new Set(memberships.map((m) => m.id.toLowerCase())) };
}
