import { competencyKey } from '../../src/domain/text';
import {
  filterOptions,
  matchesFilters,
  NO_FILTERS,
} from '../../src/tab/features/catalogue/filters';
import { rolesRequiring } from '../../src/tab/features/competency/roles-requiring';
import { catalogueEntry, sampleRoles } from './support/fixtures';

/**
 * One key per competency: the catalogue's "vereist competentie" filter and the competency page
 * (reached by the deep link competency/<key>) must agree on which roles require a competency,
 * however its name is spelled in each role's document.
 */

const names = [
  'Klantgerichtheid',
  ' klantgerichtheid ',
  'KLANTGERICHTHEID',
  'Klant-gerichtheid',
  'Klant gerichtheid',
  'Kennis van de wetgeving m.b.t. de gemeente',
  'Kennis van de wetgeving m.b.t. de gemeente.',
  'kennis van de  wetgeving\nm.b.t. de gemeente',
  'Coördinatie',
  'Coördinatie'.normalize('NFD'),
  'coordinatie',
];

const template = catalogueEntry(sampleRoles[0]!);
const entries = [
  ...sampleRoles.map(catalogueEntry),
  ...names.map((name, i) => ({
    ...template,
    key: `rol-${i}`,
    title: `Rol ${i}`,
    competencies: [{ name, requiredLevel: ((i % 3) + 1) as 1 | 2 | 3 }],
  })),
];

const byFilter = (key: string) =>
  entries
    .filter((e) => matchesFilters(e, { ...NO_FILTERS, competency: key }))
    .map((e) => e.key)
    .sort();
const byPage = (key: string) =>
  rolesRequiring(entries, key)
    .map((r) => r.entry.key)
    .sort();

describe('one competency key for the catalogue filter and the competency page', () => {
  it.each(names.map((name, i) => [JSON.stringify(name), name, i] as const))(
    '%s: the filter and the page list the same roles',
    (_label, name, i) => {
      const key = competencyKey(name);
      expect(byPage(key)).toEqual(byFilter(key));
      expect(byFilter(key)).toContain(`rol-${i}`);
    },
  );

  it('agrees for every competency the filter offers', () => {
    const options = filterOptions(entries).competencies;
    expect(options.length).toBeGreaterThan(0);
    for (const { key } of options) {
      expect(byFilter(key).length).toBeGreaterThan(0);
      expect(byPage(key)).toEqual(byFilter(key));
    }
  });

  it('treats case, spaces, accents and punctuation as the same competency', () => {
    const same = (a: string, b: string) => competencyKey(a) === competencyKey(b);
    expect(same('Klantgerichtheid', ' KLANTGERICHTHEID ')).toBe(true);
    expect(same('Klant-gerichtheid', 'Klant gerichtheid')).toBe(true);
    expect(same('Coördinatie', 'coordinatie')).toBe(true);
    expect(
      same(
        'Kennis van de wetgeving m.b.t. de gemeente',
        'kennis van de wetgeving m.b.t. de gemeente.',
      ),
    ).toBe(true);
    expect(same('Samenwerken', 'Samenwerking')).toBe(false);
    // The key is the stored CompetentieKey and part of the deep link: URL-safe.
    expect(competencyKey('Kennis van de wetgeving m.b.t. de gemeente')).toBe(
      'kennis-van-de-wetgeving-m-b-t-de-gemeente',
    );
  });
});
