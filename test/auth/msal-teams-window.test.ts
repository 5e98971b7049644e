// teams-js at its public API: this Teams client does not offer nested app auth, and
// `authentication.authenticate` is Teams' own sign-in window, answered as the sign-in page does.
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: jest.fn(() => false) },
  authentication: { authenticate: jest.fn() },
}));

import { authentication } from '@microsoft/teams-js';
import { SignInError } from '../../src/auth/msal-errors';
import { GRAPH_SCOPES } from '../../src/auth/msal-scopes';
import {
  TEAMS_SIGN_IN_PATH,
  createMsalTokenProvider,
  type MsalTokenProviderOptions,
} from '../../src/auth/msal-token-provider';
import { account, FakeMsalClient, tokenFor } from './msal-fakes';

/**
 * Issue 11, item 4: inside Teams without nested app auth the interactive sign-in goes through
 * `authentication.authenticate()` (a page that runs MSAL's redirect flow and returns through
 * `authentication.notifySuccess`), never `acquireTokenPopup` from the Teams iframe.
 */

const authenticate = authentication.authenticate as unknown as jest.Mock<
  Promise<string>,
  [{ url: string }]
>;
const ANNE = account('anne.peeters@stad.be');

function setup(inTeams: boolean) {
  const client = new FakeMsalClient();
  const opts: MsalTokenProviderOptions = {
    clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    tenantId: 'stad.onmicrosoft.com',
    origin: 'https://functiewijzer.stad.be',
    inTeams,
    loginHint: null,
    dependencies: {
      createNestableClient: () => Promise.reject(new Error('NAA wordt hier niet aangeboden')),
      createStandardClient: () => Promise.resolve(client),
    },
  };
  return { client, opts };
}

beforeEach(() => authenticate.mockReset());

describe('sign-in in Teams without nested app auth', () => {
  it("opens Teams' sign-in window on the sign-in page, then takes the token silently", async () => {
    const { client, opts } = setup(true);
    authenticate.mockImplementation(async () => {
      // What the sign-in page did in Teams' window: MSAL's redirect flow into the shared cache.
      client.accounts = [ANNE];
      return ANNE.homeAccountId;
    });
    client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    const provider = await createMsalTokenProvider(opts);
    expect(provider.mode).toBe('standard');

    await provider.signIn();
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect(authenticate.mock.calls[0]?.[0].url).toBe(
      `https://functiewijzer.stad.be${TEAMS_SIGN_IN_PATH}`,
    );
    expect(client.popupCalls).toEqual([]);
    expect(client.silentCalls).toEqual([
      expect.objectContaining({ scopes: [...GRAPH_SCOPES], account: ANNE }),
    ]);
    await expect(provider.getToken()).resolves.toBe('token-anne');
  });

  it('reports a sign-in the user cancelled in that window, and opens nothing by itself', async () => {
    const { client, opts } = setup(true);
    authenticate.mockRejectedValue(new Error('CancelledByUser'));
    const provider = await createMsalTokenProvider(opts);
    await expect(provider.signIn()).rejects.toBeInstanceOf(SignInError);
    expect(client.popupCalls).toEqual([]);
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it('outside Teams still uses the popup: there is no Teams window to ask', async () => {
    const { client, opts } = setup(false);
    client.answerPopup(tokenFor(ANNE, 'token-anne'));
    const provider = await createMsalTokenProvider(opts);
    await provider.signIn();
    expect(authenticate).not.toHaveBeenCalled();
    expect(client.popupCalls).toHaveLength(1);
  });
});
