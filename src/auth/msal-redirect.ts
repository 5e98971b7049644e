import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

/**
 * The page at MSAL_REDIRECT_PATH (`/auth-redirect.html`) for the standard, non-Teams sign-in.
 * msal-browser 5 no longer reads the popup's address from the opener: the page Entra ID
 * redirects to must hand the response back itself, over a BroadcastChannel, and then closes.
 * It must load nothing else (no React, no tab): it only runs this.
 *
 * Needs a webpack entry that emits `auth-redirect.html` into dist/tab (see docs/deploy.md).
 */
export function completeSignInRedirect(): Promise<void> {
  return broadcastResponseToMainFrame();
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  completeSignInRedirect().catch(() => {
    // Opened by hand, without a sign-in response: say so instead of leaving a blank page.
    document.body.textContent =
      'Deze pagina wordt alleen gebruikt tijdens het aanmelden bij Functiewijzer. Je mag ze sluiten.';
  });
}
