/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import type { BootedHost } from '../../src/tab/host/boot';
import {
  earlyHost,
  lastUser,
  NO_PERMISSIONS,
  rememberLastUser,
  repositoriesOnceBooted,
  type ShownHost,
} from '../../src/tab/host/boot-early';
import { HostRoot } from '../../src/tab/host/HostRoot';
import type { TabHost, TabRepositories, TabUser } from '../../src/tab/shared/host-context';

/**
 * Issue 15, the warm open: the stored catalogue is shown before boot has identified the user —
 * but only the last identified user's, only when nothing known before boot contradicts it, with
 * no permissions, and every read waits for boot. When boot has identified the user, the same
 * user keeps what is on screen; another user gets a fresh tab.
 */

window.matchMedia = (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;

const ANNE: TabUser = { upn: 'anne@stad.be', displayName: 'Anne Peeters', role: 'staff' };
const BERT: TabUser = { upn: 'bert@stad.be', displayName: 'Bert Claes', role: 'hr' };
const HR_PERMISSIONS = { canEdit: true, canSubmit: true, canApprove: false };

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function fakeRepositories(name: string): TabRepositories {
  return {
    listCatalogue: async () => [],
    getRole: async (key) => {
      throw new Error(`${name}: ${key}`);
    },
    listCompetencies: async () => [],
    catalogue: {
      firstScreen: never,
      verify: never,
      revalidate: never,
      tasks: async () => new Map([['van', [name]]]),
    },
  };
}

function bootedAs(user: TabUser, repositories: TabRepositories): BootedHost {
  return {
    config: {} as BootedHost['config'],
    session: null,
    personas: [],
    tokenProvider: null,
    signIn: null,
    whoAmI: null,
    repositories,
    initial: {
      theme: 'default',
      locale: 'nl-BE',
      subPageId: null,
      user,
      permissions: HR_PERMISSIONS,
    },
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('who the early open is for', () => {
  it('is nobody until a boot has identified someone', () => {
    expect(lastUser(window)).toBeNull();
    expect(earlyHost(window, never())).toBeNull();
  });

  it('is the user the last boot identified, without any permission', () => {
    rememberLastUser(window, ANNE);
    sessionStorage.setItem('functiewijzer.persona', ANNE.upn);
    const early = earlyHost(window, never());
    expect(early?.provisional).toBe(true);
    expect(early?.initial.user).toEqual(ANNE);
    expect(early?.initial.permissions).toEqual(NO_PERMISSIONS);
  });

  it('is nobody when this browser tab chose another persona', () => {
    rememberLastUser(window, ANNE);
    sessionStorage.setItem('functiewijzer.persona', BERT.upn);
    expect(earlyHost(window, never())).toBeNull();
    sessionStorage.setItem('functiewijzer.persona', 'ANNE@stad.be');
    expect(earlyHost(window, never())?.initial.user.upn).toBe(ANNE.upn);
  });

  it('is nobody when no persona was chosen in this browser tab (tenant mode, a shared device)', () => {
    rememberLastUser(window, ANNE);
    expect(earlyHost(window, never())).toBeNull();
  });

  it('is nobody for a deep link: only the catalogue has its data stored', () => {
    rememberLastUser(window, ANNE);
    window.history.replaceState(null, '', '/?subPageId=role/deskundige-ict');
    expect(earlyHost(window, never())).toBeNull();
  });

  it('is nobody when what was stored is not a user', () => {
    localStorage.setItem('functiewijzer.last-user', '{"upn":""}');
    expect(lastUser(window)).toBeNull();
    localStorage.setItem('functiewijzer.last-user', 'geen json');
    expect(lastUser(window)).toBeNull();
  });
});

describe('reads asked for before boot finished', () => {
  it('wait for boot and go to its repositories', async () => {
    let finish: (r: TabRepositories) => void = () => undefined;
    const booted = new Promise<TabRepositories>((resolve) => {
      finish = resolve;
    });
    const early = repositoriesOnceBooted(booted);
    const tasks = early.catalogue?.tasks();
    const role = early.getRole('deskundige-ict');
    finish(fakeRepositories('echt'));
    await expect(tasks).resolves.toEqual(new Map([['van', ['echt']]]));
    await expect(role).rejects.toThrow('echt: deskundige-ict');
  });

  it('fail with boot’s own error when boot fails', async () => {
    const early = repositoriesOnceBooted(Promise.reject(new Error('geen configuratie')));
    await expect(early.listCatalogue()).rejects.toThrow('geen configuratie');
  });
});

describe('HostRoot when boot has identified the user', () => {
  let mounts: string[] = [];
  function FakeApp({ host }: { host: TabHost }) {
    useEffect(() => {
      mounts.push(host.user.upn);
    }, [host.user.upn]);
    return (
      <p>
        {host.user.displayName}: {host.permissions.canEdit ? 'mag bewerken' : 'mag niets'}
      </p>
    );
  }
  beforeEach(() => {
    mounts = [];
    // Local mode: this browser tab chose Anne before (the only case that opens early).
    sessionStorage.setItem('functiewijzer.persona', ANNE.upn);
  });

  it('keeps the same user’s tab (what is on screen) and gives it the real permissions', () => {
    rememberLastUser(window, ANNE);
    const early = earlyHost(window, never()) as ShownHost;
    const view = render(<HostRoot booted={early} window={window} App={FakeApp} />);
    expect(screen.getByText('Anne Peeters: mag niets')).toBeVisible();

    view.rerender(
      <HostRoot booted={bootedAs(ANNE, fakeRepositories('echt'))} window={window} App={FakeApp} />,
    );
    expect(screen.getByText('Anne Peeters: mag bewerken')).toBeVisible();
    expect(mounts).toEqual([ANNE.upn]);
  });

  it('gives another user a fresh tab of their own, and remembers them for the next open', () => {
    rememberLastUser(window, ANNE);
    const early = earlyHost(window, never()) as ShownHost;
    const view = render(<HostRoot booted={early} window={window} App={FakeApp} />);

    view.rerender(
      <HostRoot booted={bootedAs(BERT, fakeRepositories('echt'))} window={window} App={FakeApp} />,
    );
    expect(screen.queryByText(/Anne Peeters/)).toBeNull();
    expect(screen.getByText('Bert Claes: mag bewerken')).toBeVisible();
    expect(mounts).toEqual([ANNE.upn, BERT.upn]);
    expect(lastUser(window)?.upn).toBe(BERT.upn);
  });

  it('does not remember the provisional user as identified', () => {
    localStorage.setItem(
      'functiewijzer.last-user',
      JSON.stringify({ upn: ANNE.upn, displayName: 'Oude naam' }),
    );
    const early = earlyHost(window, never()) as ShownHost;
    render(<HostRoot booted={early} window={window} App={FakeApp} />);
    // Rewritten only by a finished boot: a provisional host must not confirm itself.
    expect(lastUser(window)?.displayName).toBe('Oude naam');
  });
});
