/** @jest-environment jsdom */
import type { LocalPersonaTokenProvider } from '../../../src/auth/local-personas';
import type { TokenProvider } from '../../../src/auth/token-provider';
import { LOCAL_GROUPS } from '../../../src/services/identity';
import type { TabRepositories } from '../../../src/tab/shared/host-context';
import { bootHost, switchPersona, type BootDependencies } from '../../../src/tab/host/boot';
import type { TeamsContext } from '../../../src/teams/context';
import type { TeamsSession } from '../../../src/teams/teams-client';

/**
 * The start-up decisions of the tab's host glue: who the user is, which theme, locale and deep
 * link apply, in Teams and in a plain browser. The runtime config and the emulator's persona
 * list are served by a recorded fetch; the repositories are whatever the factory returns.
 */

const personas = [
  { upn: 'hr@stad.example', displayName: 'Hanne HR', role: 'hr' },
  { upn: 'medewerker@stad.example', displayName: 'Mia Medewerker', role: 'staff' },
  { upn: 'directeur@stad.example', displayName: 'Dirk Directeur', role: 'approver' },
];

/** jsdom has no fetch Response; the glue reads only ok, status and json(). */
function json(body: unknown, status = 200): Response {
  return { ok: status < 400, status, json: async () => body } as Response;
}

function deps(options: {
  session?: TeamsSession | null;
  config?: unknown;
  personas?: unknown;
}): BootDependencies & {
  tokenProviders: TokenProvider[];
  repositories: TabRepositories;
  linkedRoleKeys: Array<readonly string[] | undefined>;
  prefetchFirstScreen: Array<boolean | undefined>;
} {
  const repositories = {} as TabRepositories;
  const tokenProviders: TokenProvider[] = [];
  const linkedRoleKeys: Array<readonly string[] | undefined> = [];
  const prefetchFirstScreen: Array<boolean | undefined> = [];
  return {
    window,
    tokenProviders,
    repositories,
    linkedRoleKeys,
    prefetchFirstScreen,
    fetch: async (input) => {
      const url = String(input);
      if (url === '/config.json') {
        return json(
          options.config ?? {
            mode: 'local',
            graphBaseUrl: 'http://127.0.0.1:53001/v1.0',
            emulatorUrl: 'http://127.0.0.1:53001',
            tabUrl: 'http://127.0.0.1:53000',
            site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
          },
        );
      }
      if (url === 'http://127.0.0.1:53001/_emulator/personas') {
        return json(options.personas ?? personas);
      }
      return json({}, 404);
    },
    connect: async () => options.session ?? null,
    createRepositories: ({ tokenProvider, linkedRoleKeys: keys, prefetchFirstScreen: first }) => {
      tokenProviders.push(tokenProvider);
      linkedRoleKeys.push(keys);
      prefetchFirstScreen.push(first);
      return repositories;
    },
    // Graph's answer for whoever holds the token: the groups that go with the persona's role.
    readSignedInUser: async ({ tokenProvider }) => {
      const upn = (tokenProvider as LocalPersonaTokenProvider).currentUpn;
      const persona = personas.find((p) => p.upn === upn);
      if (!persona) throw new Error(`no persona ${String(upn)}`);
      const groups: Record<string, string[]> = {
        hr: [LOCAL_GROUPS.hr],
        approver: [LOCAL_GROUPS.approvers],
        staff: [],
      };
      return {
        person: {
          id: persona.upn,
          displayName: persona.displayName,
          userPrincipalName: upn ?? '',
          mail: null,
        },
        memberOf: new Set(groups[persona.role]),
      };
    },
  };
}

function teamsSession(context: Partial<TeamsContext>): TeamsSession & { failures: string[] } {
  const failures: string[] = [];
  return {
    failures,
    context: {
      appId: null,
      clientType: 'web',
      theme: 'dark',
      locale: 'en-GB',
      frameContext: 'content',
      subPageId: 'role/deskundige-ict',
      deepLink: { kind: 'role', key: 'deskundige-ict' },
      pageId: 'functiewijzer',
      user: { userPrincipalName: 'directeur@stad.example', loginHint: null, displayName: null },
      team: null,
      channel: null,
      ...context,
    },
    onThemeChange: () => () => undefined,
    notifySuccess: () => undefined,
    notifyFailure: (reason, message) => failures.push(`${reason}: ${message}`),
    settings: null,
  };
}

/** Boots in a plain browser whose address bar carries `subPageId` (none: the catalogue). */
async function bootOn(subPageId: string | null): Promise<ReturnType<typeof deps>> {
  window.history.replaceState(
    null,
    '',
    subPageId === null ? '/' : `/?subPageId=${encodeURIComponent(subPageId)}`,
  );
  const d = deps({});
  await bootHost(d);
  return d;
}

