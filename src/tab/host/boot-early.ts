import { z } from 'zod';
import { hasPotentialHost } from '../../teams/frame';
import type { TabPermissions, TabRepositories, TabUser } from '../shared/host-context';
import type { BootedHost } from './boot';
import { browserLocale, rememberedPersona, subPageIdFromUrl, systemTheme } from './plain-browser';

/**
 * A warm open shows the stored catalogue before boot has identified the user (issue 15). Boot
 * costs three or four round trips before the tab knows who is signed in (runtime config, the
 * personas or a token, `/me` with the groups); over a city's network that alone is more than the
 * 0.3 s a warm open may take, and the persisted catalogue needs none of it.
 *
 * Whose cache is shown: the user the last finished boot in this browser identified
 * (`rememberLastUser`, localStorage), and only when the persona this browser tab chose
 * (sessionStorage, local mode) is that user. Tenant mode never opens early: before MSAL has
 * signed someone in, nothing says the person at the device is the last user. Inside a
 * (possible) Teams host nothing is shown early: Teams decides who is signed in, and the tab
 * learns it only from teams-js. Once boot has identified the user, HostRoot swaps the real host
 * in: the same user keeps what is on screen (the same DataProvider), and the catalogue is
 * revalidated through the real repositories; another user gets a fresh DataProvider of their own
 * (App is keyed by the user), so the first user's cache is not shown one render longer.
 *
 * The early view may do nothing: no permissions (HR's and the director's actions appear when
 * boot confirms them), and every read waits for boot's repositories. Only the catalogue (no deep
 * link) opens early: other views read data the catalogue cache does not hold.
 */

/** What HostRoot shows: a booted host, or the provisional one of a warm open. */
export type ShownHost = Pick<
  BootedHost,
  'session' | 'personas' | 'signIn' | 'tokenProvider' | 'whoAmI' | 'repositories' | 'initial'
> & {
  /** True for the host shown before boot identified the user (`earlyHost`). */
  provisional?: boolean;
};

const LAST_USER_KEY = 'functiewijzer.last-user';

const lastUserSchema = z.object({
  upn: z.string().min(1).max(320),
  displayName: z.string().max(400),
  role: z.enum(['staff', 'hr', 'approver', 'admin']).optional(),
});

/** Nothing allowed: what the early view offers until boot says what this user may do. */
export const NO_PERMISSIONS: TabPermissions = {
  canEdit: false,
  canSubmit: false,
  canApprove: false,
};

/** Remembers who the last boot identified, for the next warm open (`earlyHost`). */
export function rememberLastUser(win: Window, user: TabUser): void {
  try {
    win.localStorage.setItem(LAST_USER_KEY, JSON.stringify(lastUserSchema.parse(user)));
  } catch {
    // Storage disabled or full: the next open waits for boot, as before.
  }
}

/** The user the last boot identified, or null (never stored, unreadable, malformed). */
export function lastUser(win: Window): TabUser | null {
  try {
    const raw = win.localStorage.getItem(LAST_USER_KEY);
    if (raw === null) return null;
    const parsed = lastUserSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { upn, displayName, role } = parsed.data;
    return role === undefined ? { upn, displayName } : { upn, displayName, role };
  } catch {
    return null;
  }
}

/**
 * The host to render before boot finishes, or null when the open must wait for boot (see the
 * module comment for when). `booting` is boot itself: every read of the early view waits for it.
 */
export function earlyHost(win: Window, booting: Promise<BootedHost>): ShownHost | null {
  if (hasPotentialHost(win) || subPageIdFromUrl(win) !== null) return null;
  const user = lastUser(win);
  if (!user) return null;
  // Only a persona this browser tab chose (local mode) vouches for the user before boot. In tenant
  // mode nobody has signed in yet at this point: on a shared device the previous user's
  // catalogue must not show to whoever opens the tab next, so that open waits for sign-in.
  const persona = rememberedPersona(win);
  if (persona === null || persona.toLowerCase() !== user.upn.toLowerCase()) return null;
  return {
    provisional: true,
    session: null,
    personas: [],
    signIn: null,
    tokenProvider: null,
    whoAmI: null,
    repositories: repositoriesOnceBooted(booting.then((booted) => booted.repositories)),
    initial: {
      theme: systemTheme(win),
      locale: browserLocale(win),
      subPageId: null,
      user,
      permissions: NO_PERMISSIONS,
    },
  };
}

/**
 * The tab's port whose every call waits for `booted` and then goes to it: a read asked for
 * before boot finished is answered by the real repositories, with the identified user's token.
 * A boot that fails rejects every call with its error (the tab then shows the boot failure).
 */
export function repositoriesOnceBooted(booted: Promise<TabRepositories>): TabRepositories {
  // Kept from rejecting unobserved while no call waits on it; each call sees the rejection.
  booted.catch(() => undefined);
  const later =
    <A extends unknown[], R>(call: (repositories: TabRepositories, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      booted.then((repositories) => call(repositories, ...args));
  const port = <P>(repositories: TabRepositories, value: P | undefined, name: string): P => {
    if (value === undefined) throw new Error(`De gegevenslaag biedt geen ${name}.`);
    return value;
  };
  const catalogue = (r: TabRepositories) => port(r, r.catalogue, 'catalogus');
  const approval = (r: TabRepositories) => port(r, r.approval, 'goedkeuring');
  return {
    listCatalogue: later((r, signal?: AbortSignal) => r.listCatalogue(signal)),
    catalogue: {
      firstScreen: later((r, signal?: AbortSignal) => catalogue(r).firstScreen(signal)),
      verify: later(
        (
          r,
          verification: Parameters<NonNullable<TabRepositories['catalogue']>['verify']>[0],
          signal?: AbortSignal,
        ) => catalogue(r).verify(verification, signal),
      ),
      revalidate: later(
        (
          r,
          previous: Parameters<NonNullable<TabRepositories['catalogue']>['revalidate']>[0],
          signal?: AbortSignal,
        ) => catalogue(r).revalidate(previous, signal),
      ),
      tasks: later((r, signal?: AbortSignal) => catalogue(r).tasks(signal)),
    },
    getRole: later((r, key: string, signal?: AbortSignal) => r.getRole(key, signal)),
    listCompetencies: later((r, signal?: AbortSignal) => r.listCompetencies(signal)),
    approval: {
      submit: later((r, roleKey: string, note: string | null) => approval(r).submit(roleKey, note)),
      decide: later((r, input: Parameters<NonNullable<TabRepositories['approval']>['decide']>[0]) =>
        approval(r).decide(input),
      ),
      view: later((r, requestId: string, signal?: AbortSignal) =>
        approval(r).view(requestId, signal),
      ),
      history: later((r, roleKey: string, signal?: AbortSignal) =>
        approval(r).history(roleKey, signal),
      ),
      queue: later((r, signal?: AbortSignal) => approval(r).queue(signal)),
    },
  };
}
