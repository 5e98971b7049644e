import type { CatalogueEntry } from '../../src/tab/shared/host-context';
import {
  competencyScales,
  hasFilters,
  isLevelChoice,
  levelChoices,
  matchesFilters,
  NO_FILTERS,
  outsideLevelScale,
  type CatalogueFilters,
} from '../../src/tab/features/catalogue/filters';
import { catalogueEntry, sampleRoles } from './support/fixtures';

/** A role on 1–5 (another city's layout) requiring Klantgerichtheid at `level`. */
function onOneToFive(
  key: string,
  level: number | null,
  department = 'Burgerzaken',
): CatalogueEntry {
  return {
    key,
    kind: 'functiebeschrijving',
    title: key,
    department,
    service: null,
    grade: null,
    careerPath: 'B1-B3',
    status: { kind: 'draft' },
    tasks: [],
    competencies: [{ name: 'Klantgerichtheid', requiredLevel: level }],
    levelScale: { lowest: 1, highest: 5, titles: [] },
  };
}

// Klantgerichtheid on 0–3: ICT at 3, administratief medewerker at 2, leidinggevende without levels.
const zeroToThree = sampleRoles.map(catalogueEntry);
const mixed = [
  ...zeroToThree,
  onOneToFive('vijf-twee', 2),
  onOneToFive('vijf-vier', 4),
  onOneToFive('vijf-vijf', 5, 'Cultuur'),
];
const klant: CatalogueFilters = { ...NO_FILTERS, competency: 'klantgerichtheid' };
const keys = (entries: readonly CatalogueEntry[], filters: CatalogueFilters) =>
  entries.filter((e) => matchesFilters(e, filters)).map((e) => e.key);

describe('the level filter on roles with different level scales', () => {
  test('the scales of the roles requiring a competency, most used first', () => {
    expect(competencyScales(mixed, 'klantgerichtheid')).toEqual([
      { scale: { lowest: 0, highest: 3, titles: [] }, roles: 3 },
      { scale: { lowest: 1, highest: 5, titles: [] }, roles: 3 },
    ]);
    expect(competencyScales(zeroToThree, 'klantgerichtheid')).toHaveLength(1);
    expect(competencyScales(mixed, null)).toEqual([]);
    expect(competencyScales(mixed, 'onbekend')).toEqual([]);
  });

  test('a 3 of 0–3 is not a 3 of 1–5: each level is read on the filter’s scale only', () => {
    const onZeroToThree = { ...klant, minLevel: 3, levelScale: { lowest: 0, highest: 3 } };
    expect(keys(mixed, onZeroToThree)).toEqual(['deskundige-ict']);
    const onOneToFiveFilter = { ...klant, minLevel: 3, levelScale: { lowest: 1, highest: 5 } };
    expect(keys(mixed, onOneToFiveFilter)).toEqual(['vijf-vier', 'vijf-vijf']);
  });

  test('a role on the filter’s scale is still filtered by ≥, and null levels never pass', () => {
    const filters = { ...klant, minLevel: 2, levelScale: { lowest: 0, highest: 3 } };
    expect(keys(mixed, filters)).toEqual(['deskundige-ict', 'administratief-medewerker']);
    // Without a level every role requiring the competency is shown, whatever its scale.
    expect(keys(mixed, klant)).toHaveLength(6);
    // No scale in the state is 0–3, the scale of version 1 (as before scales).
    expect(keys(zeroToThree, { ...klant, minLevel: 3 })).toEqual(['deskundige-ict']);
  });

  test('the notice’s count: roles left out only for their scale, naming the scales', () => {
    const filters = { ...klant, minLevel: 2, levelScale: { lowest: 0, highest: 3 } };
    expect(outsideLevelScale(mixed, filters)).toEqual({
      roles: 3,
      scales: [{ lowest: 1, highest: 5 }],
    });
    // Other filters still apply: only the 1–5 roles the department filter lets through count.
    expect(outsideLevelScale(mixed, { ...filters, department: 'Cultuur' })).toEqual({
      roles: 1,
      scales: [{ lowest: 1, highest: 5 }],
    });
    // Read on 1–5, it is the 0–3 roles that fall outside.
    expect(
      outsideLevelScale(mixed, { ...klant, minLevel: 4, levelScale: { lowest: 1, highest: 5 } }),
    ).toEqual({ roles: 3, scales: [{ lowest: 0, highest: 3 }] });
    // Nothing to say without a level, or when all roles share the scale.
    expect(outsideLevelScale(mixed, klant)).toEqual({ roles: 0, scales: [] });
    expect(outsideLevelScale(zeroToThree, { ...klant, minLevel: 2 })).toEqual({
      roles: 0,
      scales: [],
    });
  });

  test('the level choices per scale; a level not on it is refused', () => {
    expect(levelChoices({ lowest: 0, highest: 3 })).toEqual([1, 2, 3]);
    expect(levelChoices({ lowest: 1, highest: 5 })).toEqual([1, 2, 3, 4, 5]);
    expect(isLevelChoice(4, { lowest: 0, highest: 3 })).toBe(false);
    expect(isLevelChoice(0, { lowest: 0, highest: 3 })).toBe(false);
    expect(isLevelChoice(2.5, { lowest: 1, highest: 5 })).toBe(false);
    expect(isLevelChoice(5, { lowest: 1, highest: 5 })).toBe(true);
  });

  test('a scale chosen without a level is no filter', () => {
    expect(hasFilters({ ...NO_FILTERS, levelScale: { lowest: 1, highest: 5 } })).toBe(false);
    expect(hasFilters({ ...klant, levelScale: { lowest: 1, highest: 5 } })).toBe(true);
  });

  test('titles are kept only where every role on the bounds names its levels alike', () => {
    const titled = (key: string, title: string): CatalogueEntry => ({
      ...onOneToFive(key, 3),
      levelScale: { lowest: 1, highest: 5, titles: [{ level: 3, title }] },
    });
    expect(competencyScales([titled('a', 'Zelfstandig')], 'klantgerichtheid')[0]?.scale).toEqual({
      lowest: 1,
      highest: 5,
      titles: [{ level: 3, title: 'Zelfstandig' }],
    });
    const two = competencyScales(
      [titled('a', 'Zelfstandig'), titled('b', 'Anders')],
      'klantgerichtheid',
    );
    expect(two).toEqual([{ scale: { lowest: 1, highest: 5, titles: [] }, roles: 2 }]);
  });
});