let prefersDark = false;
window.matchMedia = (query: string) =>
  ({
    matches: query === '(prefers-color-scheme: dark)' && prefersDark,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;

beforeEach(() => {
  prefersDark = false;
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('bootHost in a Teams host', () => {
  it('acts as the user the host names, with theme, locale and deep link from its context', async () => {
    const d = deps({ session: teamsSession({}) });
    const booted = await bootHost(d);
    expect(booted.initial).toEqual({
      theme: 'dark',
      locale: 'en-GB',
      subPageId: 'role/deskundige-ict',
      user: { upn: 'directeur@stad.example', displayName: 'Dirk Directeur', role: 'approver' },
      permissions: { canEdit: false, canSubmit: false, canApprove: true },
    });
    // Teams decides who is signed in: no persona switcher inside a host.
    expect(booted.personas).toEqual([]);
    expect(booted.repositories).toBe(d.repositories);
    expect(d.tokenProviders[0]).toBe(booted.tokenProvider);
    expect(booted.tokenProvider?.currentUpn).toBe('directeur@stad.example');
  });

  it('refuses a user the emulator does not know, and tells the host', async () => {
    const session = teamsSession({
      user: { userPrincipalName: 'vreemde@elders.example', loginHint: null, displayName: null },
    });
    await expect(bootHost(deps({ session }))).rejects.toThrow(
      /vreemde@elders\.example is onbekend/,
    );
    expect(session.failures).toHaveLength(1);
  });
});

describe('bootHost in a plain browser', () => {
  it('starts as a staff member, with the deep link from the address bar', async () => {
    window.history.replaceState(null, '', '/?subPageId=compare/a/b');
    const booted = await bootHost(deps({}));
    expect(booted.session).toBeNull();
    expect(booted.initial.user.upn).toBe('medewerker@stad.example');
    expect(booted.initial.permissions.canEdit).toBe(false);
    expect(booted.initial.subPageId).toBe('compare/a/b');
    expect(booted.initial.theme).toBe('default');
    expect(booted.personas).toHaveLength(3);
  });

  it('asks for the token beside the persona list, not after it, and keeps that token', async () => {
    const d = deps({});
    const order: string[] = [];
    let tokenAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (tokenAsked = resolve));
    const answer = d.fetch;
    d.fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/_emulator/token')) {
        order.push(`token for ${String(init?.body)}`);
        tokenAsked();
        return json({ access_token: 'token-mia', upn: 'medewerker@stad.example' });
      }
      if (url.endsWith('/_emulator/personas')) {
        // Answers once the token was asked for, or after a second when it never is.
        await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 1000))]);
        order.push('personas answered');
      }
      return answer(input, init);
    };
    const booted = await bootHost(d);

    // No persona was chosen in this browser before: the emulator's default, one round trip.
    expect(order).toEqual(['token for {}', 'personas answered']);
    expect(booted.initial.user.upn).toBe('medewerker@stad.example');
    await expect(d.tokenProviders[0]!.getToken()).resolves.toBe('token-mia');
    expect(order.filter((o) => o.startsWith('token'))).toHaveLength(1);
  });

  it('hands the repositories the roles a deep link opens, so their ids are looked up at once', async () => {
    const opened = async (subPageId: string | null) => (await bootOn(subPageId)).linkedRoleKeys;
    expect(await opened('compare/deskundige-ict/leidinggevende')).toEqual([
      ['deskundige-ict', 'leidinggevende'],
    ]);
    expect(await opened('role:deskundige-ict')).toEqual([['deskundige-ict']]);
    // Nothing to look up for the catalogue, an approval, or a link the tab will not open.
    expect(await opened(null)).toEqual([[]]);
    expect(await opened('approval/42')).toEqual([[]]);
    expect(await opened('role/<script>')).toEqual([[]]);
  });

  it('reads the first screen at once only on a first open of the catalogue in this browser', async () => {
    const opened = async (subPageId: string | null) =>
      (await bootOn(subPageId)).prefetchFirstScreen;
    window.localStorage.clear();
    expect(await opened(null)).toEqual([true]);
    // A deep link opens another view first.
    expect(await opened('compare/a/b')).toEqual([false]);
    // A user was identified here before: the catalogue may be stored (a warm open).
    window.localStorage.setItem(
      'functiewijzer.last-user',
      JSON.stringify({ upn: 'medewerker@stad.example', displayName: 'Mia Medewerker' }),
    );
    expect(await opened(null)).toEqual([false]);
    window.localStorage.clear();
  });

  it("follows the operating system's dark preference", async () => {
    prefersDark = true;
    expect((await bootHost(deps({}))).initial.theme).toBe('dark');
  });

  it('switches persona, and remembers the choice for a reload', async () => {
    const booted = await bootHost(deps({}));
    await expect(switchPersona(booted, window, 'hr@stad.example')).resolves.toEqual({
      user: { upn: 'hr@stad.example', displayName: 'Hanne HR', role: 'hr' },
      permissions: { canEdit: true, canSubmit: true, canApprove: false },
    });
    expect(booted.tokenProvider?.currentUpn).toBe('hr@stad.example');
    await expect(switchPersona(booted, window, 'niemand@stad.example')).resolves.toBeNull();

    const reloaded = await bootHost(deps({}));
    expect(reloaded.initial.user.upn).toBe('hr@stad.example');
  });

  it('says so in Dutch when the emulator has no personas', async () => {
    await expect(bootHost(deps({ personas: [] }))).rejects.toThrow(/kent geen gebruikers/);
  });
});
