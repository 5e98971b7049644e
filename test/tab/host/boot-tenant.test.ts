// teams-js at its public API: the MSAL provider asks only whether Teams recommends nested app
// auth, and what it answers is what these tests vary.
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: jest.fn() },
}));

import {
  BrowserAuthError,
  InteractionRequiredAuthError,
  ServerError,
  type Configuration,
} from '@azure/msal-browser';
import { nestedAppAuth } from '@microsoft/teams-js';
import { GRAPH_SCOPES } from '../../../src/auth/msal-scopes';
import { createMsalTokenProvider } from '../../../src/auth/msal-token-provider';
import type { TokenProvider } from '../../../src/auth/token-provider';
import type { TabRepositories } from '../../../src/tab/shared/host-context';
import {
  BootError,
  bootHost,
  SignInRequired,
  type BootDependencies,
  type BootedHost,
} from '../../../src/tab/host/boot';
import { readSignedInUser } from '../../../src/tab/host/repositories';
import type { TeamsContext } from '../../../src/teams/context';
import type { TeamsSession } from '../../../src/teams/teams-client';
import { account, FakeMsalClient, tokenFor } from '../../auth/msal-fakes';

/**
 * Tenant mode's start-up at its public boundaries: teams-js (a Teams session or none, and its NAA
 * recommendation), msal-browser's client (a recorded fake), and HTTP (the runtime config and
 * Microsoft Graph's `/me` and `/me/transitiveMemberOf`, answered by a fake fetch that checks the
 * bearer token). Everything in between — the MSAL provider, the Graph client, the permission
 * decision — is the real code.
 */

const isNaaRecommended = nestedAppAuth.isNAAChannelRecommended as jest.Mock<boolean, []>;

const CLIENT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const HR_GROUP = '8e1b7c2a-9daf-4eb0-8b12-ed3e2fb0a199';
const APPROVER_GROUP = 'a03d9e4c-bfc1-40d2-8d34-0f5a4bd2c3bb';
const OTHER_GROUP = '7d0a6b1f-8c9e-4daf-9a01-dc2d1eaf9088';

const TENANT_CONFIG = {
  mode: 'tenant',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  clientId: CLIENT_ID,
  tenantId: 'stad.onmicrosoft.com',
  teamsAppId: 'cd65313a-cf82-444d-91cd-705e07ef7699',
  site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
  approvals: { teamId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98', channelId: '19:abc@thread.tacv2' },
  groups: { hr: HR_GROUP, approvers: APPROVER_GROUP.toUpperCase() },
};

interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  groups: string[];
}

const ANNE = account('anne.peeters@stad.be');
const USERS: Record<string, GraphUser> = {
  'token-anne': {
    id: 'u-anne',
    displayName: 'Anne Peeters',
    userPrincipalName: 'anne.peeters@stad.be',
    groups: [OTHER_GROUP],
  },
  'token-hr': {
    id: 'u-hr',
    displayName: 'Hanne HR',
    userPrincipalName: 'hanne@stad.be',
    groups: [OTHER_GROUP, HR_GROUP],
  },
  'token-director': {
    id: 'u-dir',
    displayName: 'Dirk Directeur',
    userPrincipalName: 'dirk@stad.be',
    groups: [APPROVER_GROUP],
  },
  'token-both': {
    id: 'u-both',
    displayName: 'Bea Beide',
    userPrincipalName: 'bea@stad.be',
    groups: [HR_GROUP.toUpperCase(), APPROVER_GROUP],
  },
};

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The runtime config and Graph, as the network would answer them. */
function network(config: unknown = TENANT_CONFIG) {
  const graphCalls: Array<{ path: string; token: string | null }> = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'https://functiewijzer.stad.be',
    );
    if (url.pathname === '/config.json') return jsonResponse(config);
    const auth = new Headers(init?.headers).get('authorization');
    const token = auth?.replace(/^Bearer /, '') ?? null;
    const path = `${url.pathname}${url.search}`;
    graphCalls.push({ path: decodeURIComponent(path), token });
    const user = token ? USERS[token] : undefined;
    if (url.origin !== 'https://graph.microsoft.com' || !user) {
      return jsonResponse({ error: { code: 'InvalidAuthenticationToken', message: 'x' } }, 401);
    }
    if (url.pathname === '/v1.0/me') {
      return jsonResponse({
        id: user.id,
        displayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        mail: null,
      });
    }
    if (url.pathname === '/v1.0/me/transitiveMemberOf') {
      return jsonResponse({
        value: user.groups.map((id) => ({ '@odata.type': '#microsoft.graph.group', id })),
      });
    }
    return jsonResponse({ error: { code: 'itemNotFound', message: 'x' } }, 404);
  };
  return { fetch: fetchImpl, graphCalls };
}

