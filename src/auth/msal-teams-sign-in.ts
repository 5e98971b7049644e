import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { app, authentication } from '@microsoft/teams-js';
import { loadRuntimeConfig } from '../teams/runtime-config';
import { GRAPH_SCOPES } from './msal-scopes';
import { TEAMS_SIGN_IN_PATH, msalConfiguration } from './msal-token-provider';

/**
 * The page at TEAMS_SIGN_IN_PATH (`/auth-teams.html`): Teams opens it in its own sign-in window
 * with `authentication.authenticate({ url })` when the Teams client offers no nested app auth
 * (learn.microsoft.com, "Authenticate users in Teams tabs": the page signs in and returns with
 * `authentication.notifySuccess`). It runs MSAL's redirect flow — to Entra ID and back to this
 * same page, a SPA redirect URI of the app registration (docs/deploy.md) — into the same
 * localStorage cache the tab reads, and hands back only the account id: never a token.
 */
export async function runTeamsSignIn(win: Window = window): Promise<void> {
  await app.initialize();
  try {
    const config = await loadRuntimeConfig();
    if (config.mode !== 'tenant') throw new Error('not_tenant_mode');
    const origin = win.location.origin;
    const configuration = msalConfiguration({
      clientId: config.clientId,
      tenantId: config.tenantId,
      origin,
      inTeams: false,
    });
    configuration.auth.redirectUri = `${origin}${TEAMS_SIGN_IN_PATH}`;
    const client = await createStandardPublicClientApplication(configuration);
    const result = await client.handleRedirectPromise();
    if (result?.account) {
      authentication.notifySuccess(result.account.homeAccountId);
      return;
    }
    // First visit: off to Entra ID; it returns here, to the branch above.
    await client.loginRedirect({ scopes: [...GRAPH_SCOPES] });
  } catch (error) {
    // The reason's code only (what IT can look up), never a message that could carry a token.
    const code =
      error && typeof error === 'object' && 'errorCode' in error
        ? String((error as { errorCode: unknown }).errorCode)
        : error instanceof Error
          ? error.message.slice(0, 80)
          : 'unknown';
    authentication.notifyFailure(code);
  }
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  runTeamsSignIn().catch(() => {
    // Opened outside Teams' sign-in window: say so instead of leaving a blank page.
    document.body.textContent =
      'Deze pagina wordt alleen gebruikt tijdens het aanmelden bij Functiewijzer in Teams. Je mag ze sluiten.';
  });
}
