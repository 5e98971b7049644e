/** @jest-environment jsdom */
// The real msal-browser (no fake client) in a page that is not inside Teams: no
// `window.nestedAppAuthBridge`. teams-js is the only thing stood in for.
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: () => true },
}));

import { webcrypto } from 'node:crypto';
import {
  createMsalTokenProvider,
  defaultMsalDependencies,
} from '../../src/auth/msal-token-provider';

describe('with the real msal-browser', () => {
  const originalFetch = globalThis.fetch;
  let fetchSpy: jest.Mock;
  beforeEach(() => {
    // jsdom has no WebCrypto; msal-browser refuses to start without it, as a browser would.
    Object.defineProperty(window, 'crypto', { value: webcrypto, configurable: true });
    fetchSpy = jest.fn(() => Promise.reject(new Error('no network in tests')));
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it('asking for nested app auth without a Teams bridge still yields a working client', async () => {
    const client = await defaultMsalDependencies.createNestableClient({
      auth: {
        clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
        authority: 'https://login.microsoftonline.com/stad.onmicrosoft.com',
      },
    });
    // createNestablePublicClientApplication fell back to the standard controller.
    expect((client as unknown as { controller: object }).controller.constructor.name).toBe(
      'StandardController',
    );
    expect(client.getAllAccounts()).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('outside Teams, with nothing cached, asks for the sign-in button without any network call', async () => {
    const provider = await createMsalTokenProvider({
      clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
      tenantId: 'stad.onmicrosoft.com',
      origin: window.location.origin,
      inTeams: false,
      loginHint: null,
    });
    expect(provider.mode).toBe('standard');
    await expect(provider.getToken()).rejects.toMatchObject({
      problem: { code: 'sign-in-required', action: 'sign-in' },
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