/** A Teams session as teams-js hands it to the tab (see teams-client.ts). */
function teamsSession(user: Partial<TeamsContext['user']> = {}) {
  let successes = 0;
  const session: TeamsSession = {
    context: {
      appId: null,
      clientType: 'web',
      theme: 'dark',
      locale: 'nl-BE',
      frameContext: 'content',
      subPageId: null,
      deepLink: null,
      pageId: 'functiewijzer',
      user: {
        userPrincipalName: 'anne.peeters@stad.be',
        loginHint: 'anne.peeters@stad.be',
        displayName: 'Anne Peeters',
        ...user,
      },
      team: null,
      channel: null,
    },
    onThemeChange: () => () => undefined,
    notifySuccess: () => {
      successes += 1;
    },
    notifyFailure: () => undefined,
    settings: null,
  };
  return { session, successes: () => successes };
}

const plainWindow = {
  location: new URL('https://functiewijzer.stad.be/?subPageId=role/deskundige-ict'),
  navigator: { language: 'nl-BE' },
} as unknown as Window;

interface Harness {
  deps: BootDependencies;
  client: FakeMsalClient;
  created: Array<{ kind: 'nestable' | 'standard'; configuration: Configuration }>;
  repositoryOptions: Array<Parameters<BootDependencies['createRepositories']>[0]>;
  graphCalls: Array<{ path: string; token: string | null }>;
}

function harness(options: { session?: TeamsSession | null; config?: unknown } = {}): Harness {
  const client = new FakeMsalClient();
  const created: Harness['created'] = [];
  const repositoryOptions: Harness['repositoryOptions'] = [];
  const net = network(options.config);
  const deps: BootDependencies = {
    window: plainWindow,
    fetch: net.fetch,
    connect: async () => options.session ?? null,
    createRepositories: (repoOptions) => {
      repositoryOptions.push(repoOptions);
      return {} as TabRepositories;
    },
    readSignedInUser: (readOptions) => readSignedInUser({ ...readOptions, fetch: net.fetch }),
    tenant: {
      createTokenProvider: (providerOptions) =>
        createMsalTokenProvider({
          ...providerOptions,
          dependencies: {
            createNestableClient: (configuration) => {
              created.push({ kind: 'nestable', configuration });
              return Promise.resolve(client);
            },
            createStandardClient: (configuration) => {
              created.push({ kind: 'standard', configuration });
              return Promise.resolve(client);
            },
          },
        }),
    },
  };
  return { deps, client, created, repositoryOptions, graphCalls: net.graphCalls };
}

async function signInRequired(promise: Promise<BootedHost>): Promise<SignInRequired> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInRequired) return error;
    throw error;
  }
  throw new Error('expected the tab to need the user');
}

const interactionRequired = (code = 'interaction_required', message = '') =>
  new InteractionRequiredAuthError(code, 'corr-1', message);

beforeEach(() => {
  isNaaRecommended.mockReset();
});

