import type { app } from '@microsoft/teams-js';
import { AppId } from '@microsoft/teams-js';
import { toTeamsContext } from '../../src/teams/context';

function contextWith(overrides: {
  app?: Partial<app.AppInfo>;
  page?: Partial<app.PageInfo>;
  user?: Partial<app.UserInfo>;
  team?: app.TeamInfo;
  channel?: app.ChannelInfo;
}): app.Context {
  return {
    app: {
      locale: 'nl-be',
      theme: 'default',
      sessionId: '',
      host: {
        name: 'Teams' as app.AppHostInfo['name'],
        clientType: 'web' as app.AppHostInfo['clientType'],
        sessionId: '',
      },
      ...overrides.app,
    } as app.AppInfo,
    page: {
      id: 'functiewijzer',
      frameContext: 'content' as app.PageInfo['frameContext'],
      ...overrides.page,
    } as app.PageInfo,
    user: { id: '', ...overrides.user } as app.UserInfo,
    team: overrides.team,
    channel: overrides.channel,
    dialogParameters: {},
  };
}

describe('toTeamsContext', () => {
  it('maps a channel tab opened on a deep link', () => {
    const context = toTeamsContext(
      contextWith({
        app: { theme: 'dark', locale: 'en-us' },
        page: { subPageId: 'role/deskundige-ict' },
        user: {
          userPrincipalName: 'an@stad.example',
          loginHint: 'an@stad.example',
          displayName: 'An',
        },
        team: { internalId: '19:team', displayName: 'Personeelsdienst', groupId: 'g1' },
        channel: { id: '19:channel', displayName: 'Goedkeuringen' },
      }),
    );
    expect(context).toEqual({
      appId: null,
      clientType: 'web',
      theme: 'dark',
      locale: 'en-GB',
      frameContext: 'content',
      subPageId: 'role/deskundige-ict',
      deepLink: { kind: 'role', key: 'deskundige-ict' },
      pageId: 'functiewijzer',
      user: {
        userPrincipalName: 'an@stad.example',
        loginHint: 'an@stad.example',
        displayName: 'An',
      },
      team: { id: '19:team', name: 'Personeelsdienst', groupId: 'g1' },
      channel: { id: '19:channel', name: 'Goedkeuringen' },
    });
  });

  it('treats a personal tab without a sub page as the catalogue, with no team or channel', () => {
    const context = toTeamsContext(contextWith({ page: { subPageId: '' } }));
    expect(context.subPageId).toBeNull();
    expect(context.deepLink).toBeNull();
    expect(context.team).toBeNull();
    expect(context.channel).toBeNull();
    expect(context.theme).toBe('default');
    expect(context.locale).toBe('nl-BE');
  });

  it('recognises the configuration page and ignores frame contexts the app never declares', () => {
    expect(
      toTeamsContext(
        contextWith({ page: { frameContext: 'settings' as app.PageInfo['frameContext'] } }),
      ).frameContext,
    ).toBe('settings');
    expect(
      toTeamsContext(
        contextWith({ page: { frameContext: 'meetingStage' as app.PageInfo['frameContext'] } }),
      ).frameContext,
    ).toBe('other');
  });

  it('keeps the app id Teams installed the app under, and the client type (mobile too)', () => {
    const catalogId = '3d5f8a0e-7c41-4b2a-9e6d-1f0a2b3c4d5e';
    const context = toTeamsContext(
      contextWith({
        app: {
          appId: new AppId(catalogId),
          host: {
            name: 'Teams' as app.AppHostInfo['name'],
            clientType: 'android' as app.AppHostInfo['clientType'],
            sessionId: '',
          },
        },
      }),
    );
    expect(context.appId).toBe(catalogId);
    expect(context.clientType).toBe('android');
  });
});
