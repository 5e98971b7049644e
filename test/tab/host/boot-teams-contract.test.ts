/** @jest-environment jsdom */
import type { LocalPersonaTokenProvider } from '../../../src/auth/local-personas';
import { LOCAL_GROUPS } from '../../../src/services/identity';
import type { TabRepositories } from '../../../src/tab/shared/host-context';
import { bootHost, type BootDependencies } from '../../../src/tab/host/boot';
import { failureTheme } from '../../../src/tab/host/boot-report';
import type { ApprovalChannelSettings } from '../../../src/teams/approval-card';
import type { TeamsContext } from '../../../src/teams/context';
import type { BootFailureReason, TeamsSession } from '../../../src/teams/teams-client';

/**
 * What the start-up promises Teams (issue 11): every failure reports itself with a reason
 * (Teams never covers our message with its own error after 30 s), and the approval card links
 * to the tab the request comes from, by the app id Teams reports.
 */

const personas = [
  { upn: 'hr@stad.example', displayName: 'Hanne HR', role: 'hr' },
  { upn: 'directeur@stad.example', displayName: 'Dirk Directeur', role: 'approver' },
];

const json = (body: unknown, status = 200): Response =>
  ({ ok: status < 400, status, json: async () => body }) as Response;

const LOCAL_CONFIG = {
  mode: 'local',
  graphBaseUrl: 'http://127.0.0.1:53001/v1.0',
  emulatorUrl: 'http://127.0.0.1:53001',
  tabUrl: 'http://127.0.0.1:53000',
  site: { hostname: 'stad.example', path: '/sites/functiewijzer' },
};

function teamsSession(context: Partial<TeamsContext> = {}) {
  const failures: { reason: BootFailureReason; message: string }[] = [];
  const session: TeamsSession = {
    context: {
      appId: '3d5f8a0e-7c41-4b2a-9e6d-1f0a2b3c4d5e',
      clientType: 'android',
      theme: 'dark',
      locale: 'nl-BE',
      frameContext: 'content',
      subPageId: null,
      deepLink: null,
      pageId: 'functiewijzer',
      user: { userPrincipalName: 'hr@stad.example', loginHint: null, displayName: null },
      team: null,
      channel: null,
      ...context,
    },
    onThemeChange: () => () => undefined,
    notifySuccess: () => undefined,
    notifyFailure: (reason, message) => failures.push({ reason, message }),
    settings: null,
  };
  return { session, failures };
}

function deps(options: {
  session: TeamsSession | null;
  config?: unknown;
  configStatus?: number;
  personas?: unknown;
  readFails?: boolean;
}) {
  const channels: (ApprovalChannelSettings | null | undefined)[] = [];
  const connected: string[] = [];
  const d: BootDependencies = {
    window,
    fetch: async (input) => {
      const url = String(input);
      if (url === '/config.json') return json(options.config ?? LOCAL_CONFIG, options.configStatus);
      if (url.endsWith('/_emulator/personas')) return json(options.personas ?? personas);
      return json({}, 404);
    },
    connect: async (mode) => {
      connected.push(mode);
      return options.session;
    },
    createRepositories: ({ approvalChannel }) => {
      channels.push(approvalChannel);
      return {} as TabRepositories;
    },
    readSignedInUser: async ({ tokenProvider }) => {
      if (options.readFails) throw new Error('Graph gaf geen antwoord.');
      const upn = (tokenProvider as LocalPersonaTokenProvider).currentUpn ?? '';
      return {
        person: { id: upn, displayName: upn, userPrincipalName: upn, mail: null },
        memberOf: new Set(upn.startsWith('hr') ? [LOCAL_GROUPS.hr] : [LOCAL_GROUPS.approvers]),
      };
    },
  };
  return { d, channels, connected };
}

describe('the loading contract', () => {
  it('tells Teams why when the user is unknown, with the reason NotFound', async () => {
    const { session, failures } = teamsSession({
      user: { userPrincipalName: 'vreemde@elders.example', loginHint: null, displayName: null },
    });
    await expect(bootHost(deps({ session }).d)).rejects.toThrow(/onbekend/);
    expect(failures).toEqual([
      { reason: 'NotFound', message: expect.stringContaining('onbekend') },
    ]);
  });

  it('tells Teams about any other failure too, and keeps its theme for our message', async () => {
    const { session, failures } = teamsSession();
    const error = await bootHost(deps({ session, readFails: true }).d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.reason).toBe('Other');
    expect(failureTheme(error)).toBe('dark');
  });

  it('tells Teams when even the configuration cannot be read', async () => {
    const { session, failures } = teamsSession();
    const { d, connected } = deps({ session, configStatus: 500 });
    await expect(bootHost(d)).rejects.toThrow(/configuratie/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Without a configuration there is no mode: trust only what tenant mode trusts.
    expect(connected).toEqual(['tenant']);
    expect(failures).toHaveLength(1);
  });
});

describe('where the approval card links to', () => {
  it('a request from a channel tab: that tab, its channel, the app id Teams reports', async () => {
    const { session } = teamsSession({
      pageId: 'functiewijzer-catalogus',
      team: { id: 'team', name: 'Functiewijzer', groupId: 'team' },
      channel: { id: '19:kanaal@thread.tacv2', name: 'Goedkeuringen' },
    });
    const { d, channels } = deps({ session });
    await bootHost(d);
    expect(channels[0]).toMatchObject({
      appId: '3d5f8a0e-7c41-4b2a-9e6d-1f0a2b3c4d5e',
      entityId: 'functiewijzer-catalogus',
      linkChannelId: '19:kanaal@thread.tacv2',
    });
  });

  it('a request from the personal tab: the personal tab, without a channel', async () => {
    const { session } = teamsSession();
    const { d, channels } = deps({ session });
    await bootHost(d);
    expect(channels[0]).toMatchObject({ entityId: 'functiewijzer', linkChannelId: null });
  });

  it('in tenant mode outside Teams: the configured catalog id, not the manifest id', async () => {
    const { d, channels } = deps({
      session: null,
      config: {
        mode: 'tenant',
        graphBaseUrl: 'https://graph.microsoft.com/v1.0',
        clientId: 'c',
        tenantId: 't',
        teamsAppId: 'manifest-id',
        teamsCatalogAppId: 'catalogus-id',
        site: { hostname: 'stad.sharepoint.com', path: '/sites/functiewijzer' },
        approvals: { teamId: 'team', channelId: '19:kanaal@thread.tacv2' },
        groups: { hr: 'hr', approvers: 'goedkeurders' },
      },
    });
    d.tenant = {
      createTokenProvider: async () => ({
        mode: 'standard',
        problem: null,
        account: null,
        cachedSignIn: async () => null,
        getToken: async () => 'token',
        invalidate: () => undefined,
        signIn: async () => undefined,
      }),
    };
    await bootHost(d);
    expect(channels[0]).toMatchObject({
      appId: 'catalogus-id',
      entityId: 'functiewijzer',
      linkChannelId: null,
    });
  });
});