describe('tenant mode inside Teams', () => {
  it('uses nested app auth with the Teams login hint and boots as the user Graph names', async () => {
    isNaaRecommended.mockReturnValue(true);
    const { session } = teamsSession();
    const h = harness({ session });
    h.client.answerSso(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));

    const booted = await bootHost(h.deps);

    expect(h.created.map((c) => c.kind)).toEqual(['nestable']);
    expect(h.client.ssoCalls).toEqual([
      { scopes: [...GRAPH_SCOPES], loginHint: 'anne.peeters@stad.be' },
    ]);
    expect(h.client.popupCalls).toEqual([]);
    expect(booted.session).toBe(session);
    expect(booted.personas).toEqual([]);
    expect(booted.tokenProvider).toBeNull();
    expect(booted.initial).toEqual({
      theme: 'dark',
      locale: 'nl-BE',
      subPageId: 'role/deskundige-ict',
      user: { upn: 'anne.peeters@stad.be', displayName: 'Anne Peeters', role: 'staff' },
      permissions: { canEdit: false, canSubmit: false, canApprove: false },
    });
    // Graph was asked with the token MSAL produced, never anything else.
    expect(h.graphCalls.map((c) => c.token)).toEqual(['token-anne', 'token-anne']);
    // Remembered for the next early open: Graph's object id, the signed-in account's tenant.
    expect(booted.entra).toEqual({ objectId: 'u-anne', tenantId: 'tenant' });
  });

  it('posts approvals to the configured channel and judges decisions by the configured group', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness({ session: teamsSession().session });
    h.client.answerSso(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    await bootHost(h.deps);

    expect(h.repositoryOptions).toHaveLength(1);
    const options = h.repositoryOptions[0]!;
    expect(options.graphBaseUrl).toBe('https://graph.microsoft.com/v1.0');
    expect(options.site).toEqual(TENANT_CONFIG.site);
    expect(options.approvalChannel).toEqual({
      teamId: TENANT_CONFIG.approvals.teamId,
      channelId: TENANT_CONFIG.approvals.channelId,
      // Teams reported no app id (a sideloaded app): the manifest id; the personal tab, which
      // belongs to no channel.
      appId: TENANT_CONFIG.teamsAppId,
      entityId: 'functiewijzer',
      linkChannelId: null,
      tabUrl: expect.stringMatching(/^https:\/\//),
      notifyApprovers: true,
    });
    expect(options.groups).toEqual(TENANT_CONFIG.groups);
    // The repositories get the MSAL tokens, not a persona's.
    await expect((options.tokenProvider as TokenProvider).getToken()).resolves.toBe('token-anne');
  });

  it('starts the site beside the read of who the user is, and hands the services that identity', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness({ session: teamsSession().session });
    h.client.answerSso(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    const order: string[] = [];
    const { readSignedInUser: readUser, createRepositories } = h.deps;
    const deps: BootDependencies = {
      ...h.deps,
      readSignedInUser: async (options) => {
        const user = await readUser(options);
        order.push('user read');
        return user;
      },
      createRepositories: (options) => {
        order.push('repositories created');
        return createRepositories(options);
      },
    };
    await bootHost(deps);

    // Over a city's network this is one round trip less before the first screen.
    expect(order).toEqual(['repositories created', 'user read']);
    await expect(h.repositoryOptions[0]!.identity).resolves.toMatchObject({
      permissions: { canEdit: false, canSubmit: false, canApprove: false },
    });
  });

  it('falls back to the standard client when this Teams client does not offer NAA', async () => {
    isNaaRecommended.mockReturnValue(false);
    const h = harness({ session: teamsSession().session });
    h.client.answerSso(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    await bootHost(h.deps);
    expect(h.created.map((c) => c.kind)).toEqual(['standard']);
  });

  it('opens the Teams-brokered popup once when silent sign-in needs the user, then boots', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness({ session: teamsSession().session });
    h.client.answerSso(interactionRequired());
    h.client.answerPopup(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    const booted = await bootHost(h.deps);
    expect(h.client.popupCalls).toHaveLength(1);
    expect(booted.initial.user.upn).toBe('anne.peeters@stad.be');
  });

  it('explains missing admin consent, names what to ask IT, and offers no sign-in loop', async () => {
    isNaaRecommended.mockReturnValue(true);
    const teams = teamsSession();
    const h = harness({ session: teams.session });
    h.client.answerSso(interactionRequired('consent_required', 'AADSTS65001: consent'));
    h.client.answerPopup(
      new ServerError('access_denied', 'corr-3', 'AADSTS90094: Admin approval', '', '90094'),
    );

    const needed = await signInRequired(bootHost(h.deps));

    expect(needed.problem.code).toBe('consent-required');
    expect(needed.problem.askIt).toContain('beheerderstoestemming');
    expect(needed.problem.askIt).toContain(CLIENT_ID);
    expect(needed.message).toContain('Vraag IT');
    expect(needed.problem.technical).toContain('AADSTS90094');
    // Signing in again cannot help until IT acts: the tab offers to start again instead.
    expect(needed.canSignIn).toBe(false);
    expect(h.client.popupCalls).toHaveLength(1);
    expect(h.repositoryOptions).toEqual([]);
    // Teams must show the explanation, not its loading indicator.
    expect(teams.successes()).toBe(1);
  });
});

describe('tenant mode in a plain browser', () => {
  it('uses the standard client without asking teams-js, silently with a cached account', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness({ session: null });
    h.client.accounts = [ANNE];
    h.client.answerSilent(
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
    );
    const booted = await bootHost(h.deps);
    expect(h.created.map((c) => c.kind)).toEqual(['standard']);
    expect(h.created[0]?.configuration.auth.redirectUri).toBe(
      'https://functiewijzer.stad.be/auth-redirect.html',
    );
    expect(isNaaRecommended).not.toHaveBeenCalled();
    expect(booted.session).toBeNull();
    expect(booted.initial.theme).toBe('default');
    expect(booted.initial.subPageId).toBe('role/deskundige-ict');
    expect(h.client.popupCalls).toEqual([]);
  });

  it('when silent sign-in fails, waits for the Aanmelden click, then the popup boots the tab', async () => {
    const h = harness({ session: null });
    h.client.accounts = [ANNE];
    h.client.answerSilent(interactionRequired('login_required'));

    const needed = await signInRequired(bootHost(h.deps));
    expect(needed.problem.code).toBe('sign-in-required');
    expect(needed.problem.message).toContain('Aanmelden');
    expect(needed.canSignIn).toBe(true);
    // Nothing interactive happened without the user.
    expect(h.client.popupCalls).toEqual([]);
    expect(h.graphCalls).toEqual([]);

    h.client.answerPopup(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
    );
    const signingIn = needed.signIn();
    // The popup opens in the click's own task (a browser blocks it after an await).
    expect(h.client.popupCalls).toHaveLength(1);
    const booted = await signingIn;
    expect(booted.initial.user).toEqual({
      upn: 'anne.peeters@stad.be',
      displayName: 'Anne Peeters',
      role: 'staff',
    });
    expect(h.client.popupCalls).toHaveLength(1);
  });

  it('a blocked popup is explained and waits for the next click; that click boots', async () => {
    const h = harness({ session: null });
    const needed = await signInRequired(bootHost(h.deps));
    expect(needed.problem.code).toBe('sign-in-required');

    h.client.answerPopup(new BrowserAuthError('popup_window_error', 'corr'));
    const blocked = await signInRequired(needed.signIn());
    expect(blocked.problem.code).toBe('popup-blocked');
    expect(blocked.problem.message).toContain('functiewijzer.stad.be');
    expect(blocked.canSignIn).toBe(true);
    expect(h.client.popupCalls).toHaveLength(1);

    h.client.answerPopup(tokenFor(ANNE, 'token-anne'));
    h.client.answerSilent(
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
      tokenFor(ANNE, 'token-anne'),
    );
    const booted = await blocked.signIn();
    expect(booted.initial.user.upn).toBe('anne.peeters@stad.be');
    expect(h.client.popupCalls).toHaveLength(2);
  });
});

