/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import { resolveSubPageId } from '../../src/tab/shared/routes';
import { parseSubPageId } from '../../src/teams/deep-link';
import { renderApp } from '../tab/support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('../tab/support/sync-views'));

/**
 * Anyone can craft a Teams deep link, so `page.subPageId` is hostile input: whatever it holds,
 * the tab opens on the catalogue with a notice and never throws or fetches a path built from it.
 */

const MALFORMED: Array<[string, string]> = [
  ['garbage', '\u0000\u0001\uFFFF💥'],
  ['too long', `role/${'a'.repeat(100_000)}`],
  ['too long approval id', `approval/${'1'.repeat(65)}`],
  ['path traversal', 'role/../../_emulator/reset'],
  ['encoded path traversal', 'role%2F..%2F..%2Fsites'],
  ['traversal in a comparison', 'compare/deskundige-ict/../leidinggevende'],
  ['backslash traversal', 'role/..\\..\\etc'],
  ['JSON injection', '{"kind":"role","key":"deskundige-ict","__proto__":{"admin":true}}'],
  ['JSON with a role', '"role/deskundige-ict"'],
  ['prototype key', 'role/__proto__'],
  ['unknown kind', 'admin/deskundige-ict'],
  ['unknown alias', 'delete:deskundige-ict'],
  ['query string', 'role/deskundige-ict?$expand=fields'],
  ['OData filter', 'approval/1 or 1 eq 1'],
  ['script', 'role/<script>alert(1)</script>'],
  ['javascript URL', 'javascript:alert(1)'],
  ['too many roles', `compare/${Array.from({ length: 50 }, (_, i) => `r${i}`).join('/')}`],
  ['bad percent escape', 'role%ZZ%'],
  ['RTL override', 'role/deskundige\u202E-ict'],
];

describe('malformed deep-link context', () => {
  test.each(MALFORMED)('%s opens the catalogue with a notice', (_name, subPageId) => {
    expect(() => parseSubPageId(subPageId)).not.toThrow();
    expect(resolveSubPageId(subPageId)).toEqual({
      route: { name: 'catalogue' },
      notice: 'malformed-link',
    });
  });

  test.each(MALFORMED.filter((_, i) => i % 4 === 0 || i === 3 || i === 7))(
    'the tab given %s shows the catalogue and the notice, and asks for no role',
    async (_name, subPageId) => {
      const { host } = renderApp({ subPageId });
      expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
      expect(screen.getByText(/verwijst niet naar een bestaande pagina/)).toBeInTheDocument();
      // Nothing derived from the link reached the data layer.
      const getRole = host.repositories.getRole as jest.Mock;
      expect(getRole).not.toHaveBeenCalled();
    },
  );

  test('a key up to the FunctieKey column length (255) is a link; one character more is not', () => {
    const longest = 'a'.repeat(255);
    expect(resolveSubPageId(`role/${longest}`)).toEqual({
      route: { name: 'role', key: longest },
      notice: null,
    });
    expect(resolveSubPageId(`role:${longest}a`).notice).toBe('malformed-link');
    expect(resolveSubPageId(`compare/${longest}a/deskundige-ict`).notice).toBe('malformed-link');
  });

  test('a well-formed link to a role that does not exist shows a not-found state, not a crash', async () => {
    renderApp({ subPageId: 'role/bestaat-niet' });
    expect(await screen.findByText(/bestaat niet|niet gevonden/i)).toBeInTheDocument();
  });
});
