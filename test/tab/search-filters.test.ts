/** @jest-environment jsdom */
import type { CatalogueEntry } from '../../src/tab/shared/host-context';
import {
  filterOptions,
  matchesFilters,
  NO_FILTERS,
  sortEntries,
} from '../../src/tab/features/catalogue/filters';
import {
  buildSearchIndex,
  createSearchIndex,
  normaliseText,
  snippetAround,
} from '../../src/tab/features/catalogue/search-index';
import { catalogueEntry, generatedCatalogue, sampleRoles } from './support/fixtures';

const entries: CatalogueEntry[] = sampleRoles.map(catalogueEntry);

describe('search index', () => {
  const index = buildSearchIndex(entries);
  const keysOf = (query: string, within = entries) =>
    within.map((e) => e.key).filter((key) => index.search(query)?.has(key));

  test('an empty query matches everything (null: no search)', () => {
    expect(index.search('')).toBeNull();
    expect(index.search('   ')).toBeNull();
  });

  test('ignores case, diacritics and extra spaces', () => {
    expect(normaliseText('  Geïntegreerd   BELEID ')).toBe('geintegreerd beleid');
    expect(keysOf('GEÏNTEGREERD')).toEqual(['deskundige-ict']);
    expect(keysOf('kopieren')).toEqual([]);
  });

  test('every word must match, somewhere in the role', () => {
    expect(keysOf('ict klantgerichtheid')).toEqual(['deskundige-ict']);
    expect(index.search('ict astronaut')!.size).toBe(0);
  });

  test('the reason is the field that holds most of the words, the title first', () => {
    const hits = index.search('deskundige')!;
    expect(hits.reason('deskundige-ict')).toEqual({ field: 'title' });
    expect(hits.reason('leidinggevende')).toBeNull();
    expect(index.search('tekstverwerking')!.reason('deskundige-ict')).toEqual({
      field: 'competency',
      text: 'Tekstverwerking',
    });
    expect(index.search('loket aanvragen')!.reason('administratief-medewerker')).toEqual({
      field: 'task',
      text: 'Je helpt burgers aan het loket met hun aanvragen.',
    });
  });

  test('finds one role among 2,000 by a task', () => {
    const catalogue = generatedCatalogue(2000);
    const result = buildSearchIndex(catalogue).search('nummer 1234 ')!;
    expect(result.size).toBe(1);
    expect(result.has('functie-1234')).toBe(true);
  });

  test('built in slices, or searched before it is complete: the same, complete results', () => {
    const catalogue = generatedCatalogue(500);
    const sliced = createSearchIndex(catalogue);
    let slices = 0;
    while (!sliced.work(0)) slices += 1;
    expect(slices).toBeGreaterThan(1);
    const early = createSearchIndex(catalogue);
    expect(early.work(0)).toBe(false);
    for (const query of ['nummer 49', 'klantgericht', 'afdeling']) {
      const keys = (index: typeof sliced) =>
        catalogue.map((e) => e.key).filter((key) => index.search(query)?.has(key));
      expect(keys(early)).toEqual(keys(sliced));
    }
    expect(sliced.search('nummer 499')!.size).toBe(1);
  });

  test('a long task is shown around the part that matched', () => {
    const task =
      'Je installeert en configureert software en beheert dekstop, laptops, smartphones en tablets binnen de organisatie via centraal gestuurde cloudplatformen.';
    const snippet = snippetAround(task, 'cloudplatformen', 60);
    expect(snippet).toContain('cloudplatformen');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(62);
    expect(snippetAround('Kort.', 'kort')).toBe('Kort.');
  });
});

describe('filters and sorting', () => {
  test('options are the distinct values, sorted, without empties', () => {
    const options = filterOptions(entries);
    expect(options.departments).toEqual(['Algemeen beheer', 'Burgerzaken']);
    expect(options.careerPaths).toEqual(['B1-B3', 'C1-C3']);
    expect(options.competencies.map((c) => c.name)).toContain('Klantgerichtheid');
    // One option per competency, however many roles require it.
    expect(options.competencies.filter((c) => c.key === 'klantgerichtheid')).toHaveLength(1);
  });

  test('"vereist competentie X op niveau ≥ n" and a role without numbered levels', () => {
    const keys = (filters: typeof NO_FILTERS) =>
      entries.filter((e) => matchesFilters(e, filters)).map((e) => e.key);
    const klant = { ...NO_FILTERS, competency: 'klantgerichtheid' };
    expect(keys(klant)).toEqual(['deskundige-ict', 'leidinggevende', 'administratief-medewerker']);
    expect(keys({ ...klant, minLevel: 3 })).toEqual(['deskundige-ict']);
    expect(keys({ ...NO_FILTERS, competency: 'tekstverwerking', minLevel: 3 })).toEqual([
      'administratief-medewerker',
    ]);
    expect(keys({ ...NO_FILTERS, status: 'pending' })).toEqual(['administratief-medewerker']);
  });

  test('sorting puts roles without the value last, in either title direction', () => {
    const byDepartment = sortEntries(entries, 'department').map((e) => e.key);
    expect(byDepartment).toEqual(['deskundige-ict', 'administratief-medewerker', 'leidinggevende']);
    const byStatus = sortEntries(entries, 'status').map((e) => e.status.kind);
    expect(byStatus).toEqual(['approved', 'pending', 'draft']);
    // Numbers sort as numbers: "Functie 10" after "Functie 9".
    const numbered = sortEntries(generatedCatalogue(11), 'title-asc').map((e) => e.title);
    expect(numbered.slice(-2)).toEqual(['Functie 9', 'Functie 10']);
  });
});
