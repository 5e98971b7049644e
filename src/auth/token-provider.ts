/**
 * Where the tab gets its bearer tokens for Microsoft Graph. Locally: minted by the emulator for
 * a chosen persona (local-personas.ts). In a tenant: MSAL, nested app auth inside Teams
 * (msal-token-provider.ts).
 * The rest of the app sees only this interface, so the two can never be mixed up.
 */
export interface TokenProvider {
  /** A valid access token for the current user. Never log it, never put it in a URL. */
  getToken(): Promise<string>;
  /** Forget the cached token, e.g. after Graph answered 401 with it. */
  invalidate(): void;
}

/** Thrown when no token can be obtained; `message` is Dutch and says what to do. */
export class TokenUnavailableError extends Error {
  override readonly name = 'TokenUnavailableError';
}
