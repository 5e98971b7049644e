import { z } from 'zod';
import { hasPotentialHost } from '../../teams/frame';
import type { TabPermissions, TabRepositories, TabUser } from '../shared/host-context';
import type { BootedHost, EntraIds, Sighting } from './boot';
import { browserLocale, rememberedPersona, subPageIdFromUrl, systemTheme } from './plain-browser';

/**
 * A warm open shows the stored catalogue before boot has identified the user (issue 15). Boot
 * costs several round trips before the tab knows who is signed in (runtime config, teams-js, the
 * personas or a token, `/me` with the groups); over a city's network that alone is more than the
 * 0.3 s a warm open may take, and the persisted catalogue needs none of it.
 *
 * Whose cache is shown: only the user the last finished boot in this browser identified
 * (`rememberLastUser`, localStorage: the UPN and, in tenant mode, the Entra object and tenant
 * ids), and only when what decides whom boot continues as already names that user:
 *  - a plain browser in local mode: the persona this browser tab chose (sessionStorage). Safe:
 *    boot takes its token for that same persona.
 *  - inside Teams (real, or the local Teams host), once teams-js has connected: the context's
 *    user — object id and tenant id when both the context and the record have them, else the UPN
 *    or login hint, case-insensitive. Safe: Teams decides who is signed in, and boot signs in as
 *    that user (nested app auth with the context's login hint; locally the persona of that UPN).
 *    In tenant mode teams-js takes the context only from Microsoft's hosts, so no other page can
 *    name a user (teams-client.ts, `trustedOriginsFor`).
 *  - a plain browser in tenant mode, once MSAL has read its own cache: the account MSAL signs in
 *    silently, and only while that cache alone holds a valid access token for it (no refresh, no
 *    network). Safe: boot's first `getToken()` then returns that same token without anyone
 *    signing in, so boot continues as that account whoever sits at the device, and the early view
 *    shows nothing boot would not show a moment later. No account, another account, or a token
 *    that needs a refresh or a sign-in — a shared device whose last user has left — waits for
 *    boot and its sign-in, as before.
 * Nothing else opens early: no last user, a name that differs, the channel tab's configuration
 * page, a deep link (subPageId in the context or the URL: only the catalogue has its data
 * stored). Once boot has identified the user, HostRoot swaps the real host in: the same user
 * keeps what is on screen (the same DataProvider), and the catalogue is revalidated through the
 * real repositories; another user gets a fresh DataProvider of their own (App is keyed by the
 * user), so the first user's cache is not shown one render longer.
 *
 * The early view may do nothing: no permissions (HR's and the director's actions appear when
 * boot confirms them), and every read waits for boot's repositories. Inside Teams it carries the
 * session, so its theme and locale are the context's (no flash at the swap) and its first render
 * tells Teams it loaded; a boot that fails after that shows the tab's own message, which is what
 * `notifyExpectedFailure` would have left visible anyway.
 */

/** What HostRoot shows: a booted host, or the provisional one of a warm open. */
export type ShownHost = Pick<
  BootedHost,
  | 'session'
  | 'personas'
  | 'signIn'
  | 'tokenProvider'
  | 'whoAmI'
  | 'repositories'
  | 'initial'
  | 'entra'
> & {
  /** True for the host shown before boot identified the user (`earlyHost`). */
  provisional?: boolean;
};

const LAST_USER_KEY = 'functiewijzer.last-user';

const lastUserSchema = z.object({
  upn: z.string().min(1).max(320),
  displayName: z.string().max(400),
  role: z.enum(['staff', 'hr', 'approver', 'admin']).optional(),
  // Tenant mode's Entra ids, stored since the Teams and MSAL early opens; a record without them
  // (as stored before, or by local mode) is matched by its UPN.
  objectId: z.string().min(1).max(100).optional(),
  tenantId: z.string().min(1).max(100).optional(),
});

/** The remembered user: who the tab shows, and the Entra ids to recognise them by. */
interface RememberedUser {
  user: TabUser;
  entra: EntraIds | null;
}

/** Nothing allowed: what the early view offers until boot says what this user may do. */
export const NO_PERMISSIONS: TabPermissions = {
  canEdit: false,
  canSubmit: false,
  canApprove: false,
};

