import type { TokenProvider } from '../../auth/token-provider';
import { createGraphClient } from '../../graph/client';
import { UnauthorizedError } from '../../graph/errors';
import type { Person } from '../../graph/model';
import { untilAborted } from '../../graph/middleware/chain';
import { once } from '../../graph/once';
import { createRepositories, DirectoryRepository } from '../../graph/repositories';
import { resolveSiteLists, type SiteRef } from '../../graph/site';
import { createServices } from '../../services';
import type { CatalogueService } from '../../services/catalogue';
import {
  approverMembers,
  type Identity,
  type IdentityGroups,
  LOCAL_GROUPS,
} from '../../services/identity';
import type { ApprovalChannelSettings } from '../../teams/approval-card';
import type { TabRepositories } from '../shared/host-context';

/**
 * Wiring: the tab's port to the data (`TabRepositories`) on the application layer
 * (src/services). The site and its lists are resolved once per session; identity, status and
 * the approval policy are the services' business, not this file's.
 */

export interface TabRepositoryOptions {
  graphBaseUrl: string;
  site: SiteRef;
  tokenProvider: TokenProvider;
  /** Defaults to the browser's fetch. */
  fetch?: typeof fetch;
  /** Where approval cards go; null or absent: requests are made without a card. */
  approvalChannel?: ApprovalChannelSettings | null;
  /** The Entra ID groups (ids) of the roles; absent: the local emulator's groups. */
  groups?: IdentityGroups;
  /**
   * Tenant mode: the identity boot resolves (not read again). A promise while boot is still
   * reading it: the site and its lists are read meanwhile, not after it.
   */
  identity?: Identity | Promise<Identity>;
  /** Local mode: who holds the token now (a persona switch changes it). */
  sessionKey?: () => string;
  /** The roles the deep link opens (boot's `linkedRoleKeys`): their ids are looked up at once. */
  linkedRoleKeys?: readonly string[];
  /**
   * A first open on the catalogue (boot's `opensCatalogueFirst`): the first screen is read as
   * soon as the site is known, and handed to the catalogue's first `firstScreen` call.
   */
  prefetchFirstScreen?: boolean;
  /** For tests; defaults to Date.now. */
  now?: () => number;
}

/** How long a first screen read at start-up may wait for the view that asks for it. */
export const PREFETCHED_FIRST_SCREEN_MAX_AGE_MS = 30_000;

