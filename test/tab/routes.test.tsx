/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/tab/app/App';
import { resolveSubPageId, subPageIdOf } from '../../src/tab/shared/routes';
import { axeViolations, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

describe('sub-page id grammar', () => {
  test.each([
    ['role/deskundige-ict', { name: 'role', key: 'deskundige-ict' }],
    ['role:deskundige-ict', { name: 'role', key: 'deskundige-ict' }],
    ['competency/klantgerichtheid', { name: 'competency', key: 'klantgerichtheid' }],
    ['competency:Klantgerichtheid', { name: 'competency', key: 'klantgerichtheid' }],
    [
      'competency:Kennis van de wetgeving m.b.t. de gemeente',
      { name: 'competency', key: 'kennis-van-de-wetgeving-m-b-t-de-gemeente' },
    ],
    [
      'compare/deskundige-ict/leidinggevende',
      { name: 'compare', keys: ['deskundige-ict', 'leidinggevende'] },
    ],
    [
      'compare:deskundige-ict, leidinggevende,administratief-medewerker',
      { name: 'compare', keys: ['deskundige-ict', 'leidinggevende', 'administratief-medewerker'] },
    ],
    ['role%2Fdeskundige-ict', { name: 'role', key: 'deskundige-ict' }],
    ['compare/a/b/c/d', { name: 'compare', keys: ['a', 'b', 'c'] }],
  ])('%s opens %j', (subPageId, route) => {
    expect(resolveSubPageId(subPageId)).toEqual({ route, notice: null });
  });

  test.each([
    'role/',
    'role:Deskundige ICT',
    'role/deskundige-ict/extra',
    'compare/deskundige-ict',
    'compare:deskundige-ict,deskundige-ict',
    'rol/deskundige-ict',
    '{"subEntityId":"role/x"}',
    '%E0%A4%A',
    '<script>alert(1)</script>',
  ])('malformed %s opens the catalogue with a notice', (subPageId) => {
    expect(resolveSubPageId(subPageId)).toEqual({
      route: { name: 'catalogue' },
      notice: 'malformed-link',
    });
  });

  test('no sub-page id is the catalogue, without a notice', () => {
    expect(resolveSubPageId(null)).toEqual({ route: { name: 'catalogue' }, notice: null });
    expect(resolveSubPageId('  ')).toEqual({ route: { name: 'catalogue' }, notice: null });
  });

  test('an approval link opens the approval page', () => {
    expect(resolveSubPageId('approval/42')).toEqual({
      route: { name: 'approval', requestId: '42' },
      notice: null,
    });
  });

  test('every view writes a sub-page id that reopens it', () => {
    const routes = [
      { name: 'role', key: 'deskundige-ict' },
      { name: 'competency', key: 'klantgerichtheid' },
      { name: 'compare', keys: ['deskundige-ict', 'leidinggevende'] },
    ] as const;
    for (const route of routes) {
      const id = subPageIdOf({ ...route } as Parameters<typeof subPageIdOf>[0]);
      expect(id).not.toBeNull();
      expect(resolveSubPageId(id).route).toEqual(route);
    }
    expect(subPageIdOf({ name: 'catalogue' })).toBeNull();
    // A comparison still being chosen has nothing to share yet.
    expect(subPageIdOf({ name: 'compare', keys: ['deskundige-ict'] })).toBeNull();
  });
});

describe('deep links in the app', () => {
  test('a malformed sub-page id falls back to the catalogue with a gentle notice', async () => {
    const user = userEvent.setup();
    const { container } = renderApp({ subPageId: 'functie/%%%' });
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    expect(screen.getByText(/verwijst niet naar een bestaande pagina/)).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Melding sluiten' }));
    expect(screen.queryByText(/verwijst niet naar een bestaande pagina/)).not.toBeInTheDocument();
  });

  test('a new sub-page id from the host while open navigates there', async () => {
    const { rerender, host } = renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    rerender(<App host={{ ...host, subPageId: 'role/leidinggevende' }} />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Leidinggevende' }),
    ).toBeInTheDocument();
  });

  test('in-app navigation reports the sub-page id to the host', async () => {
    const user = userEvent.setup();
    const onNavigate = jest.fn();
    renderApp({ onNavigate });
    await user.click(await screen.findByRole('button', { name: 'Deskundige ICT' }));
    expect(onNavigate).toHaveBeenLastCalledWith('role/deskundige-ict');
    await user.click(await screen.findByRole('button', { name: 'Catalogus' }));
    expect(onNavigate).toHaveBeenLastCalledWith(null);
  });

  test('reports ready once, after the first data is on screen', async () => {
    const onReady = jest.fn();
    renderApp({ onReady });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    expect(onReady).toHaveBeenCalledTimes(1);
  });
});
