import type { app } from '@microsoft/teams-js';
import { toTeamsContext } from '../../src/teams/context';

/**
 * The Teams context arrives by postMessage from whatever frames the tab; its values are not
 * guaranteed to have the types teams-js declares. A hostile or broken host gives a context the
 * tab can still open on the catalogue with: no throw, no deep link, known theme and locale.
 */

function hostileContext(
  page: Record<string, unknown>,
  appInfo: Record<string, unknown>,
): app.Context {
  // The casts are the point: a host can send anything in these fields.
  return {
    app: {
      sessionId: '',
      host: { name: 'Teams', clientType: 'web', sessionId: '' },
      ...appInfo,
    } as unknown as app.AppInfo,
    page: { id: 'functiewijzer', frameContext: 'content', ...page } as unknown as app.PageInfo,
    user: { id: '' } as app.UserInfo,
    dialogParameters: {},
  };
}

describe('a hostile Teams context', () => {
  test.each<[string, unknown]>([
    ['a number', 42],
    ['an object', { kind: 'role', key: 'deskundige-ict' }],
    ['an array', ['role', 'deskundige-ict']],
    ['traversal', '../../_emulator/reset'],
    ['a 100,000-character string', `role/${'a'.repeat(100_000)}`],
  ])('a sub-page id that is %s gives no deep link', (_name, subPageId) => {
    const context = toTeamsContext(
      hostileContext({ subPageId }, { theme: 'default', locale: 'nl-be' }),
    );
    expect(context.deepLink).toBeNull();
  });

  test('an unknown theme, a garbage locale and an odd frame context fall back to defaults', () => {
    const context = toTeamsContext(
      hostileContext(
        { frameContext: '<script>', subPageId: 'role/deskundige-ict' },
        { theme: '"><img src=x onerror=alert(1)>', locale: '../../etc/passwd' },
      ),
    );
    expect(['default', 'dark', 'contrast']).toContain(context.theme);
    expect(['nl-BE', 'en']).toContain(context.locale);
    expect(context.frameContext).toBe('other');
    // The well-formed link itself is still honoured.
    expect(context.deepLink).toEqual({ kind: 'role', key: 'deskundige-ict' });
  });
});
