/** @jest-environment jsdom */
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: () => false },
}));

import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { InteractionRequiredAuthError } from '@azure/msal-browser';
import { createMsalTokenProvider } from '../../../src/auth/msal-token-provider';
import type { TokenProvider } from '../../../src/auth/token-provider';
import type { TabHost, TabRepositories } from '../../../src/tab/shared/host-context';
import { bootHost, type BootDependencies } from '../../../src/tab/host/boot';
import { HostRoot } from '../../../src/tab/host/HostRoot';
import { account, FakeMsalClient, tokenFor } from '../../auth/msal-fakes';
import { TENANT_RUNTIME_CONFIG } from '../../support/tenant-config';

/**
 * Tenant mode after start-up: when the sign-in lapses while the tab is open, the data layer's
 * next token request fails, and the user sees why with the Aanmelden button — not a network
 * error. The click opens the popup; afterwards the tab is mounted afresh so its views read again.
 */

const ANNE = account('anne.peeters@stad.be');
const CONFIG = TENANT_RUNTIME_CONFIG;

window.matchMedia = (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;

// A Dutch browser, as the city's: the banner speaks the tab's language (jsdom's is English).
Object.defineProperty(window.navigator, 'language', { value: 'nl-BE', configurable: true });

let mounts = 0;
function FakeApp({ host }: { host: TabHost }) {
  useEffect(() => {
    mounts += 1;
  }, []);
  return <p>Tabblad voor {host.user.displayName}</p>;
}

it('shows a lapsed sign-in with the Aanmelden button; the click signs in and reloads the tab', async () => {
  const client = new FakeMsalClient();
  client.accounts = [ANNE];
  client.answerSilent(tokenFor(ANNE, 'token-1'));
  const dataTokens: TokenProvider[] = [];
  const deps: BootDependencies = {
    window,
    fetch: async () => ({ ok: true, status: 200, json: async () => CONFIG }) as Response,
    connect: async () => null,
    createRepositories: ({ tokenProvider }) => {
      dataTokens.push(tokenProvider);
      return {} as TabRepositories;
    },
    readSignedInUser: async () => ({
      person: {
        id: 'u',
        displayName: 'Anne Peeters',
        userPrincipalName: ANNE.username,
        mail: null,
      },
      memberOf: new Set<string>(),
    }),
    tenant: {
      createTokenProvider: (options) =>
        createMsalTokenProvider({
          ...options,
          dependencies: { createStandardClient: () => Promise.resolve(client) },
        }),
    },
  };
  const booted = await bootHost(deps);
  render(<HostRoot booted={booted} window={window} App={FakeApp} />);
  expect(screen.getByText('Tabblad voor Anne Peeters')).toBeVisible();
  expect(screen.queryByRole('button', { name: 'Aanmelden' })).toBeNull();
  expect(mounts).toBe(1);

  // Hours later the data layer asks for a token and silent renewal is no longer possible.
  client.answerSilent(new InteractionRequiredAuthError('login_required', 'corr', ''));
  await act(async () => {
    await expect(dataTokens[0]!.getToken()).rejects.toThrow(/Meld je aan/);
  });
  expect(screen.getByRole('alert')).toHaveTextContent(/Meld je aan met je account van de stad/);
  expect(client.popupCalls).toEqual([]);

  client.answerPopup(tokenFor(ANNE, 'token-2'));
  fireEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
  expect(client.popupCalls).toHaveLength(1);
  // The banner clears as soon as the token is there, the remount follows a tick later; a busy CI
  // machine can take a while for both.
  await waitFor(
    () => {
      expect(screen.queryByRole('alert')).toBeNull();
      expect(mounts).toBe(2);
    },
    { timeout: 5000 },
  );

  client.answerSilent(tokenFor(ANNE, 'token-3'));
  await expect(dataTokens[0]!.getToken()).resolves.toBe('token-3');
});
