/** @jest-environment jsdom */
// teams-js at its public API: a plain browser, so Teams never recommends nested app auth.
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: () => false },
}));

import { CacheLookupPolicy, InteractionRequiredAuthError } from '@azure/msal-browser';
import { createMsalTokenProvider, type SignedInAccount } from '../../src/auth/msal-token-provider';
import {
  bootHost,
  SignInRequired,
  type BootDependencies,
  type Sighting,
} from '../../src/tab/host/boot';
import { earlyHost, NO_PERMISSIONS, rememberLastUser } from '../../src/tab/host/boot-early';
import type { TabUser } from '../../src/tab/shared/host-context';
import { account, FakeMsalClient, tokenFor } from '../auth/msal-fakes';

/**
 * Issue 15, the warm open in a plain browser in tenant mode: once MSAL has read its own cache,
 * an account it signs in without anyone (a valid access token in that cache, no network) that is
 * the last identified user opens the stored catalogue early. No account, another account, or a
 * token that would need a refresh or a sign-in waits for boot — a shared device whose last user
 * has gone must not show their catalogue to the next person.
 */

const ANNE: TabUser = { upn: 'anne.peeters@stad.be', displayName: 'Anne Peeters', role: 'staff' };
const ANNE_ACCOUNT = account(ANNE.upn);
const ANNE_IDS = { objectId: ANNE_ACCOUNT.localAccountId, tenantId: ANNE_ACCOUNT.tenantId };

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function signedIn(overrides: Partial<SignedInAccount> = {}): Sighting {
  return { by: 'msal', account: { ...ANNE_IDS, username: ANNE.upn, ...overrides } };
}

async function provider(client: FakeMsalClient) {
  return createMsalTokenProvider({
    clientId: 'client',
    tenantId: 'stad.onmicrosoft.com',
    origin: 'https://functiewijzer.stad.be',
    inTeams: false,
    dependencies: { createStandardClient: () => Promise.resolve(client) },
  });
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('MSAL’s cached sign-in', () => {
  it('is the active account while the cache alone holds its token, looked up without a refresh', async () => {
    const client = new FakeMsalClient();
    client.accounts = [ANNE_ACCOUNT];
    client.answerSilent(tokenFor(ANNE_ACCOUNT, 'token-anne'));
    await expect((await provider(client)).cachedSignIn()).resolves.toEqual({
      ...ANNE_IDS,
      username: ANNE.upn,
    });
    expect(client.silentCalls).toEqual([
      expect.objectContaining({
        account: ANNE_ACCOUNT,
        cacheLookupPolicy: CacheLookupPolicy.AccessToken,
      }),
    ]);
  });

  it('is nobody without an account, and asks MSAL nothing', async () => {
    const client = new FakeMsalClient();
    await expect((await provider(client)).cachedSignIn()).resolves.toBeNull();
    expect(client.silentCalls).toEqual([]);
  });

  it('is nobody when the token would need a refresh or a sign-in', async () => {
    const client = new FakeMsalClient();
    client.accounts = [ANNE_ACCOUNT];
    client.answerSilent(new InteractionRequiredAuthError('token_expired', 'corr'));
    await expect((await provider(client)).cachedSignIn()).resolves.toBeNull();
  });

  it('is nobody when two accounts are cached and none is active: MSAL would not choose either', async () => {
    const client = new FakeMsalClient();
    client.accounts = [ANNE_ACCOUNT, account('bert@stad.be')];
    await expect((await provider(client)).cachedSignIn()).resolves.toBeNull();
  });
});

describe('the early open on MSAL’s cached sign-in', () => {
  it('opens for the last identified user by the Entra ids, without any permission', () => {
    rememberLastUser(window, ANNE, ANNE_IDS);
    const early = earlyHost(window, never(), signedIn({ username: 'renamed@stad.be' }));
    expect(early?.provisional).toBe(true);
    expect(early?.session).toBeNull();
    expect(early?.initial.user).toEqual(ANNE);
    expect(early?.initial.permissions).toEqual(NO_PERMISSIONS);
  });

  it('opens by the username for a last user stored without ids', () => {
    rememberLastUser(window, ANNE);
    expect(
      earlyHost(window, never(), signedIn({ username: 'ANNE.peeters@stad.be' })),
    ).not.toBeNull();
  });

  it('waits for boot when the cached account is someone else', () => {
    rememberLastUser(window, ANNE, ANNE_IDS);
    expect(earlyHost(window, never(), signedIn({ objectId: 'bert-object-id' }))).toBeNull();
    rememberLastUser(window, ANNE);
    expect(earlyHost(window, never(), signedIn({ username: 'bert@stad.be' }))).toBeNull();
  });

  it('waits for boot without a cached account: in tenant mode nothing else vouches at the start', () => {
    rememberLastUser(window, ANNE, ANNE_IDS);
    expect(earlyHost(window, never())).toBeNull();
  });
});

describe('boot in a plain browser in tenant mode', () => {
  const config = {
    mode: 'tenant',
    graphBaseUrl: 'https://graph.microsoft.com/v1.0',
    clientId: 'client',
    tenantId: 'stad.onmicrosoft.com',
    teamsAppId: 'cd65313a-cf82-444d-91cd-705e07ef7699',
    site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
    approvals: { teamId: 'team', channelId: '19:abc@thread.tacv2' },
    groups: { hr: 'hr', approvers: 'goedkeurders' },
  };

  function deps(client: FakeMsalClient, sightings: Sighting[]): BootDependencies {
    return {
      window,
      // jsdom has no Response: the two members loadRuntimeConfig reads.
      fetch: async () => ({ ok: true, status: 200, json: async () => config }) as Response,
      connect: async () => null,
      createRepositories: never,
      // `/me` is held: what is seen, is seen before Graph answers.
      readSignedInUser: never,
      tenant: {
        createTokenProvider: (options) =>
          createMsalTokenProvider({
            ...options,
            dependencies: { createStandardClient: () => Promise.resolve(client) },
          }),
      },
      onSighting: (sighting) => sightings.push(sighting),
    };
  }

  it('tells who MSAL’s cache signs in before `/me` answers', async () => {
    const client = new FakeMsalClient();
    client.accounts = [ANNE_ACCOUNT];
    client.answerSilent(tokenFor(ANNE_ACCOUNT, 'cached'), tokenFor(ANNE_ACCOUNT, 'cached'));
    const sightings: Sighting[] = [];
    void bootHost(deps(client, sightings));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sightings).toEqual([signedIn()]);
  });

  it('tells nothing when MSAL has no account (boot asks to sign in)', async () => {
    const client = new FakeMsalClient();
    const sightings: Sighting[] = [];
    await expect(bootHost(deps(client, sightings))).rejects.toBeInstanceOf(SignInRequired);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sightings).toEqual([]);
  });
});
