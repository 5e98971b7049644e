/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CatalogueEntry } from '../../src/tab/shared/host-context';
import { catalogueEntry, sampleDictionary, sampleRoles } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

function titles(): string[] {
  return within(screen.getByRole('list', { name: 'Functies' }))
    .getAllByRole('listitem')
    .map((item) => within(item).getAllByRole('button')[0]!.textContent ?? '');
}

/** A role of another city's layout, on 1–5, requiring Klantgerichtheid at `level`. */
function onOneToFive(title: string, level: number): CatalogueEntry {
  return {
    key: title.toLowerCase().replace(/\s+/g, '-'),
    kind: 'functiebeschrijving',
    title,
    department: 'Cultuur',
    service: null,
    grade: null,
    careerPath: 'B1-B3',
    status: { kind: 'draft' },
    tasks: [],
    competencies: [{ name: 'Klantgerichtheid', requiredLevel: level }],
    levelScale: { lowest: 1, highest: 5, titles: [] },
  };
}

// Klantgerichtheid on 0–3: Deskundige ICT at 3, administratief medewerker at 2, leidinggevende
// without levels; on 1–5: three roles at 2, 4 and 5.
const mixed: CatalogueEntry[] = [
  ...sampleRoles.map(catalogueEntry),
  onOneToFive('Bibliothecaris', 2),
  onOneToFive('Archivaris', 4),
  onOneToFive('Museumconsulent', 5),
];
const repositories = () => fakeRepositories(sampleRoles, sampleDictionary, mixed);

describe('the catalogue’s level filter on roles with different scales', () => {
  test('read on one scale; the roles on the other are named in a notice, not mixed in', async () => {
    const user = userEvent.setup();
    renderApp({ repositories: repositories() });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    // No competency chosen: no choice of scale.
    expect(screen.queryByRole('combobox', { name: 'Niveauschaal' })).not.toBeInTheDocument();

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Vereist competentie' }),
      'Klantgerichtheid',
    );
    expect(titles()).toHaveLength(6);
    const scale = screen.getByRole('combobox', { name: 'Niveauschaal' });
    expect(
      within(scale)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['0–3 (3 functies)', '1–5 (3 functies)']);
    expect(scale).toHaveValue('0–3');
    const level = screen.getByRole('combobox', { name: 'Op niveau' });
    expect(
      within(level)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Elk niveau', 'Niveau 1 of hoger', 'Niveau 2 of hoger', 'Niveau 3 of hoger']);

    await user.selectOptions(level, 'Niveau 3 of hoger');
    expect(titles()).toEqual(['Deskundige ICT']);
    expect(
      screen.getByText(
        '3 functies met een andere niveauschaal (1–5) vallen buiten deze niveaufilter. Kies bij Niveauschaal een andere schaal om die functies op niveau te filteren.',
      ),
    ).toBeInTheDocument();

    // On 1–5 the level is not carried over (3 of 0–3 is not 3 of 1–5), and the choices change.
    await user.selectOptions(scale, '1–5');
    expect(level).toHaveValue('');
    expect(screen.queryByText(/vallen buiten deze niveaufilter/)).not.toBeInTheDocument();
    expect(
      within(level)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('Niveau 4 of hoger (schaal 1–5)');
    await user.selectOptions(level, 'Niveau 4 of hoger (schaal 1–5)');
    expect(titles()).toEqual(['Archivaris', 'Museumconsulent']);
    expect(screen.getByText(/^3 functies met een andere niveauschaal \(0–3\)/)).toBeInTheDocument();
    // "Any level" keeps the scale chosen.
    await user.selectOptions(level, 'Elk niveau');
    expect(scale).toHaveValue('1–5');
    expect(titles()).toHaveLength(6);
    await user.selectOptions(level, 'Niveau 4 of hoger (schaal 1–5)');

    // A department filter counts in the notice too: the 0–3 roles outside it are not named.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Afdeling' }), 'Cultuur');
    expect(screen.queryByText(/vallen buiten deze niveaufilter/)).not.toBeInTheDocument();
  });

  test('roles that all share a scale: no choice of scale and no notice, as before', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Vereist competentie' }),
      'Klantgerichtheid',
    );
    expect(screen.queryByRole('combobox', { name: 'Niveauschaal' })).not.toBeInTheDocument();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Op niveau' }),
      'Niveau 2 of hoger',
    );
    expect(titles()).toEqual(['Administratief medewerker', 'Deskundige ICT']);
    expect(screen.queryByText(/niveaufilter/)).not.toBeInTheDocument();
  });

  test('a competency whose roles are on 1–5 only reads its levels there', async () => {
    const user = userEvent.setup();
    const only = [onOneToFive('Archivaris', 4), onOneToFive('Bibliothecaris', 2)];
    renderApp({ repositories: fakeRepositories(sampleRoles, sampleDictionary, only) });
    await screen.findByRole('button', { name: 'Archivaris' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Vereist competentie' }),
      'Klantgerichtheid',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Op niveau' }),
      'Niveau 3 of hoger (schaal 1–5)',
    );
    expect(titles()).toEqual(['Archivaris']);
  });

  test('another competency keeps the level only when its filter reads the same scale', async () => {
    const user = userEvent.setup();
    const archivist: CatalogueEntry = {
      ...onOneToFive('Archivaris', 4),
      competencies: [{ name: 'Archiefbeheer', requiredLevel: 4 }],
    };
    renderApp({
      repositories: fakeRepositories(sampleRoles, sampleDictionary, [
        ...sampleRoles.map(catalogueEntry),
        archivist,
      ]),
    });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    const competency = screen.getByRole('combobox', { name: 'Vereist competentie' });
    const level = screen.getByRole('combobox', { name: 'Op niveau' });
    await user.selectOptions(competency, 'Klantgerichtheid');
    await user.selectOptions(level, 'Niveau 3 of hoger');
    // Tekstverwerking is on 0–3 too: "niveau 3 of hoger" still means the same.
    await user.selectOptions(competency, 'Tekstverwerking');
    expect(level).toHaveValue('3');
    // Archiefbeheer's only role is on 1–5: a 3 of 0–3 is not carried onto it.
    await user.selectOptions(competency, 'Archiefbeheer');
    expect(level).toHaveValue('');
    expect(titles()).toEqual(['Archivaris']);
  });

  test('speaks English', async () => {
    const user = userEvent.setup();
    renderApp({ locale: 'en-us', repositories: repositories() });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Requires competency' }),
      'Klantgerichtheid',
    );
    expect(screen.getByRole('combobox', { name: 'Level scale' })).toHaveValue('0–3');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'At level' }),
      'Level 2 or higher',
    );
    expect(
      screen.getByText(/^3 roles with a different level scale \(1–5\) are not covered/),
    ).toBeInTheDocument();
  });

  test('the notice and the scale choice have no axe violations', async () => {
    const user = userEvent.setup();
    const { container } = renderApp({ repositories: repositories() });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Vereist competentie' }),
      'Klantgerichtheid',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Op niveau' }),
      'Niveau 2 of hoger',
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
