/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ForbiddenError } from '../../src/graph/errors';
import { generatedCatalogue, sampleRoles } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

function listItems(): HTMLElement[] {
  return within(screen.getByRole('list', { name: 'Functies' })).getAllByRole('listitem');
}

function titles(): string[] {
  return listItems().map((item) => within(item).getAllByRole('button')[0]!.textContent ?? '');
}

describe('catalogue', () => {
  test('lists every role with title, afdeling, dienst, loopbaan and status', async () => {
    renderApp();
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Functies' })).toBeInTheDocument();
    const items = listItems();
    expect(items).toHaveLength(3);
    const ict = items.find((item) => within(item).queryByText('Deskundige ICT'))!;
    expect(ict).toHaveTextContent('Afdeling: Algemeen beheer');
    expect(ict).toHaveTextContent('Dienst: ICT');
    expect(ict).toHaveTextContent('Loopbaan: B1-B3');
    expect(within(ict).getByText('Goedgekeurd op 9 februari 2023')).toBeInTheDocument();
    expect(items[0]).toHaveAttribute('aria-setsize', '3');
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('3 functies');
  });

  test('typing in the searchbox filters as you type and says why a role matched', async () => {
    const user = userEvent.setup();
    renderApp();
    const search = await screen.findByRole('searchbox', { name: /zoek op functie/i });

    // A competency name, typed without capitals: every role that requires it.
    await user.type(search, 'klantgericht');
    await waitFor(() => {
      expect(listItems()).toHaveLength(3);
      for (const item of listItems()) {
        expect(item).toHaveTextContent('Gevonden in: Competentie: Klantgerichtheid');
      }
    });
    await user.type(search, 'heid samen');
    // Both words must match: only the functieprofiel also requires "Samenwerken".
    await waitFor(() => expect(titles()).toEqual(['Leidinggevende']));
    expect(listItems()[0]).toHaveTextContent(
      /Gevonden in: Competentie: (Klantgerichtheid|Samenwerken)/,
    );

    await user.clear(search);
    await user.type(search, 'Loket');
    await waitFor(() => expect(titles()).toEqual(['Administratief medewerker']));
    expect(listItems()[0]).toHaveTextContent(
      'Gevonden in: Taak: Je helpt burgers aan het loket met hun aanvragen.',
    );

    // A task, with the diacritic left out ("geïntegreerd").
    await user.clear(search);
    await user.type(search, 'geintegreerd beleid');
    await waitFor(() => expect(titles()).toEqual(['Deskundige ICT']));
    expect(listItems()[0]).toHaveTextContent(
      'Gevonden in: Taak: Werkt mee aan een geïntegreerd beleid voor de organisatie.',
    );

    // A title; "leiding" alone would also find "hand*leiding*en" in a task of Deskundige ICT.
    await user.clear(search);
    await user.type(search, 'leidinggev');
    await waitFor(() => expect(titles()).toEqual(['Leidinggevende']));
    expect(listItems()[0]).toHaveTextContent('Gevonden in: Titel');
  });

  test('nothing found: an empty state that clears the search', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByRole('searchbox'), 'astronaut');
    expect(await screen.findByText('Geen functies gevonden')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Functies' })).not.toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Zoekterm en filters wissen' })[0]!);
    await waitFor(() => expect(listItems()).toHaveLength(3));
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  test('filters by afdeling, status and "competentie op niveau ≥ n"', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Afdeling' }), 'Burgerzaken');
    expect(titles()).toEqual(['Administratief medewerker']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Afdeling' }), 'Alle');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Concept');
    expect(titles()).toEqual(['Leidinggevende']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Alle');

    // Klantgerichtheid: ICT at 3, administratief medewerker at 2, leidinggevende without levels.
    const level = screen.getByRole('combobox', { name: 'Op niveau' });
    expect(level).toBeDisabled();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Vereist competentie' }),
      'Klantgerichtheid',
    );
    expect(titles()).toEqual(['Administratief medewerker', 'Deskundige ICT', 'Leidinggevende']);
    await user.selectOptions(level, 'Niveau 2 of hoger');
    expect(titles()).toEqual(['Administratief medewerker', 'Deskundige ICT']);
    await user.selectOptions(level, 'Niveau 3 of hoger');
    expect(titles()).toEqual(['Deskundige ICT']);
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('1 van 3 functies');
  });

  test('sorts by title both ways and by loopbaan', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    expect(titles()).toEqual(['Administratief medewerker', 'Deskundige ICT', 'Leidinggevende']);
    const sort = screen.getByRole('combobox', { name: 'Sorteren op' });
    await user.selectOptions(sort, 'Titel (Z–A)');
    expect(titles()).toEqual(['Leidinggevende', 'Deskundige ICT', 'Administratief medewerker']);
    await user.selectOptions(sort, 'Loopbaan');
    // B1-B3 before C1-C3; a role without loopbaan last.
    expect(titles()).toEqual(['Deskundige ICT', 'Administratief medewerker', 'Leidinggevende']);
  });

  test('an error shows "Opnieuw proberen", which loads again', async () => {
    const user = userEvent.setup();
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockRejectedValueOnce(
      new ForbiddenError('U hebt geen toestemming voor deze actie.'),
    );
    renderApp({ repositories });
    const retry = await screen.findByRole('button', { name: 'Opnieuw proberen' });
    expect(screen.getByText(/geen toegang tot deze gegevens/i)).toBeInTheDocument();
    // A refusal is not retried behind the user's back.
    expect(repositories.listCatalogue).toHaveBeenCalledTimes(1);
    await user.click(retry);
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    expect(repositories.listCatalogue).toHaveBeenCalledTimes(2);
  });

  test('an empty catalogue says so', async () => {
    renderApp({ repositories: fakeRepositories([], [], []) });
    expect(await screen.findByText(/Er zijn nog geen functies/)).toBeInTheDocument();
  });

  test('2,000 roles: only the visible rows are rendered, search still reaches every role', async () => {
    const user = userEvent.setup();
    const catalogue = generatedCatalogue(2000);
    renderApp({ repositories: fakeRepositories(sampleRoles, [], catalogue) });
    await screen.findByRole('list', { name: 'Functies' });
    const rendered = listItems();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveAttribute('aria-setsize', '2000');
    await user.type(screen.getByRole('searchbox'), 'taak nummer 1999');
    await waitFor(() => expect(titles()).toEqual(['Functie 1999']));
    expect(listItems()[0]).toHaveAttribute('aria-setsize', '1');
  });

  test('ticking two roles opens the comparison', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    const compare = screen.getByRole('button', { name: 'Vergelijk selectie' });
    expect(compare).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Vergelijken: Deskundige ICT' }));
    await user.click(
      screen.getByRole('checkbox', { name: 'Vergelijken: Administratief medewerker' }),
    );
    expect(screen.getByText('2 functies geselecteerd')).toBeInTheDocument();
    await user.click(compare);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Functies vergelijken' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  test('a role opens on click, and "Terug" returns to the same search', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.type(await screen.findByRole('searchbox'), 'ict');
    await waitFor(() => expect(titles()).toEqual(['Deskundige ICT']));
    await user.click(screen.getByRole('button', { name: 'Deskundige ICT' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' });
    expect(heading).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Terug' }));
    expect(await screen.findByRole('searchbox')).toHaveValue('ict');
    expect(titles()).toEqual(['Deskundige ICT']);
  });

  test('has no axe violations in the light, dark and high-contrast themes', async () => {
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      const { container, unmount } = renderApp({ theme });
      await screen.findByRole('button', { name: 'Deskundige ICT' });
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });

  test('speaks English when the Teams locale is English', async () => {
    renderApp({ locale: 'en-us', repositories: fakeRepositories(sampleRoles.slice(0, 1)) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Roles' })).toBeInTheDocument();
    expect(await screen.findByText('Approved on 9 February 2023')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: /search by role/i })).toBeInTheDocument();
  });
});
