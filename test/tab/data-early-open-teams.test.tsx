/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/tab/app/App';
import type { BootedHost } from '../../src/tab/host/boot';
import {
  earlyHost,
  lastUser,
  NO_PERMISSIONS,
  rememberLastUser,
  type ShownHost,
} from '../../src/tab/host/boot-early';
import { HostRoot } from '../../src/tab/host/HostRoot';
import type { TabHost, TabRepositories, TabUser } from '../../src/tab/shared/host-context';
import type { TeamsContext } from '../../src/teams/context';
import type { TeamsSession } from '../../src/teams/teams-client';
import { fakeRepositories, memoryStorage, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/**
 * Issue 15, the warm open inside Teams: once teams-js has given the context, the stored catalogue
 * of the last identified user is shown before boot has a token or `/me` — only when the context's
 * user is that user (Entra ids when both sides know them, else the UPN or login hint), only for
 * the catalogue, with the context's theme and locale and no permissions.
 */

window.matchMedia = (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;
// HostRoot marks the first screen (src/tab/host/marks.ts); jsdom has no User Timing.
if (typeof window.performance.mark !== 'function') {
  window.performance.mark = () => ({}) as PerformanceMark;
}

const SOFIE: TabUser = {
  upn: 'sofie.maes@stadtienen.onmicrosoft.com',
  displayName: 'Sofie Maes',
  role: 'staff',
};
const SOFIE_IDS = { objectId: '0b9c1d2e-aaaa-4bbb-8ccc-000000000001', tenantId: 'tenant-stad' };

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function teamsSession(
  user: Partial<TeamsContext['user']> = {},
  context: Partial<TeamsContext> = {},
): { session: TeamsSession; successes: () => number } {
  let successes = 0;
  const session: TeamsSession = {
    context: {
      appId: null,
      clientType: 'web',
      theme: 'dark',
      locale: 'en-GB',
      frameContext: 'content',
      subPageId: null,
      deepLink: null,
      pageId: 'functiewijzer',
      user: {
        userPrincipalName: SOFIE.upn,
        loginHint: SOFIE.upn,
        displayName: SOFIE.displayName,
        ...user,
      },
      team: null,
      channel: null,
      ...context,
    },
    onThemeChange: () => () => undefined,
    notifySuccess: () => {
      successes += 1;
    },
    notifyFailure: () => undefined,
    settings: null,
  };
  return { session, successes: () => successes };
}

function inTeams(session: TeamsSession): ShownHost | null {
  return earlyHost(window, never(), { by: 'teams', session });
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('the early open inside Teams', () => {
  it('shows the stored catalogue of the context’s user before boot resolves, in Teams’ theme', async () => {
    // A first open stored Sofie's catalogue, and boot remembered her.
    const storage = memoryStorage();
    const first = renderApp({ cacheStorage: storage, repositories: fakeRepositories() });
    await waitFor(() =>
      expect(storage.data.has(`functiewijzer:cache:${SOFIE.upn}:tasks`)).toBe(true),
    );
    first.unmount();
    rememberLastUser(window, SOFIE, SOFIE_IDS);

    const { session, successes } = teamsSession(SOFIE_IDS);
    const early = inTeams(session) as ShownHost;
    expect(early.initial.permissions).toEqual(NO_PERMISSIONS);
    const StoredApp = ({ host }: { host: TabHost }) => (
      <App host={{ ...host, cacheStorage: storage }} />
    );
    const { container } = render(<HostRoot booted={early} window={window} App={StoredApp} />);

    // Boot never answers here: the rows come from the store alone.
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    expect(container.querySelector('[data-theme="dark"]')).not.toBeNull();
    expect(container.querySelector('[lang^="en"]')).not.toBeNull();
    // Its first render lifts Teams' loading indicator: the early view is what the user sees.
    await waitFor(() => expect(successes()).toBe(1));
  });

  it('is for the context’s user by the Entra ids when both are known, whatever the UPN', () => {
    rememberLastUser(window, SOFIE, SOFIE_IDS);
    const renamed = teamsSession({ ...SOFIE_IDS, userPrincipalName: 'sofie@stad.be' });
    expect(inTeams(renamed.session)?.initial.user.upn).toBe(SOFIE.upn);
    // The same UPN given to another person (another object id): nothing early.
    const other = teamsSession({ objectId: 'another-object-id', tenantId: SOFIE_IDS.tenantId });
    expect(inTeams(other.session)).toBeNull();
    const otherTenant = teamsSession({ objectId: SOFIE_IDS.objectId, tenantId: 'another-tenant' });
    expect(inTeams(otherTenant.session)).toBeNull();
  });

  it('is nobody when the context names another user', () => {
    rememberLastUser(window, SOFIE);
    const bert = teamsSession({ userPrincipalName: 'bert@stad.be', loginHint: 'bert@stad.be' });
    expect(inTeams(bert.session)).toBeNull();
  });

  it('matches the UPN or the login hint, case-insensitive, without ids', () => {
    rememberLastUser(window, SOFIE);
    const byUpn = teamsSession({ userPrincipalName: SOFIE.upn.toUpperCase(), loginHint: null });
    expect(inTeams(byUpn.session)?.initial.user).toEqual(SOFIE);
    const byHint = teamsSession({ userPrincipalName: null, loginHint: SOFIE.upn });
    expect(inTeams(byHint.session)?.initial.user).toEqual(SOFIE);
  });

  it('still reads the last user stored in the form before the Entra ids', () => {
    localStorage.setItem(
      'functiewijzer.last-user',
      JSON.stringify({ upn: SOFIE.upn, displayName: SOFIE.displayName, role: 'staff' }),
    );
    // The context has ids, the record has none: matched by the UPN.
    const { session } = teamsSession(SOFIE_IDS);
    expect(inTeams(session)?.initial.user).toEqual(SOFIE);
  });

  it('waits for boot on the configuration page and on a deep link', () => {
    rememberLastUser(window, SOFIE);
    const deepLink = teamsSession({}, { subPageId: 'role/deskundige-ict' });
    expect(inTeams(deepLink.session)).toBeNull();
    const settings = teamsSession({}, { frameContext: 'settings' });
    expect(inTeams(settings.session)).toBeNull();
    window.history.replaceState(null, '', '/?subPageId=role/deskundige-ict');
    expect(inTeams(teamsSession().session)).toBeNull();
  });

  it('is not offered at the start inside a possible Teams host: the context decides', () => {
    rememberLastUser(window, SOFIE);
    sessionStorage.setItem('functiewijzer.persona', SOFIE.upn);
    const parent = jest.spyOn(window, 'parent', 'get').mockReturnValue({} as Window);
    try {
      expect(earlyHost(window, never())).toBeNull();
    } finally {
      parent.mockRestore();
    }
  });
});

describe('who boot identified is remembered with the Entra ids', () => {
  function bootedAs(user: TabUser, entra: BootedHost['entra']): BootedHost {
    return {
      config: {} as BootedHost['config'],
      session: null,
      personas: [],
      tokenProvider: null,
      signIn: null,
      whoAmI: null,
      repositories: {} as TabRepositories,
      entra,
      initial: {
        theme: 'default',
        locale: 'nl-BE',
        subPageId: null,
        user,
        permissions: NO_PERMISSIONS,
      },
    };
  }
  const Nothing = () => null;

  it('stores the ids beside the user, and the next Teams open recognises them', () => {
    render(<HostRoot booted={bootedAs(SOFIE, SOFIE_IDS)} window={window} App={Nothing} />);
    expect(JSON.parse(localStorage.getItem('functiewijzer.last-user') ?? 'null')).toEqual({
      ...SOFIE,
      ...SOFIE_IDS,
    });
    expect(lastUser(window)).toEqual(SOFIE);
    const other = teamsSession({ objectId: 'someone-else', tenantId: SOFIE_IDS.tenantId });
    expect(inTeams(other.session)).toBeNull();
  });
});
