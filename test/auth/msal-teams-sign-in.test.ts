// The sign-in page at its edges: teams-js (the Teams sign-in window) and msal-browser (the
// redirect flow), both at their public APIs.
jest.mock('@microsoft/teams-js', () => ({
  app: { initialize: jest.fn(() => Promise.resolve()) },
  authentication: { notifySuccess: jest.fn(), notifyFailure: jest.fn() },
  nestedAppAuth: { isNAAChannelRecommended: jest.fn(() => false) },
}));
jest.mock('@azure/msal-browser', () => ({
  ...jest.requireActual('@azure/msal-browser'),
  createStandardPublicClientApplication: jest.fn(),
}));

import { createStandardPublicClientApplication, type Configuration } from '@azure/msal-browser';
import { authentication } from '@microsoft/teams-js';
import { runTeamsSignIn } from '../../src/auth/msal-teams-sign-in';
import { TEAMS_SIGN_IN_PATH } from '../../src/auth/msal-token-provider';

const create = createStandardPublicClientApplication as unknown as jest.Mock;
const notifySuccess = authentication.notifySuccess as jest.Mock;
const notifyFailure = authentication.notifyFailure as jest.Mock;

const TENANT = {
  mode: 'tenant',
  graphBaseUrl: 'https://graph.microsoft.com/v1.0',
  clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  tenantId: 'stad.onmicrosoft.com',
  teamsAppId: 'app',
  site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
  approvals: { teamId: 'team', channelId: '19:kanaal@thread.tacv2' },
  groups: { hr: 'hr', approvers: 'goedkeurders' },
};
const win = { location: { origin: 'https://functiewijzer.stad.be' } } as unknown as Window;

function msalClient(result: unknown) {
  return {
    handleRedirectPromise: jest.fn(() => Promise.resolve(result)),
    loginRedirect: jest.fn(() => Promise.resolve()),
  };
}

beforeEach(() => {
  jest.clearAllMocks();
  global.fetch = jest.fn(async () => ({
    ok: true,
    status: 200,
    json: async () => TENANT,
  })) as never;
});

describe('the Teams sign-in page', () => {
  it('starts the redirect flow back to itself on the first visit', async () => {
    const client = msalClient(null);
    create.mockResolvedValue(client);
    await runTeamsSignIn(win);
    const configuration = create.mock.calls[0]?.[0] as Configuration;
    expect(configuration.auth.redirectUri).toBe(
      `https://functiewijzer.stad.be${TEAMS_SIGN_IN_PATH}`,
    );
    expect(configuration.auth.authority).toBe(
      'https://login.microsoftonline.com/stad.onmicrosoft.com',
    );
    expect(client.loginRedirect).toHaveBeenCalledTimes(1);
    expect(notifySuccess).not.toHaveBeenCalled();
  });

  it('returns the account id — never a token — through authentication.notifySuccess', async () => {
    create.mockResolvedValue(
      msalClient({ accessToken: 'geheim', account: { homeAccountId: 'anne.home' } }),
    );
    await runTeamsSignIn(win);
    expect(notifySuccess).toHaveBeenCalledWith('anne.home');
    expect(JSON.stringify(notifySuccess.mock.calls)).not.toContain('geheim');
  });

  it('reports a failed redirect to Teams with its code', async () => {
    const client = msalClient(null);
    client.handleRedirectPromise.mockRejectedValue(
      Object.assign(new Error('x'), { errorCode: 'user_cancelled' }),
    );
    create.mockResolvedValue(client);
    await runTeamsSignIn(win);
    expect(notifyFailure).toHaveBeenCalledWith('user_cancelled');
  });
});
