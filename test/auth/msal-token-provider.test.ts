// teams-js at its public API: only `nestedAppAuth.isNAAChannelRecommended` is used by the
// provider, and what it answers is what these tests vary.
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: jest.fn() },
}));

import {
  BrowserAuthError,
  ClientAuthError,
  InteractionRequiredAuthError,
  ServerError,
  type Configuration,
} from '@azure/msal-browser';
import { nestedAppAuth } from '@microsoft/teams-js';
import { SignInError } from '../../src/auth/msal-errors';
import { GRAPH_SCOPES } from '../../src/auth/msal-scopes';
import {
  createMsalTokenProvider,
  type MsalDependencies,
  type MsalTokenProviderOptions,
} from '../../src/auth/msal-token-provider';
import { TokenUnavailableError } from '../../src/auth/token-provider';
import { account, FakeMsalClient, tokenFor } from './msal-fakes';

const isNaaRecommended = nestedAppAuth.isNAAChannelRecommended as jest.Mock<boolean, []>;

const CLIENT_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const ANNE = account('anne.peeters@stad.be');
const BART = account('bart.claes@stad.be');

interface Harness {
  client: FakeMsalClient;
  created: Array<{ kind: 'nestable' | 'standard'; configuration: Configuration }>;
  dependencies: Partial<MsalDependencies>;
}

function harness(client = new FakeMsalClient()): Harness {
  const created: Harness['created'] = [];
  return {
    client,
    created,
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
  };
}

function options(
  h: Harness,
  overrides: Partial<MsalTokenProviderOptions> = {},
): MsalTokenProviderOptions {
  return {
    clientId: CLIENT_ID,
    tenantId: 'stad.onmicrosoft.com',
    origin: 'https://functiewijzer.stad.be',
    inTeams: true,
    loginHint: ANNE.username,
    dependencies: h.dependencies,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<SignInError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
  throw new Error('expected a SignInError');
}

const interactionRequired = (code = 'interaction_required', message = '') =>
  new InteractionRequiredAuthError(code, 'corr-1', message);

beforeEach(() => {
  isNaaRecommended.mockReset();
});

describe('choosing nested app auth or the standard SPA client', () => {
  it('uses nested app auth inside Teams when teams-js recommends it', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness();
    const provider = await createMsalTokenProvider(options(h));
    expect(provider.mode).toBe('nested');
    expect(h.created).toEqual([
      {
        kind: 'nestable',
        configuration: expect.objectContaining({
          auth: {
            clientId: CLIENT_ID,
            authority: 'https://login.microsoftonline.com/stad.onmicrosoft.com',
            redirectUri: 'https://functiewijzer.stad.be/auth-redirect.html',
          },
        }),
      },
    ]);
  });

  it('falls back to the standard client when the Teams host does not recommend NAA', async () => {
    isNaaRecommended.mockReturnValue(false);
    const h = harness();
    expect((await createMsalTokenProvider(options(h))).mode).toBe('standard');
    expect(h.created.map((c) => c.kind)).toEqual(['standard']);
  });

  it('falls back when teams-js was never initialised (it throws)', async () => {
    isNaaRecommended.mockImplementation(() => {
      throw new Error('The library has not yet been initialized');
    });
    const h = harness();
    expect((await createMsalTokenProvider(options(h))).mode).toBe('standard');
  });

  it('outside Teams uses the standard client without asking teams-js', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness();
    expect((await createMsalTokenProvider(options(h, { inTeams: false }))).mode).toBe('standard');
    expect(isNaaRecommended).not.toHaveBeenCalled();
  });

  it('explains a client that cannot be created', async () => {
    isNaaRecommended.mockReturnValue(true);
    const h = harness();
    h.dependencies.createNestableClient = () =>
      Promise.reject(new ClientAuthError('no_network_connectivity', 'corr'));
    const error = await rejection(createMsalTokenProvider(options(h)));
    expect(error.problem.code).toBe('offline');
  });
});

