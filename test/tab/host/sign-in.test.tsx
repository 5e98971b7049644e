/** @jest-environment jsdom */
jest.mock('@microsoft/teams-js', () => ({
  nestedAppAuth: { isNAAChannelRecommended: () => false },
}));

import '@testing-library/jest-dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { BrowserAuthError, ServerError } from '@azure/msal-browser';
import { createMsalTokenProvider } from '../../../src/auth/msal-token-provider';
import type { TabRepositories } from '../../../src/tab/shared/host-context';
import { bootHost, type BootDependencies, type BootedHost } from '../../../src/tab/host/boot';
import { BootFailure } from '../../../src/tab/host/BootFailure';
import { account, FakeMsalClient, tokenFor } from '../../auth/msal-fakes';
import { TENANT_RUNTIME_CONFIG } from '../../support/tenant-config';

/**
 * What a member of staff sees when tenant mode needs them: the reason in Dutch, one
 * "Aanmelden" button whose click opens the sign-in popup (in the click itself, or the browser
 * blocks it), and after a failure the new reason with the button again — never a popup by itself.
 * Plain browser (the standard MSAL client); MSAL's client is the recorded fake.
 */

const ANNE = account('anne.peeters@stad.be');
const CONFIG = TENANT_RUNTIME_CONFIG;

function setup() {
  const client = new FakeMsalClient();
  const tokensSeen: string[] = [];
  const deps: BootDependencies = {
    window,
    // jsdom has no fetch Response; the config loader reads only ok, status and json().
    fetch: async () => ({ ok: true, status: 200, json: async () => CONFIG }) as Response,
    connect: async () => null,
    createRepositories: () => ({}) as TabRepositories,
    readSignedInUser: async ({ tokenProvider }) => {
      tokensSeen.push(await tokenProvider.getToken());
      return {
        person: {
          id: 'u-anne',
          displayName: 'Anne Peeters',
          userPrincipalName: ANNE.username,
          mail: null,
        },
        memberOf: new Set<string>(),
      };
    },
    tenant: {
      createTokenProvider: (options) =>
        createMsalTokenProvider({
          ...options,
          dependencies: { createStandardClient: () => Promise.resolve(client) },
        }),
    },
  };
  return { client, deps, tokensSeen };
}

async function failure(deps: BootDependencies): Promise<unknown> {
  return bootHost(deps).then(
    () => {
      throw new Error('expected the tab to need the user');
    },
    (error: unknown) => error,
  );
}

describe('the sign-in state of the tab', () => {
  it('explains, and opens the popup only from the Aanmelden click; then the tab boots', async () => {
    const { client, deps, tokensSeen } = setup();
    const error = await failure(deps);
    const booted: BootedHost[] = [];
    render(
      <BootFailure error={error} onBooted={(b) => booted.push(b)} onRetry={() => undefined} />,
    );

    expect(screen.getByRole('heading', { name: 'Aanmelden bij Functiewijzer' })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(/Meld je aan met je account van de stad/);
    expect(client.popupCalls).toEqual([]);

    client.answerPopup(tokenFor(ANNE, 'token-anne'));
    client.answerSilent(tokenFor(ANNE, 'token-anne'), tokenFor(ANNE, 'token-anne'));
    fireEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    // Synchronously inside the click: the browser allows only such a popup.
    expect(client.popupCalls).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Bezig met aanmelden…' })).toBeDisabled();

    await waitFor(() => expect(booted).toHaveLength(1), { timeout: 5000 });
    expect(booted[0]?.initial.user).toEqual({
      upn: ANNE.username,
      displayName: 'Anne Peeters',
      role: 'staff',
    });
    expect(tokensSeen).toEqual(['token-anne']);
    expect(client.popupCalls).toHaveLength(1);
  });

  it('after a blocked popup shows why and waits for the next click, without opening anything', async () => {
    const { client, deps } = setup();
    render(<BootFailure error={await failure(deps)} onBooted={() => undefined} />);

    client.answerPopup(new BrowserAuthError('popup_window_error', 'corr'));
    fireEvent.click(screen.getByRole('button', { name: 'Aanmelden' }));
    expect(
      await screen.findByText(/Je browser hield het aanmeldvenster tegen\. Sta pop-ups toe/),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Aanmelden' })).toBeEnabled();
    // Give any loop a chance to show itself: nothing else may be opened or asked.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.popupCalls).toHaveLength(1);
    expect(client.silentCalls).toHaveLength(0);
  });

  it('when IT must act, names what to ask and offers to start again instead of signing in', async () => {
    const { client, deps } = setup();
    client.accounts = [ANNE];
    client.answerSilent(
      new ServerError('invalid_grant', 'corr-9', 'AADSTS65001: no consent', '', '65001'),
    );
    const retried: number[] = [];
    render(<BootFailure error={await failure(deps)} onRetry={() => retried.push(1)} />);

    expect(screen.getByRole('alert')).toHaveTextContent(/nog geen toestemming/);
    expect(screen.getByText(/Vraag IT om .* beheerderstoestemming/)).toBeVisible();
    expect(
      screen.getByText(/Technische gegevens voor IT: invalid_grant, AADSTS65001/),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Aanmelden' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    expect(retried).toEqual([1]);
    expect(client.popupCalls).toEqual([]);
  });

  it('shows any other start-up failure plainly', () => {
    render(<BootFailure error={new Error('De configuratie is ongeldig: groups.')} />);
    expect(screen.getByRole('heading', { name: 'Functiewijzer kan niet starten' })).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('De configuratie is ongeldig: groups.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
