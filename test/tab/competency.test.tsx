/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

function tableRows(): string[][] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [
      within(row).getByRole('rowheader').textContent ?? '',
      ...within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? ''),
    ]);
}

describe('competency page', () => {
  test('shows the definition and every level from the dictionary', async () => {
    renderApp({ subPageId: 'competency/klantgerichtheid' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Klantgerichtheid' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Gedragscompetentie · Cluster: Beheersmatige vaardigheden'),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Definitie' })).toHaveTextContent(
      'de legitieme behoeften van verschillende soorten (interne en externe) klanten onderkennen',
    );
    const levels = screen.getByRole('region', { name: 'Niveaus' });
    expect(
      within(levels)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual([
      'Niveau 0 (Niet van toepassing)',
      'Niveau 1 (Basis)',
      'Niveau 2 (Gevorderd)',
      'Niveau 3 (Expert)',
    ]);
    expect(levels).toHaveTextContent('Vraagt feedback en zorgt voor opvolging van de klant.');
  });

  test('lists every role that requires it, at which level, highest first', async () => {
    renderApp({ subPageId: 'competency:Klantgerichtheid' });
    await screen.findByRole('table', {
      name: 'Functies die Klantgerichtheid vereisen, met het vereiste niveau',
    });
    expect(screen.getByText('3 functies vereisen deze competentie.')).toBeInTheDocument();
    expect(tableRows()).toEqual([
      // Named on the role's own scale (0–3 has our names), as the role page names them.
      ['Deskundige ICT', 'Algemeen beheer', 'Niveau 3 (Expert)'],
      ['Administratief medewerker', 'Burgerzaken', 'Niveau 2 (Gevorderd)'],
      ['Leidinggevende', '—', 'Geen genummerde niveaus'],
    ]);
    expect(screen.getAllByRole('img', { name: 'Vereist niveau 3 van 3' })).toHaveLength(1);
  });

  test('a role in the list opens its page', async () => {
    const user = userEvent.setup();
    renderApp({ subPageId: 'competency/klantgerichtheid' });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Administratief medewerker' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Administratief medewerker' }),
    ).toBeInTheDocument();
  });

  test('a competency only the roles know still lists them, and says the dictionary lacks it', async () => {
    renderApp({ subPageId: 'competency/samenwerken' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Samenwerken' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/staat niet in het woordenboek/)).toBeInTheDocument();
    expect(tableRows()).toEqual([['Leidinggevende', '—', 'Geen genummerde niveaus']]);
  });

  test('an unknown competency says so', async () => {
    renderApp({ subPageId: 'competency/vliegen' });
    expect(await screen.findByText(/Deze competentie bestaat niet/)).toBeInTheDocument();
  });

  test('has no axe violations in the light, dark and high-contrast themes', async () => {
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      const { container, unmount } = renderApp({ theme, subPageId: 'competency/klantgerichtheid' });
      await screen.findByRole('table');
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });
});
