/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deskundigeIct, draft, roleDetail, sampleRoles } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

function row(name: string): HTMLElement {
  const header = within(screen.getByRole('table')).getByRole('rowheader', { name });
  return header.closest('tr')!;
}

describe('compare page', () => {
  test('two roles side by side: summary, levels with "hoger", tasks only in one', async () => {
    renderApp({ subPageId: 'compare/deskundige-ict/administratief-medewerker' });
    // The suite's first render loads the lazy compare view cold: on a busy machine past 1 s.
    const table = await screen.findByRole(
      'table',
      { name: 'Vereiste niveaus per competentie, naast elkaar' },
      { timeout: 5000 },
    );
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Competentie', 'Deskundige ICT', 'Administratief medewerker']);

    // Tekstverwerking: 2 versus 3; Klantgerichtheid: 3 versus 2.
    const tekst = within(row('Tekstverwerking')).getAllByRole('cell');
    expect(tekst.map((c) => c.textContent)).toEqual(['Niveau 2', 'Niveau 3 hoger']);
    const klant = within(row('Klantgerichtheid')).getAllByRole('cell');
    expect(klant.map((c) => c.textContent)).toEqual(['Niveau 3 hoger', 'Niveau 2']);
    expect(within(row('Presentaties')).getAllByRole('cell')[1]).toHaveTextContent('Niet vereist');

    const summary = screen.getByRole('region', { name: 'Samenvatting' });
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '1 competentie op een hoger niveau in Deskundige ICT',
      '1 competentie op een hoger niveau in Administratief medewerker',
      '3 competenties enkel in Deskundige ICT',
      '6 taken enkel in Deskundige ICT',
      '1 taak enkel in Administratief medewerker',
    ]);

    const tasks = screen.getByRole('region', { name: 'Taken die maar in één functie voorkomen' });
    expect(tasks).toHaveTextContent('Enkel in Administratief medewerker');
    expect(tasks).toHaveTextContent('Je helpt burgers aan het loket met hun aanvragen.');
    // Shared by both roles: in neither list.
    expect(tasks).not.toHaveTextContent('Werkt zelfstandig en is in staat projectmatig te werken.');
  });

  test('"Enkel verschillen tonen" keeps only the rows where the roles differ', async () => {
    const user = userEvent.setup();
    // A copy of Deskundige ICT that asks Presentaties at level 2 instead of 1.
    const copy = {
      ...deskundigeIct,
      key: 'deskundige-ict-senior',
      title: 'Deskundige ICT senior',
      competencies: deskundigeIct.competencies.map((c) =>
        c.name === 'Presentaties' ? { ...c, requiredLevel: 2 as const } : c,
      ),
    };
    const roles = [...sampleRoles, roleDetail(copy, draft)];
    renderApp({
      subPageId: 'compare/deskundige-ict/deskundige-ict-senior',
      repositories: fakeRepositories(roles),
    });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('rowheader')).toHaveLength(5);
    expect(screen.getByText('4 competenties op hetzelfde niveau')).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Enkel verschillen tonen' }));
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Presentaties']);
    expect(
      within(row('Presentaties'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Niveau 1', 'Niveau 2 hoger']);
  });

  test("from a link, the pickers' catalogue is read only once the compared roles are in", async () => {
    const repositories = fakeRepositories();
    const roleReads: Array<() => void> = [];
    const getRole = repositories.getRole.getMockImplementation();
    repositories.getRole.mockImplementation(
      (key: string) =>
        new Promise((resolve, reject) => {
          roleReads.push(() => void getRole?.(key).then(resolve, reject));
        }),
    );
    renderApp({ subPageId: 'compare/deskundige-ict/administratief-medewerker', repositories });
    await waitFor(() => expect(roleReads).toHaveLength(2));
    // The two roles are asked for; the catalogue (megabytes at a city's size) waits for them.
    expect(repositories.listCatalogue).not.toHaveBeenCalled();
    roleReads.forEach((answer) => answer());
    expect(
      await screen.findByRole('table', { name: 'Vereiste niveaus per competentie, naast elkaar' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalledTimes(1));
    // Then the pickers offer the other roles too.
    expect(
      await within(screen.getByRole('combobox', { name: 'Functie 3' })).findByRole('option', {
        name: 'Leidinggevende',
      }),
    ).toBeInTheDocument();
  });

  test('a role that cannot be loaded shows the error instead of a half comparison', async () => {
    renderApp({ subPageId: 'compare/deskundige-ict/bestaat-niet' });
    expect(await screen.findByText(/Deze pagina bestaat niet/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  test('roles are chosen and removed with the pickers, at most three', async () => {
    const user = userEvent.setup();
    renderApp({ subPageId: 'role/deskundige-ict' });
    await user.click(await screen.findByRole('button', { name: 'Vergelijken met andere functie' }));
    expect(
      await screen.findByText('Kies minstens twee functies om te vergelijken.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Functie 1' })).toHaveDisplayValue(
      'Deskundige ICT',
    );

    await user.selectOptions(screen.getByRole('combobox', { name: 'Functie 2' }), 'Leidinggevende');
    expect(await screen.findByRole('table')).toBeInTheDocument();
    // The functieprofiel has no numbered levels: required, but nothing to call higher.
    expect(
      within(row('Klantgerichtheid'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Niveau 3', 'Vereist (geen niveau)']);

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Functie 3' }),
      'Administratief medewerker',
    );
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('columnheader')).toHaveLength(4),
    );
    expect(screen.queryByRole('combobox', { name: 'Functie 4' })).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Leidinggevende verwijderen uit de vergelijking' }),
    );
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('columnheader')).toHaveLength(3),
    );
  });

  test('the summary is English in an English Teams client', async () => {
    renderApp({ locale: 'en-GB', subPageId: 'compare/deskundige-ict/administratief-medewerker' });
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(within(summary).getAllByRole('listitem')[0]).toHaveTextContent(
      '1 competency at a higher level in Deskundige ICT',
    );
    expect(within(screen.getByRole('table')).getAllByRole('cell')[0]).toHaveTextContent('Level 2');
  });

  test('has no axe violations in the light, dark and high-contrast themes', async () => {
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      const { container, unmount } = renderApp({
        theme,
        subPageId: 'compare/deskundige-ict/leidinggevende/administratief-medewerker',
      });
      await screen.findByRole('table');
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });
});