describe('nested app auth (inside Teams)', () => {
  beforeEach(() => isNaaRecommended.mockReturnValue(true));

  it('is silent when an account is cached, picking the Teams user by login hint', async () => {
    const h = harness();
    h.client.accounts = [BART, ANNE];
    h.client.answerSilent(tokenFor(ANNE, 'token-1'));
    const provider = await createMsalTokenProvider(options(h));
    await expect(provider.getToken()).resolves.toBe('token-1');
    expect(h.client.silentCalls).toEqual([
      { scopes: [...GRAPH_SCOPES], account: ANNE, forceRefresh: false },
    ]);
    expect(h.client.popupCalls).toEqual([]);
    expect(h.client.active).toBe(ANNE);
  });

  it('signs in silently with the login hint when nothing is cached', async () => {
    const h = harness();
    h.client.answerSso(tokenFor(ANNE, 'token-sso'));
    const provider = await createMsalTokenProvider(options(h));
    await expect(provider.getToken()).resolves.toBe('token-sso');
    expect(h.client.ssoCalls).toEqual([{ scopes: [...GRAPH_SCOPES], loginHint: ANNE.username }]);
    expect(h.client.popupCalls).toEqual([]);
  });

  it('opens one popup when silent sign-in needs interaction, then stays silent', async () => {
    const h = harness();
    h.client.answerSso(interactionRequired());
    h.client.answerPopup(tokenFor(ANNE, 'token-popup'));
    h.client.answerSilent(tokenFor(ANNE, 'token-silent'));
    const provider = await createMsalTokenProvider(options(h));
    await expect(provider.getToken()).resolves.toBe('token-popup');
    expect(h.client.popupCalls).toEqual([{ scopes: [...GRAPH_SCOPES], loginHint: ANNE.username }]);
    await expect(provider.getToken()).resolves.toBe('token-silent');
    expect(h.client.popupCalls).toHaveLength(1);
    expect(h.client.silentCalls[0]?.account).toBe(ANNE);
  });

  it('shares one sign-in between callers that ask at the same time', async () => {
    const h = harness();
    h.client.answerSso(interactionRequired());
    h.client.answerPopup(tokenFor(ANNE, 'token-popup'));
    const provider = await createMsalTokenProvider(options(h));
    const tokens = await Promise.all([
      provider.getToken(),
      provider.getToken(),
      provider.getToken(),
    ]);
    expect(tokens).toEqual(['token-popup', 'token-popup', 'token-popup']);
    expect(h.client.ssoCalls).toHaveLength(1);
    expect(h.client.popupCalls).toHaveLength(1);
  });

  it('never loops: after a failed popup, later calls fail at once until the user signs in', async () => {
    const h = harness();
    h.client.answerSso(interactionRequired());
    h.client.answerPopup(new BrowserAuthError('user_cancelled', 'corr-2'));
    const provider = await createMsalTokenProvider(options(h));

    const first = await rejection(provider.getToken());
    expect(first).toBeInstanceOf(TokenUnavailableError);
    expect(first.problem).toMatchObject({ code: 'cancelled', action: 'sign-in' });
    expect(provider.problem?.code).toBe('cancelled');

    for (let i = 0; i < 5; i += 1) {
      expect((await rejection(provider.getToken())).problem.code).toBe('cancelled');
    }
    expect(h.client.ssoCalls).toHaveLength(1);
    expect(h.client.popupCalls).toHaveLength(1);

    h.client.answerPopup(tokenFor(ANNE, 'token-after-click'));
    h.client.answerSilent(tokenFor(ANNE, 'token-next'));
    await provider.signIn();
    expect(provider.problem).toBeNull();
    await expect(provider.getToken()).resolves.toBe('token-next');
  });

  it('explains missing admin consent with what to ask IT', async () => {
    const h = harness();
    h.client.answerSso(interactionRequired('consent_required', 'AADSTS65001: consent'));
    h.client.answerPopup(
      new ServerError(
        'access_denied',
        'corr-3',
        'AADSTS90094: Admin approval required',
        '',
        '90094',
      ),
    );
    const provider = await createMsalTokenProvider(options(h));
    const error = await rejection(provider.getToken());
    expect(error.problem).toMatchObject({ code: 'consent-required', action: 'contact-it' });
    expect(error.message).toContain('beheerderstoestemming');
    expect(error.message).toContain(CLIENT_ID);
    expect(error.problem.technical).toBe('access_denied, AADSTS90094, correlatie-id corr-3');
  });

  it('explains a sign-in already in progress elsewhere', async () => {
    const h = harness();
    h.client.answerSso(interactionRequired());
    h.client.answerPopup(new BrowserAuthError('interaction_in_progress', 'corr'));
    const provider = await createMsalTokenProvider(options(h));
    expect((await rejection(provider.getToken())).problem.code).toBe('interaction-in-progress');
  });

  it('does not latch a problem that no interaction can solve (offline): the next call retries', async () => {
    const h = harness();
    h.client.answerSso(new BrowserAuthError('no_network_connectivity', 'corr'));
    h.client.answerSso(tokenFor(ANNE, 'token-back-online'));
    const provider = await createMsalTokenProvider(options(h));
    const error = await rejection(provider.getToken());
    expect(error.problem).toMatchObject({ code: 'offline', action: 'retry' });
    expect(provider.problem).toBeNull();
    expect(h.client.popupCalls).toEqual([]);
    await expect(provider.getToken()).resolves.toBe('token-back-online');
  });

  it('forces a refresh once after invalidate (Graph answered 401)', async () => {
    const h = harness();
    h.client.accounts = [ANNE];
    h.client.answerSilent(tokenFor(ANNE, 'a'), tokenFor(ANNE, 'b'), tokenFor(ANNE, 'c'));
    const provider = await createMsalTokenProvider(options(h));
    await provider.getToken();
    provider.invalidate();
    await provider.getToken();
    await provider.getToken();
    expect(h.client.silentCalls.map((call) => call.forceRefresh)).toEqual([false, true, false]);
  });
});