describe('permissions in tenant mode follow group membership as Graph reports it', () => {
  async function bootAs(token: string): Promise<BootedHost> {
    isNaaRecommended.mockReturnValue(true);
    const user = account(USERS[token]!.userPrincipalName);
    const h = harness({ session: teamsSession({ loginHint: user.username }).session });
    h.client.answerSso(tokenFor(user, token));
    h.client.answerSilent(tokenFor(user, token), tokenFor(user, token));
    return bootHost(h.deps);
  }

  it('offers nothing to write to staff', async () => {
    expect((await bootAs('token-anne')).initial.permissions).toEqual({
      canEdit: false,
      canSubmit: false,
      canApprove: false,
    });
  });

  it('lets members of the HR group edit and submit', async () => {
    const booted = await bootAs('token-hr');
    expect(booted.initial.user.role).toBe('hr');
    expect(booted.initial.permissions).toEqual({
      canEdit: true,
      canSubmit: true,
      canApprove: false,
    });
  });

  it('lets members of the approver group decide', async () => {
    const booted = await bootAs('token-director');
    expect(booted.initial.user).toEqual({
      upn: 'dirk@stad.be',
      displayName: 'Dirk Directeur',
      role: 'approver',
    });
    expect(booted.initial.permissions).toEqual({
      canEdit: false,
      canSubmit: false,
      canApprove: true,
    });
  });

  it('gives a member of both groups both sets of actions (ids compared case-insensitively)', async () => {
    const booted = await bootAs('token-both');
    expect(booted.initial.user.role).toBe('approver');
    expect(booted.initial.permissions).toEqual({
      canEdit: true,
      canSubmit: true,
      canApprove: true,
    });
  });
});

describe('tenant mode refusals', () => {
  it('refuses a tenant configuration when the entry point brought no sign-in', async () => {
    const h = harness();
    await expect(bootHost({ ...h.deps, tenant: undefined })).rejects.toThrow(BootError);
  });

  it('refuses a tenant configuration that lacks the approval channel or the groups', async () => {
    const h = harness({ config: { ...TENANT_CONFIG, groups: undefined } });
    await expect(bootHost(h.deps)).rejects.toThrow(/ongeldig: groups/);
    expect(h.created).toEqual([]);
  });

  it('explains a sign-in client that cannot be created, offering to start again', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness({ session: teamsSession().session });
    h.deps.tenant!.createTokenProvider = (options) =>
      createMsalTokenProvider({
        ...options,
        dependencies: {
          createNestableClient: () =>
            Promise.reject(new BrowserAuthError('no_network_connectivity', 'corr')),
        },
      });
    const needed = await signInRequired(bootHost(h.deps));
    expect(needed.problem.code).toBe('offline');
    expect(needed.canSignIn).toBe(false);
    await expect(needed.signIn()).rejects.toBe(needed);
  });
});
