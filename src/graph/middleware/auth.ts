import { type Context, GraphClientError } from '@microsoft/microsoft-graph-client';
import { Link, requestUrl, setHeader } from './chain';

export interface AuthHandlerOptions {
  /** The normalised service root; the token goes to URLs under it and to nothing else. */
  baseUrl: string;
  /** Asked on every attempt, so a retry after a long wait carries a fresh token. */
  getToken: () => Promise<string>;
}

/**
 * The token source failed (sign-in needed, consent missing, the session expired): nothing was
 * sent. A GraphClientError so the SDK hands it on as it is instead of folding it into a
 * GraphError; the RetryHandler never repeats it (waiting does not sign anybody in) and the client
 * rethrows `cause`, the token source's own error, so the caller sees it typed as it is.
 */
export class TokenSourceError extends GraphClientError {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    // The SDK's ES5 base class resets the prototype to its own; keep `instanceof` for ours.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'TokenSourceError';
  }
}

/**
 * Attaches the bearer token to requests for the configured base URL, and to nothing else. The
 * SDK's own AuthenticationHandler trusts only `https://` Graph hosts and would send no token to
 * the `http://` emulator.
 */
export class AuthHandler extends Link {
  constructor(private readonly options: AuthHandlerOptions) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    const { baseUrl } = this.options;
    if (url === baseUrl || url.startsWith(`${baseUrl}/`) || url.startsWith(`${baseUrl}?`)) {
      let token: string;
      try {
        token = await this.options.getToken();
      } catch (err) {
        throw new TokenSourceError(err);
      }
      setHeader(context, 'Authorization', `Bearer ${token}`);
    }
    await this.forward(context);
  }
}