describe('standard SPA client (outside Teams)', () => {
  it('does not open a popup on its own: it asks for the sign-in button', async () => {
    const h = harness();
    const provider = await createMsalTokenProvider(options(h, { inTeams: false, loginHint: null }));
    const error = await rejection(provider.getToken());
    expect(error.problem).toMatchObject({ code: 'sign-in-required', action: 'sign-in' });
    expect(error.message).toContain('klik op ‘Aanmelden’');
    expect(h.client.popupCalls).toEqual([]);
    // Latched: asking again opens nothing and tries nothing.
    await rejection(provider.getToken());
    expect(h.client.ssoCalls).toEqual([]);
  });

  it('signIn opens the popup synchronously, so the click is allowed to', async () => {
    const h = harness();
    h.client.answerPopup(tokenFor(BART, 'token-click'));
    h.client.answerSilent(tokenFor(BART, 'token-silent'));
    const provider = await createMsalTokenProvider(options(h, { inTeams: false, loginHint: null }));
    const signingIn = provider.signIn();
    expect(h.client.popupCalls).toEqual([{ scopes: [...GRAPH_SCOPES] }]);
    await signingIn;
    await expect(provider.getToken()).resolves.toBe('token-silent');
    expect(h.client.silentCalls[0]?.account).toBe(BART);
  });

  it('keeps the user’s text when silent sign-in needs interaction, but offers the button', async () => {
    const h = harness();
    h.client.accounts = [BART];
    h.client.answerSilent(interactionRequired('consent_required', 'AADSTS65001: consent'));
    const provider = await createMsalTokenProvider(options(h, { inTeams: false }));
    const error = await rejection(provider.getToken());
    expect(error.problem).toMatchObject({ code: 'consent-required', action: 'sign-in' });
    expect(h.client.popupCalls).toEqual([]);
  });

  it('explains a blocked popup with the site to allow', async () => {
    const h = harness();
    h.client.answerPopup(new BrowserAuthError('popup_window_error', 'corr'));
    const provider = await createMsalTokenProvider(options(h, { inTeams: false, loginHint: null }));
    const error = await rejection(provider.signIn());
    expect(error.problem.code).toBe('popup-blocked');
    expect(error.message).toBe(
      'Je browser hield het aanmeldvenster tegen. Sta pop-ups toe voor functiewijzer.stad.be en klik op ‘Aanmelden’.',
    );
    expect(provider.problem?.code).toBe('popup-blocked');
  });
});
