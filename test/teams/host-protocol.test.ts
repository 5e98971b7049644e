import {
  HostSession,
  LOAD_TIMEOUT_MS,
  LoadWatch,
  resolveTeamsDeepLink,
  subPageIdFromTeamsLink,
  type HostEffect,
  type InstalledApp,
  type SessionContext,
} from '../../src/emulator/teams-host/host-protocol';
import { buildTeamsDeepLink } from '../../src/teams/deep-link';
import {
  LOCAL_APP_ID,
  LOCAL_MANIFEST_APP_ID,
  legacyContextSchema,
  tabRequestSchema,
  type TabRequest,
} from '../../src/teams/protocol';

/** The local Teams host's side of the teams-js protocol (DESIGN §7), without a browser. */

const channelTab: SessionContext = {
  frameContext: 'content',
  theme: 'default',
  locale: 'nl-be',
  entityId: 'functiewijzer-kanaal',
  subPageId: 'role/deskundige-ict',
  user: { upn: 'directeur@stad.example', displayName: 'Dirk Directeur' },
  team: { id: '19:team', name: 'Stad – Personeel', groupId: 'g-1' },
  channel: { id: '19:kanaal', name: 'Goedkeuringen' },
};

let nextId = 0;
function request(func: string, ...args: unknown[]): TabRequest {
  // Exactly what teams-js 2.58 posts: a serialised UUID next to the legacy numeric id.
  return tabRequestSchema.parse({
    id: nextId++,
    uuidAsString: `uuid-${nextId}`,
    func,
    args,
    timestamp: Date.now(),
    apiVersionTag: 'v2_app.initialize',
  });
}

