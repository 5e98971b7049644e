import type { Person } from '../graph/model';
import type { Repositories } from '../graph/repositories';
import type { ListTimes } from '../graph/site';
import type { ApprovalChannelSettings } from '../teams/approval-card';
import { ApprovalService } from './approval';
import { CatalogueService } from './catalogue';
import { type Identity, type IdentityGroups, IdentityService } from './identity';
import { ImportService } from './import';

/**
 * The application layer (DESIGN §8), between the tab/CLI and the Graph repositories: identity
 * (who is this, what may they do), the catalogue read model (roles with derived status) and the
 * approval policy. One set per signed-in session.
 */
export interface Services {
  identity: IdentityService;
  catalogue: CatalogueService;
  approval: ApprovalService;
  /** HR's import from the tab (content only). */
  importer: ImportService;
}

export interface ServiceOptions {
  repos: Repositories;
  groups: IdentityGroups;
  /** Where approval cards go; null: requests are made without a card. */
  channel: ApprovalChannelSettings | null;
  /** The identity, when the caller already resolved it (boot does, to decide what to show). */
  identity?: Identity;
  /** Local mode: who holds the token now; the identity is read again when it changes. */
  sessionKey?: () => string;
  /**
   * The approver group's members, when the caller started reading them already (the tab does, at
   * start-up beside the site's lists): shared, not read again.
   */
  approvers?: () => Promise<Person[]>;
  /**
   * The list times start-up read with the site's lists (`SiteLists.listTimes`): the session's
   * first catalogue read stamps with them instead of asking (catalogue/revalidation.ts). Only
   * for services built right after that read, for the session that did it.
   */
  startupListTimes?: ListTimes;
  /** Fixes the decision date (tests). */
  today?: () => string;
}

export function createServices(options: ServiceOptions): Services {
  const identity = new IdentityService({
    directory: options.repos.directory,
    groups: options.groups,
    ...(options.identity ? { known: options.identity } : {}),
    ...(options.sessionKey ? { sessionKey: options.sessionKey } : {}),
    ...(options.approvers ? { approvers: options.approvers } : {}),
  });
  const catalogue = new CatalogueService(
    options.repos,
    identity,
    options.startupListTimes ? { startupTimes: options.startupListTimes } : {},
  );
  const approval = new ApprovalService({
    repos: options.repos,
    identity,
    catalogue,
    channel: options.channel,
    ...(options.today ? { today: options.today } : {}),
  });
  const importer = new ImportService({ repos: options.repos, identity });
  return { identity, catalogue, approval, importer };
}
