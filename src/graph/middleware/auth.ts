import type { Context } from '@microsoft/microsoft-graph-client';
import { Link, requestUrl, setHeader } from './chain';

export interface AuthHandlerOptions {
  /** The normalised service root; the token goes to URLs under it and to nothing else. */
  baseUrl: string;
  /** Asked on every attempt, so a retry after a long wait carries a fresh token. */
  getToken: () => Promise<string>;
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
      setHeader(context, 'Authorization', `Bearer ${await this.options.getToken()}`);
    }
    await this.forward(context);
  }
}
