/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import type { CatalogueEntry } from '../../src/tab/shared/host-context';
import {
  rolesRequiring,
  rolesRequiringByScale,
} from '../../src/tab/features/competency/roles-requiring';
import { catalogueEntry, sampleDictionary, sampleRoles } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/** A role of another city's layout, on 1–5, requiring Klantgerichtheid at `level`. */
function onOneToFive(title: string, level: number | null): CatalogueEntry {
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
// without levels; on 1–5: four roles, one without a level.
const zeroToThree = sampleRoles.map(catalogueEntry);
const mixed: CatalogueEntry[] = [
  onOneToFive('Bibliothecaris', 2),
  ...zeroToThree,
  onOneToFive('Archivaris', 4),
  onOneToFive('Museumconsulent', 5),
  onOneToFive('Conservator', null),
];

describe('roles requiring a competency, by scale', () => {
  test('grouped by scale, the larger group first; within a group highest first, none last', () => {
    const groups = rolesRequiringByScale(mixed, 'klantgerichtheid');
    expect(
      groups.map((g) => ({ scale: g.scale, roles: g.roles.map((r) => [r.entry.title, r.level]) })),
    ).toEqual([
      {
        scale: { lowest: 1, highest: 5 },
        roles: [
          ['Museumconsulent', 5],
          ['Archivaris', 4],
          ['Bibliothecaris', 2],
          ['Conservator', null],
        ],
      },
      {
        scale: { lowest: 0, highest: 3 },
        roles: [
          ['Deskundige ICT', 3],
          ['Administratief medewerker', 2],
          ['Leidinggevende', null],
        ],
      },
    ]);
  });

  test('a 3 of 0–3 is never ranked between the levels of 1–5', () => {
    const flat = rolesRequiring(mixed, 'klantgerichtheid').map((r) => r.entry.title);
    // Bibliothecaris (2 of 1–5) stays with its scale, not after Deskundige ICT (3 of 0–3).
    expect(flat.indexOf('Bibliothecaris')).toBeLessThan(flat.indexOf('Deskundige ICT'));
    expect(flat.indexOf('Conservator')).toBeLessThan(flat.indexOf('Deskundige ICT'));
  });

  test('one scale: one group, ordered as before', () => {
    const groups = rolesRequiringByScale(zeroToThree, 'klantgerichtheid');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.roles.map((r) => r.entry.key)).toEqual([
      'deskundige-ict',
      'administratief-medewerker',
      'leidinggevende',
    ]);
    expect(rolesRequiringByScale(zeroToThree, 'onbekend')).toEqual([]);
  });
});

describe('competency page with roles on different scales', () => {
  function tableRows(table: HTMLElement): string[][] {
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

  test('one table per scale, each level named on its own scale, and a notice', async () => {
    renderApp({
      subPageId: 'competency:Klantgerichtheid',
      repositories: fakeRepositories(sampleRoles, sampleDictionary, mixed),
    });
    const first = await screen.findByRole('table', {
      name: 'Functies die Klantgerichtheid vereisen op niveauschaal 1–5 (4 functies), met het vereiste niveau',
    });
    expect(screen.getByText('7 functies vereisen deze competentie.')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Deze functies gebruiken een verschillende niveauschaal (1–5, 0–3). Ze staan per schaal gegroepeerd: een niveau op de ene schaal is niet hoger of lager dan hetzelfde getal op een andere.',
      ),
    ).toBeInTheDocument();
    expect(tableRows(first)).toEqual([
      ['Museumconsulent', 'Cultuur', 'Niveau 5 van 1–5'],
      ['Archivaris', 'Cultuur', 'Niveau 4 van 1–5'],
      ['Bibliothecaris', 'Cultuur', 'Niveau 2 van 1–5'],
      ['Conservator', 'Cultuur', 'Geen genummerde niveaus'],
    ]);
    const second = screen.getByRole('table', {
      name: 'Functies die Klantgerichtheid vereisen op niveauschaal 0–3 (3 functies), met het vereiste niveau',
    });
    expect(tableRows(second)[0]).toEqual([
      'Deskundige ICT',
      'Algemeen beheer',
      'Niveau 3 (Expert)',
    ]);
    // The dots count the role's own scale: five for 1–5.
    expect(within(first).getAllByRole('img', { name: 'Vereist niveau 5 van 5' })).toHaveLength(1);
    expect(within(second).getAllByRole('img', { name: 'Vereist niveau 3 van 3' })).toHaveLength(1);
  });

  test('one scale: no notice, one table with the caption of before', async () => {
    renderApp({ subPageId: 'competency:Klantgerichtheid' });
    await screen.findByRole('table', {
      name: 'Functies die Klantgerichtheid vereisen, met het vereiste niveau',
    });
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(screen.queryByText(/verschillende niveauschaal/)).not.toBeInTheDocument();
  });

  test('has no axe violations with two tables and the notice', async () => {
    const { container } = renderApp({
      subPageId: 'competency:Klantgerichtheid',
      repositories: fakeRepositories(sampleRoles, sampleDictionary, mixed),
    });
    await screen.findAllByRole('table');
    expect(await axeViolations(container)).toEqual([]);
  });

  test('speaks English', async () => {
    renderApp({
      locale: 'en-us',
      subPageId: 'competency:Klantgerichtheid',
      repositories: fakeRepositories(sampleRoles, sampleDictionary, mixed),
    });
    expect(
      await screen.findByRole('table', {
        name: 'Roles that require Klantgerichtheid on level scale 1–5 (4 roles), with the required level',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^These roles use different level scales \(1–5, 0–3\)/),
    ).toBeInTheDocument();
  });
});