export function createTabRepositories(options: TabRepositoryOptions): TabRepositories {
  const http = createGraphClient({
    baseUrl: options.graphBaseUrl,
    getToken: () => options.tokenProvider.getToken(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const groups = options.groups ?? LOCAL_GROUPS;
  // The approver group's members need only the token and the group's id, not the site: read
  // beside the site and its lists (one round trip less before the first screen over a city's
  // network), and shared with the services, so they are read once as before.
  const approvers = approverMembers(new DirectoryRepository(http), groups);

  const services = once(async () => {
    const [site, identity] = await Promise.all([
      resolveSiteLists(http, options.site),
      options.identity,
    ]);
    const repos = createRepositories(http, site);
    // A role or comparison opened from a link: its keys' ids are looked up now, beside the
    // user's identity, not after the view has mounted (one round trip less before it shows).
    if (options.linkedRoleKeys?.length) repos.roles.prefetchKeys(options.linkedRoleKeys);
    return createServices({
      repos,
      groups,
      channel: options.approvalChannel ?? null,
      approvers,
      // The lists' times came with the lists: the session's first catalogue read stamps with
      // them instead of asking again (src/services/catalogue/revalidation.ts says why it is safe).
      ...(site.listTimes ? { startupListTimes: site.listTimes } : {}),
      ...(identity ? { identity } : {}),
      ...(options.sessionKey ? { sessionKey: options.sessionKey } : {}),
    });
  });

  // Start the session's fixed costs (token, site, lists, approvers) at once and side by side,
  // while React mounts and the cached views are restored, instead of after the first view asks.
  services().catch(() => undefined);
  approvers().catch(() => undefined);

  const now = options.now ?? Date.now;
  const sessionKey = options.sessionKey ?? (() => '');
  /**
   * The first screen read at start-up, for the first `firstScreen` call: once, as the same user
   * (a persona switch in between reads again), and only shortly after start-up. A failed one is
   * read again by the view, as without it.
   */
  let opening: {
    user: string;
    at: number;
    rows: ReturnType<CatalogueService['firstScreen']>;
  } | null = null;
  if (options.prefetchFirstScreen) {
    const rows = withFreshToken(async () => (await services()).catalogue.firstScreen());
    rows.catch(() => undefined);
    opening = { user: sessionKey(), at: now(), rows };
  }
  const openingFirstScreen = (): ReturnType<CatalogueService['firstScreen']> | null => {
    const taken = opening;
    opening = null;
    if (!taken || taken.user !== sessionKey()) return null;
    if (now() - taken.at > PREFETCHED_FIRST_SCREEN_MAX_AGE_MS) return null;
    return taken.rows;
  };

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

  return {
    listCatalogue: (signal) =>
      withFreshToken(async () => (await services()).catalogue.rows({ signal })),

    catalogue: {
      firstScreen: (signal) => {
        const read = () =>
          withFreshToken(async () => (await services()).catalogue.firstScreen({ signal }));
        const prefetched = openingFirstScreen();
        return prefetched ? untilAborted(prefetched, signal).catch(orAbort(signal, read)) : read();
      },
      verify: (verification, signal) =>
        withFreshToken(async () => (await services()).catalogue.verify(verification, { signal })),
      revalidate: (previous, signal) =>
        withFreshToken(async () =>
          (await services()).catalogue.revalidateFirst(previous, { signal }),
        ),
      tasks: (signal) => withFreshToken(async () => (await services()).catalogue.tasks({ signal })),
    },

    getRole: (key, signal) =>
      withFreshToken(async () => {
        const { catalogue } = await services();
        const role = await catalogue.role(key, { signal });
        // The snapshot is read only for a role that changed since its approval (it usually
        // came with the role's own batch already).
        const changed =
          role.status.kind === 'changed' ||
          (role.status.kind === 'pending' && role.status.changedSinceApproval !== null);
        const changes = changed ? await catalogue.changesSinceApproval(role) : null;
        return {
          description: role.description,
          status: role.status,
          sharePointUrl: role.webUrl,
          changesSinceApproval:
            changes && role.lastApproved
              ? { approvedDate: role.lastApproved.decisionDate, changes }
              : null,
        };
      }),

    approval: {
      // Writes are not retried on a 401 (a decision must never be written twice); reads are.
      submit: async (roleKey, note) => (await services()).approval.submit({ roleKey, note }),
      decide: async (input) => (await services()).approval.decide(input),
      view: (requestId) => withFreshToken(async () => (await services()).approval.view(requestId)),
      history: (roleKey) =>
        withFreshToken(async () => (await services()).approval.history(roleKey)),
      queue: () => withFreshToken(async () => (await services()).approval.queue()),
    },

    listCompetencies: (signal) =>
      withFreshToken(async () => (await services()).catalogue.dictionary({ signal })),

    importer: {
      current: (key, signal) =>
        withFreshToken(async () => (await services()).importer.current(key, signal)),
      // Not retried on a 401 as a whole: the writer is idempotent by key, but a second pass
      // would report every document already written as "unchanged".
      save: async (descriptions, onProgress) =>
        (await services()).importer.save(descriptions, onProgress),
    },
  };
}

/** After a failed prefetch: the caller's abort stays an abort; anything else reads again. */
function orAbort<T>(signal: AbortSignal | undefined, read: () => Promise<T>) {
  return (error: unknown): Promise<T> => (signal?.aborted ? Promise.reject(error) : read());
}

/** Who is signed in, and the ids of every group they are a member of, directly or nested. */
export interface SignedInUser {
  person: Person;
  /** Object ids, lower case. */
  memberOf: ReadonlySet<string>;
}

/**
 * "Who am I" before anything else exists: `/me` and `/me/transitiveMemberOf`, both under
 * `User.Read`. Boot turns the answer into an identity with the configured groups.
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
  const directory = new DirectoryRepository(http);
  const [person, memberOf] = await Promise.all([directory.me(), directory.memberOfIds()]);
  return { person, memberOf };
}
