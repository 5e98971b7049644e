import type {
  AccountInfo,
  AuthenticationResult,
  PopupRequest,
  SilentRequest,
  SsoSilentRequest,
} from '@azure/msal-browser';
import type { MsalClient } from '../../src/auth/msal-token-provider';

/**
 * A stand-in for msal-browser's client at its public API (the methods of
 * IPublicClientApplication the provider calls). Each call is recorded; what it answers is
 * queued per test, and an unexpected call fails loudly.
 */

export function account(username: string): AccountInfo {
  return {
    homeAccountId: `${username}.home`,
    environment: 'login.microsoftonline.com',
    tenantId: 'tenant',
    username,
    localAccountId: `${username}.local`,
  };
}

export function tokenFor(user: AccountInfo, accessToken: string): AuthenticationResult {
  return {
    authority: 'https://login.microsoftonline.com/tenant',
    uniqueId: user.localAccountId,
    tenantId: user.tenantId,
    scopes: ['User.Read'],
    account: user,
    idToken: 'id-token',
    idTokenClaims: {},
    accessToken,
    fromCache: false,
    expiresOn: null,
    tokenType: 'Bearer',
    correlationId: 'corr',
  };
}

type Answer = AuthenticationResult | Error | Promise<AuthenticationResult>;

export class FakeMsalClient implements MsalClient {
  accounts: AccountInfo[] = [];
  active: AccountInfo | null = null;
  readonly silentCalls: SilentRequest[] = [];
  readonly ssoCalls: SsoSilentRequest[] = [];
  readonly popupCalls: PopupRequest[] = [];
  private readonly silentAnswers: Answer[] = [];
  private readonly ssoAnswers: Answer[] = [];
  private readonly popupAnswers: Answer[] = [];

  answerSilent(...answers: Answer[]): this {
    this.silentAnswers.push(...answers);
    return this;
  }
  answerSso(...answers: Answer[]): this {
    this.ssoAnswers.push(...answers);
    return this;
  }
  answerPopup(...answers: Answer[]): this {
    this.popupAnswers.push(...answers);
    return this;
  }

  private next(queue: Answer[], what: string): Promise<AuthenticationResult> {
    const answer = queue.shift();
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${what} call`));
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve(answer);
  }

  acquireTokenSilent(request: SilentRequest): Promise<AuthenticationResult> {
    this.silentCalls.push(request);
    return this.next(this.silentAnswers, 'acquireTokenSilent');
  }
  ssoSilent(request: SsoSilentRequest): Promise<AuthenticationResult> {
    this.ssoCalls.push(request);
    return this.next(this.ssoAnswers, 'ssoSilent');
  }
  acquireTokenPopup(request: PopupRequest): Promise<AuthenticationResult> {
    this.popupCalls.push(request);
    return this.next(this.popupAnswers, 'acquireTokenPopup');
  }
  getActiveAccount(): AccountInfo | null {
    return this.active;
  }
  setActiveAccount(value: AccountInfo | null): void {
    this.active = value;
  }
  getAccount(filter: Parameters<MsalClient['getAccount']>[0]): AccountInfo | null {
    if (filter.homeAccountId) {
      return this.accounts.find((a) => a.homeAccountId === filter.homeAccountId) ?? null;
    }
    const hint = filter.loginHint?.toLowerCase();
    return this.accounts.find((a) => a.username.toLowerCase() === hint) ?? null;
  }
  getAllAccounts(): AccountInfo[] {
    return [...this.accounts];
  }
}
