import {
  CacheLookupPolicy,
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { authentication, nestedAppAuth } from '@microsoft/teams-js';
import {
  explainSignInError,
  MSAL_REDIRECT_PATH,
  needsInteraction,
  SignInError,
  describeSignInProblem,
  type SignInContext,
  type SignInMode,
  type SignInProblem,
} from './msal-errors';
import { GRAPH_SCOPES } from './msal-scopes';
import type { TokenProvider } from './token-provider';

/**
 * Tenant mode's tokens (DESIGN §6). Inside Teams: MSAL nested app authentication, where Teams
 * brokers the sign-in and the user normally sees nothing at all. Outside Teams (or in a Teams
 * client that does not offer NAA): the standard single-page-app client.
 *
 * Always silent first. When only the user can continue:
 *  - nested: one popup, brokered by Teams, opened automatically;
 *  - standard: no automatic popup (a browser blocks a popup that no click opened); the tab
 *    shows the problem with a sign-in button that calls `signIn()` from the click.
 * A failed interactive attempt is latched: every later `getToken()` fails at once with the same
 * explanation, without opening anything, until the user presses the button. Staff never see a
 * login loop, and never a popup they did not ask for twice.
 */

/** The part of MSAL's client this provider uses; MSAL's own `IPublicClientApplication` fits. */
export type MsalClient = Pick<
  IPublicClientApplication,
  | 'acquireTokenSilent'
  | 'acquireTokenPopup'
  | 'ssoSilent'
  | 'getActiveAccount'
  | 'setActiveAccount'
  | 'getAccount'
  | 'getAllAccounts'
>;

/**
 * The page Teams opens for sign-in where nested app auth is not offered: it signs in with MSAL's
 * redirect flow and returns through `authentication.notifySuccess` (src/auth/msal-teams-sign-in.ts).
 */
export const TEAMS_SIGN_IN_PATH = '/auth-teams.html';

/** The edges this provider stands on: MSAL's factories and teams-js' NAA recommendation. */
export interface MsalDependencies {
  createNestableClient(configuration: Configuration): Promise<MsalClient>;
  createStandardClient(configuration: Configuration): Promise<MsalClient>;
  /** teams-js: does this Teams host recommend nested app auth? Only valid after app.initialize. */
  isNaaRecommended(): boolean;
  /**
   * teams-js `authentication.authenticate({ url })`: Teams' own sign-in window (a popup from
   * the tab's iframe is blocked or sent to the system browser). Resolves with what the page
   * passed to `notifySuccess` — the signed-in account's id, never a token.
   */
  authenticateInTeams(url: string): Promise<string>;
}

export const defaultMsalDependencies: MsalDependencies = {
  createNestableClient: (configuration) => createNestablePublicClientApplication(configuration),
  createStandardClient: (configuration) => createStandardPublicClientApplication(configuration),
  isNaaRecommended: () => {
    try {
      return nestedAppAuth.isNAAChannelRecommended();
    } catch {
      // teams-js throws when app.initialize has not completed: then there is no Teams host.
      return false;
    }
  },
  authenticateInTeams: (url) => authentication.authenticate({ url, width: 600, height: 535 }),
};

export interface MsalTokenProviderOptions {
  clientId: string;
  /** Tenant id or primary domain; sign-in is limited to this one organisation. */
  tenantId: string;
  /** The tab's origin; the standard client's popup returns to MSAL_REDIRECT_PATH there. */
  origin: string;
  /** True once the tab is connected to a Teams host (teams-js initialised). */
  inTeams: boolean;
  /** Teams' `user.loginHint`: picks the right account and skips the account picker. */
  loginHint?: string | null;
  scopes?: readonly string[];
  dependencies?: Partial<MsalDependencies>;
}

/** Who MSAL holds as signed in, by the ids Graph and Teams use too (src/tab/host/boot-early.ts). */
export interface SignedInAccount {
  /**
   * The user's object id in the tenant this tab signs in to (`localAccountId`, the `oid` claim):
   * what Graph's `/me` answers as `id` and Teams as `user.id`. For the city's own staff it is the
   * home account's object id.
   */
  objectId: string;
  tenantId: string;
  /** `preferred_username`: the UPN, for the city's staff. */
  username: string;
}

export interface MsalTokenProvider extends TokenProvider {
  readonly mode: SignInMode;
  /** The problem that stops automatic sign-in, until `signIn()` succeeds; null when none. */
  readonly problem: SignInProblem | null;
  /** The account silent sign-in uses (active, hinted or the only one); from the cache alone. */
  readonly account: SignedInAccount | null;
  /**
   * That account, when MSAL's cache alone (no refresh, no network) holds a valid access token
   * for it: the user the next `getToken()` continues as without anyone signing in. Null when
   * there is no account, or its token would need a refresh or a sign-in.
   */
  cachedSignIn(): Promise<SignedInAccount | null>;
  /**
   * Interactive sign-in; call it straight from a click (no await before it), so the browser
   * allows the popup. Resolves once signed in; rejects with a `SignInError`.
   */
  signIn(): Promise<void>;
}

export function msalConfiguration(options: MsalTokenProviderOptions): Configuration {
  return {
    auth: {
      clientId: options.clientId,
      authority: `https://login.microsoftonline.com/${options.tenantId}`,
      redirectUri: `${new URL(options.origin).origin}${MSAL_REDIRECT_PATH}`,
    },
    // Survives a reload outside Teams, so a returning user is signed in silently.
    cache: { cacheLocation: 'localStorage' },
  };
}

export async function createMsalTokenProvider(
  options: MsalTokenProviderOptions,
): Promise<MsalTokenProvider> {
  const deps = { ...defaultMsalDependencies, ...options.dependencies };
  const mode: SignInMode = options.inTeams && deps.isNaaRecommended() ? 'nested' : 'standard';
  // In Teams without NAA: sign-in UI only in Teams' own window, never acquireTokenPopup.
  const teamsWindow = options.inTeams && mode === 'standard';
  const context: SignInContext = { clientId: options.clientId, origin: options.origin, mode };
  const scopes = [...(options.scopes ?? GRAPH_SCOPES)];
  const loginHint = options.loginHint ?? undefined;

  let client: MsalClient;
  try {
    const configuration = msalConfiguration(options);
    client =
      mode === 'nested'
        ? await deps.createNestableClient(configuration)
        : await deps.createStandardClient(configuration);
  } catch (error) {
    throw new SignInError(explainSignInError(error, context));
  }

  let problem: SignInProblem | null = null;
  let pending: Promise<string> | null = null;
  let popup: Promise<AuthenticationResult> | null = null;
  let forceRefresh = false;

  function currentAccount(): AccountInfo | null {
    const active = client.getActiveAccount();
    if (active) return active;
    if (loginHint) {
      const hinted = client.getAccount({ loginHint });
      if (hinted) return hinted;
    }
    const all = client.getAllAccounts();
    return all.length === 1 ? (all[0] ?? null) : null;
  }

  function named(account: AccountInfo | null): SignedInAccount | null {
    if (!account?.localAccountId || !account.tenantId) return null;
    return {
      objectId: account.localAccountId,
      tenantId: account.tenantId,
      username: account.username,
    };
  }

  function accept(result: AuthenticationResult): string {
    if (!result.accessToken) {
      throw new SignInError(describeSignInProblem('unknown', context, 'empty_access_token'));
    }
    client.setActiveAccount(result.account);
    problem = null;
    return result.accessToken;
  }

  function latch(error: unknown): SignInError {
    problem = explainSignInError(error, context);
    return new SignInError(problem);
  }

  /**
   * Teams' sign-in window: the page signs in (MSAL redirect flow, the same localStorage cache as
   * the tab) and hands back the account id; the token then comes silently from that cache.
   */
  async function signInThroughTeams(): Promise<AuthenticationResult> {
    const url = new URL(TEAMS_SIGN_IN_PATH, new URL(options.origin).origin).toString();
    const homeAccountId = await deps.authenticateInTeams(url);
    const account =
      (homeAccountId ? client.getAccount({ homeAccountId }) : null) ?? currentAccount();
    if (account) return client.acquireTokenSilent({ scopes, account });
    if (loginHint) return client.ssoSilent({ scopes, loginHint });
    throw new SignInError(describeSignInProblem('sign-in-required', context, 'no_account'));
  }

  /** One popup at a time: a second call joins the first instead of failing on it. */
  function openPopup(): Promise<AuthenticationResult> {
    if (!popup) {
      popup = (
        teamsWindow
          ? signInThroughTeams()
          : client.acquireTokenPopup({ scopes, ...(loginHint ? { loginHint } : {}) })
      ).finally(() => {
        popup = null;
      });
    }
    return popup;
  }

  async function silent(): Promise<AuthenticationResult | null> {
    const account = currentAccount();
    if (account) {
      const refresh = forceRefresh;
      forceRefresh = false;
      return client.acquireTokenSilent({ scopes, account, forceRefresh: refresh });
    }
    // No cached account yet: Teams' login hint lets Entra ID sign in without a prompt.
    if (loginHint) return client.ssoSilent({ scopes, loginHint });
    return null;
  }

  async function acquire(): Promise<string> {
    let interactionReason: unknown = null;
    let result: AuthenticationResult | null = null;
    try {
      result = await silent();
    } catch (error) {
      if (!needsInteraction(error)) throw new SignInError(explainSignInError(error, context));
      interactionReason = error;
    }
    if (result) return accept(result);
    if (mode === 'standard') {
      // Nothing interactive has been tried yet, so whatever the reason, the next step is the
      // user's click on the sign-in button.
      problem =
        interactionReason === null
          ? describeSignInProblem('sign-in-required', context, 'no_account')
          : { ...explainSignInError(interactionReason, context), action: 'sign-in' };
      throw new SignInError(problem);
    }
    let popupResult: AuthenticationResult;
    try {
      popupResult = await openPopup();
    } catch (error) {
      throw latch(error);
    }
    return accept(popupResult);
  }

  return {
    mode,
    get problem() {
      return problem;
    },
    get account() {
      return named(currentAccount());
    },
    async cachedSignIn() {
      const account = currentAccount();
      if (!account || problem) return null;
      try {
        const result = await client.acquireTokenSilent({
          scopes,
          account,
          cacheLookupPolicy: CacheLookupPolicy.AccessToken,
        });
        return result.accessToken ? named(result.account ?? account) : null;
      } catch {
        // No valid token in the cache (expired, other scopes): boot decides, with the network.
        return null;
      }
    },
    getToken() {
      if (problem) return Promise.reject(new SignInError(problem));
      if (!pending) {
        pending = acquire().finally(() => {
          pending = null;
        });
      }
      return pending;
    },
    invalidate() {
      forceRefresh = true;
    },
    signIn() {
      // Synchronously up to acquireTokenPopup: the browser only allows a popup from the click.
      const attempt = openPopup();
      return attempt.then(
        (result) => {
          accept(result);
        },
        (error: unknown) => {
          throw error instanceof SignInError ? error : latch(error);
        },
      );
    },
  };
}