/** Remembers who the last boot identified, for the next warm open (`earlyHost`). */
export function rememberLastUser(win: Window, user: TabUser, entra?: EntraIds | null): void {
  try {
    const record = lastUserSchema.parse({ ...user, ...(entra ?? {}) });
    win.localStorage.setItem(LAST_USER_KEY, JSON.stringify(record));
  } catch {
    // Storage disabled or full: the next open waits for boot, as before.
  }
}

/**
 * False only when this browser's storage is readable and holds no remembered user: no boot ever
 * finished here, so the tab has stored nothing for anyone. Unreadable storage counts as "maybe".
 */
export function anyUserRemembered(win: Window): boolean {
  try {
    return win.localStorage.getItem(LAST_USER_KEY) !== null;
  } catch {
    return true;
  }
}

/** The user the last boot identified, or null (never stored, unreadable, malformed). */
export function lastUser(win: Window): TabUser | null {
  return rememberedUser(win)?.user ?? null;
}

function rememberedUser(win: Window): RememberedUser | null {
  try {
    const raw = win.localStorage.getItem(LAST_USER_KEY);
    if (raw === null) return null;
    const parsed = lastUserSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { upn, displayName, role, objectId, tenantId } = parsed.data;
    return {
      user: role === undefined ? { upn, displayName } : { upn, displayName, role },
      entra: objectId && tenantId ? { objectId, tenantId } : null,
    };
  } catch {
    return null;
  }
}

/**
 * Is the one seen before boot the remembered user? By the Entra ids when both sides know them:
 * an object id is never given to another person, a UPN can be. Else by a name, case-insensitive.
 */
function isRemembered(
  remembered: RememberedUser,
  seen: { objectId?: string | null; tenantId?: string | null; names: (string | null)[] },
): boolean {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const { entra } = remembered;
  if (entra && seen.objectId && seen.tenantId) {
    return same(entra.objectId, seen.objectId) && same(entra.tenantId, seen.tenantId);
  }
  return seen.names.some((name) => name !== null && same(name, remembered.user.upn));
}

/** What the early view takes from where it is shown: the session (Teams), theme and locale. */
type EarlyView = Pick<ShownHost, 'session'> & Pick<ShownHost['initial'], 'theme' | 'locale'>;

function plainBrowserView(win: Window): EarlyView {
  return { session: null, theme: systemTheme(win), locale: browserLocale(win) };
}

/** The rules of the module comment, one per way of knowing who is at the device. */
function earlyView(
  win: Window,
  remembered: RememberedUser,
  sighting: Sighting | undefined,
): EarlyView | null {
  if (!sighting) {
    // At start, before anything has connected: only local mode's persona can vouch. Inside a
    // (possible) Teams host the context decides, once teams-js has it (the sighting below).
    if (hasPotentialHost(win)) return null;
    const persona = rememberedPersona(win);
    if (persona === null || !isRemembered(remembered, { names: [persona] })) return null;
    return plainBrowserView(win);
  }
  if (sighting.by === 'msal') {
    const { account } = sighting;
    const seen = {
      objectId: account.objectId,
      tenantId: account.tenantId,
      names: [account.username],
    };
    return isRemembered(remembered, seen) ? plainBrowserView(win) : null;
  }
  const { session } = sighting;
  const { context } = session;
  // The configuration page is not the catalogue, and a deep link's data is not stored.
  if (session.settings || context.frameContext !== 'content' || context.subPageId) return null;
  const { user } = context;
  const seen = { ...user, names: [user.userPrincipalName, user.loginHint] };
  if (!isRemembered(remembered, seen)) return null;
  return { session, theme: context.theme, locale: context.locale };
}

/**
 * The host to render before boot finishes, or null when the open must wait for boot (see the
 * module comment for when). `booting` is boot itself: every read of the early view waits for it.
 * Without `sighting`, the start of the tab (local mode's persona); with it, what boot saw first:
 * the Teams context, or MSAL's cached sign-in.
 */
export function earlyHost(
  win: Window,
  booting: Promise<BootedHost>,
  sighting?: Sighting,
): ShownHost | null {
  if (subPageIdFromUrl(win) !== null) return null;
  const remembered = rememberedUser(win);
  if (!remembered) return null;
  const view = earlyView(win, remembered, sighting);
  if (!view) return null;
  return {
    provisional: true,
    session: view.session,
    personas: [],
    signIn: null,
    tokenProvider: null,
    whoAmI: null,
    repositories: repositoriesOnceBooted(booting.then((booted) => booted.repositories)),
    initial: {
      theme: view.theme,
      locale: view.locale,
      subPageId: null,
      user: remembered.user,
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