describe('HostSession', () => {
  it('answers initialize with frame context, client type, runtime config and SDK version', () => {
    const session = new HostSession(channelTab);
    const init = request('initialize', '2.58.0', 4);
    const step = session.handle(init);
    expect(step.response?.id).toBe(init.id);
    expect(step.response?.uuidAsString).toBe(init.uuidAsString);
    const [frameContext, clientType, runtimeJson, sdkVersion] = step.response?.args ?? [];
    expect(frameContext).toBe('content');
    expect(clientType).toBe('web');
    const runtime = JSON.parse(String(runtimeJson)) as {
      apiVersion: number;
      supports: { pages?: { config?: object } };
    };
    expect(runtime.apiVersion).toBe(4);
    expect(runtime.supports.pages?.config).toBeDefined();
    expect(sdkVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(step.effects).toEqual([{ type: 'initialized' }]);
  });

  it('answers getContext with the flat legacy context teams-js maps to app.Context', () => {
    const step = new HostSession(channelTab).handle(request('getContext'));
    const context = legacyContextSchema.parse(step.response?.args[0]);
    expect(context).toMatchObject({
      theme: 'default',
      locale: 'nl-be',
      frameContext: 'content',
      subEntityId: 'role/deskundige-ict',
      userPrincipalName: 'directeur@stad.example',
      loginHint: 'directeur@stad.example',
      teamId: '19:team',
      channelId: '19:kanaal',
      appId: LOCAL_APP_ID,
    });
  });

  it('leaves team and channel out of a personal tab, and the sub page when there is none', () => {
    const step = new HostSession({
      ...channelTab,
      team: null,
      channel: null,
      subPageId: null,
    }).handle(request('getContext'));
    const context = legacyContextSchema.parse(step.response?.args[0]);
    expect(context.teamId).toBeUndefined();
    expect(context.channelId).toBeUndefined();
    expect(context.subEntityId).toBeUndefined();
  });

  it('sends a theme change only to a tab that registered for it', () => {
    const session = new HostSession(channelTab);
    expect(session.changeTheme('dark')).toBeNull();
    expect(session.handle(request('registerHandler', 'themeChange')).response).toBeNull();
    expect(session.changeTheme('contrast')).toEqual({ func: 'themeChange', args: ['contrast'] });
    expect(session.changeTheme('iets anders')).toEqual({ func: 'themeChange', args: ['default'] });
    expect(new HostSession({ ...channelTab, theme: 'dark' }).theme).toBe('dark');
  });

  it('reports the first meaningful render and failures', () => {
    const session = new HostSession(channelTab);
    expect(session.handle(request('appInitialization.success', '2.58.0')).effects).toEqual([
      { type: 'success' },
    ]);
    expect(
      session.handle(request('appInitialization.failure', 'Other', 'Geen verbinding')).effects,
    ).toEqual([{ type: 'failure', reason: 'Other', message: 'Geen verbinding' }]);
  });

  it('navigates to a sub page for pages.navigateToApp of this app only', () => {
    const session = new HostSession(channelTab);
    const ok = session.handle(
      request('pages.navigateToApp', {
        appId: LOCAL_APP_ID,
        pageId: 'x',
        subPageId: 'compare/a/b',
      }),
    );
    expect(ok.response?.args).toEqual([true]);
    expect(ok.effects).toEqual([{ type: 'navigate', subPageId: 'compare/a/b' }]);

    const other = session.handle(
      request('pages.navigateToApp', { appId: 'another-app', pageId: 'x', subPageId: 'role/a' }),
    );
    expect(other.response?.args[0]).toBe(false);
    expect(other.effects).toEqual([]);
  });

  it('follows a Teams deep link passed to executeDeepLink', () => {
    const link = buildTeamsDeepLink({
      appId: LOCAL_APP_ID,
      entityId: 'functiewijzer',
      target: { kind: 'role', key: 'leidinggevende' },
    });
    expect(subPageIdFromTeamsLink(link)).toBe('role/leidinggevende');
    expect(subPageIdFromTeamsLink('geen link')).toBeNull();
    const step = new HostSession(channelTab).handle(request('executeDeepLink', link));
    expect(step.response?.args).toEqual([true]);
    expect(step.effects).toEqual([
      {
        type: 'openTab',
        tab: {
          surface: 'personal',
          entityId: 'functiewijzer',
          channelId: null,
          subPageId: 'role/leidinggevende',
        },
      },
    ]);
  });

  it('runs the configuration page: validity, settings, save and its outcome', () => {
    const session = new HostSession({ ...channelTab, frameContext: 'settings', subPageId: null });
    expect(session.handle(request('settings.setValidityState', true)).effects).toEqual([
      { type: 'validity', valid: true },
    ]);
    const config = {
      entityId: 'functiewijzer-ict',
      contentUrl: 'http://127.0.0.1:53000/?dienst=ict',
      suggestedDisplayName: 'Functiewijzer',
    };
    const saved = session.handle(request('settings.setSettings', config));
    expect(saved.response?.args).toEqual([true]);
    expect(saved.effects).toEqual([{ type: 'configSaved', config }]);
    expect(session.handle(request('settings.getSettings')).response?.args).toEqual([config]);
    expect(session.save()).toEqual({ func: 'settings.save', args: [config] });
    expect(session.handle(request('settings.save.success')).effects).toEqual([
      { type: 'saveSucceeded' },
    ]);
    expect(session.handle(request('settings.save.failure', 'Kies een dienst')).effects).toEqual([
      { type: 'saveFailed', message: 'Kies een dienst' },
    ]);
    expect(
      session.handle(request('settings.setSettings', { entityId: '' })).response?.args[0],
    ).toBe(false);
  });

  it('gives a reopened configuration page what Teams holds for the tab (pages.getConfig)', () => {
    const savedConfig = {
      entityId: 'functiewijzer-ict',
      contentUrl: 'http://127.0.0.1:53000/?subPageId=role%2Fdeskundige-ict',
      suggestedDisplayName: 'ICT',
    };
    const reopened = new HostSession({ ...channelTab, frameContext: 'settings', savedConfig });
    expect(reopened.handle(request('settings.getSettings')).response?.args).toEqual([savedConfig]);
  });

  it('answers an unsupported call with an SDK error instead of leaving the tab waiting', () => {
    const step = new HostSession(channelTab).handle(request('geoLocation.getCurrentLocation'));
    expect(step.response?.args[0]).toMatchObject({ errorCode: 100 });
    expect(step.effects).toEqual([{ type: 'unsupported', func: 'geoLocation.getCurrentLocation' }]);
  });
});

describe('Teams as strict as Teams', () => {
  const installed: InstalledApp = {
    appId: LOCAL_APP_ID,
    personalEntityId: 'functiewijzer',
    channelTabs: [{ entityId: 'functiewijzer-catalogus', channelId: '19:kanaal' }],
  };
  const approval = { kind: 'approval', requestId: '7' } as const;

  it('reports the org-catalog id, not the manifest id, as the app id', () => {
    expect(LOCAL_APP_ID).not.toBe(LOCAL_MANIFEST_APP_ID);
    const context = legacyContextSchema.parse(
      new HostSession(channelTab).handle(request('getContext')).response?.args[0],
    );
    expect(context.appId).toBe(LOCAL_APP_ID);
  });

  it('plays Teams mobile: client type android or ios in initialize and the context', () => {
    for (const hostClientType of ['android', 'ios'] as const) {
      const session = new HostSession({ ...channelTab, hostClientType });
      expect(session.handle(request('initialize', '2.58.0')).response?.args[1]).toBe(
        hostClientType,
      );
      const context = legacyContextSchema.parse(
        session.handle(request('getContext')).response?.args[0],
      );
      expect(context.hostClientType).toBe(hostClientType);
    }
  });

  it('opens a deep link by the catalog id: the personal tab without a channel', () => {
    const link = buildTeamsDeepLink({
      appId: LOCAL_APP_ID,
      entityId: 'functiewijzer',
      target: approval,
    });
    expect(resolveTeamsDeepLink(link, installed)).toEqual({
      ok: true,
      tab: {
        surface: 'personal',
        entityId: 'functiewijzer',
        channelId: null,
        subPageId: 'approval/7',
      },
    });
  });

  it('opens a channel tab only by its entity id together with its own channel', () => {
    const link = buildTeamsDeepLink({
      appId: LOCAL_APP_ID.toUpperCase(),
      entityId: 'functiewijzer-catalogus',
      channelId: '19:kanaal',
      target: approval,
    });
    expect(resolveTeamsDeepLink(link, installed)).toMatchObject({
      ok: true,
      tab: { surface: 'channel', entityId: 'functiewijzer-catalogus', channelId: '19:kanaal' },
    });
    for (const channelId of [undefined, '19:ander-kanaal']) {
      const wrong = buildTeamsDeepLink({
        appId: LOCAL_APP_ID,
        entityId: 'functiewijzer-catalogus',
        target: approval,
        ...(channelId ? { channelId } : {}),
      });
      expect(resolveTeamsDeepLink(wrong, installed).ok).toBe(false);
    }
  });

  it.each([
    ['the manifest id', { appId: LOCAL_MANIFEST_APP_ID, entityId: 'functiewijzer' }],
    ['an unknown entity id', { appId: LOCAL_APP_ID, entityId: 'bestaat-niet' }],
    [
      'the personal entity id with a channel',
      { appId: LOCAL_APP_ID, entityId: 'functiewijzer', channelId: '19:kanaal' },
    ],
  ])('refuses a deep link with %s, in executeDeepLink too', (_, parts) => {
    const link = buildTeamsDeepLink({ ...parts, target: approval });
    const resolved = resolveTeamsDeepLink(link, installed);
    expect(resolved.ok).toBe(false);
    const step = new HostSession({ ...channelTab, installed }).handle(
      request('executeDeepLink', link),
    );
    expect(step.response?.args[0]).toBe(false);
    expect(step.effects).toEqual([
      { type: 'deepLinkRefused', link, reason: resolved.ok ? '' : resolved.reason },
    ]);
  });

  it('refuses pages.navigateToApp with the manifest id', () => {
    const step = new HostSession(channelTab).handle(
      request('pages.navigateToApp', { appId: LOCAL_MANIFEST_APP_ID, pageId: 'x' }),
    );
    expect(step.response?.args[0]).toBe(false);
  });

  it('tells an expected failure (the tab shows it) from a failure (Teams covers the tab)', () => {
    const session = new HostSession(channelTab);
    expect(
      session.handle(request('appInitialization.expectedFailure', 'PermissionError', 'x')).effects,
    ).toEqual([{ type: 'expectedFailure', reason: 'PermissionError', message: 'x' }]);
  });

  describe('the 30 s loading contract', () => {
    function watch() {
      let pending: (() => void) | null = null;
      const errors: string[] = [];
      const load = new LoadWatch((reason) => errors.push(reason), {
        setTimeout: (callback, ms) => {
          expect(ms).toBe(LOAD_TIMEOUT_MS);
          pending = callback;
          return 1;
        },
        clearTimeout: () => {
          pending = null;
        },
      });
      return { load, errors, elapse: () => (pending as (() => void) | null)?.() };
    }
    const effect = (type: 'success' | 'failure' | 'expectedFailure'): HostEffect =>
      type === 'success' ? { type } : { type, reason: 'Other', message: '' };

    it('covers the tab with Teams’ error when neither success nor failure came in 30 s', () => {
      const { load, errors, elapse } = watch();
      load.start();
      elapse();
      expect(errors).toEqual(['timeout']);
      expect(LOAD_TIMEOUT_MS).toBe(30_000);
    });

    it('is settled by notifySuccess or an expected failure', () => {
      for (const type of ['success', 'expectedFailure'] as const) {
        const { load, errors, elapse } = watch();
        load.start();
        load.observe(effect(type));
        elapse();
        expect(errors).toEqual([]);
      }
    });

    it('shows Teams’ error at once on notifyFailure', () => {
      const { load, errors } = watch();
      load.start();
      load.observe(effect('failure'));
      expect(errors).toEqual(['failure']);
    });
  });
});
