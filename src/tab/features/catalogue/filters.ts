import type { Level } from '../../../domain/schema';
import type { StatusKind } from '../../../domain/status';
import { competencyKey as domainCompetencyKey } from '../../../domain/text';
import type { CatalogueEntry } from '../../shared/host-context';

export interface CatalogueFilters {
  department: string | null;
  service: string | null;
  careerPath: string | null;
  status: StatusKind | null;
  /** `competencyKey` of the competency the role must require. */
  competency: string | null;
  /** With `competency`: the minimum required level; null accepts any level, and none. */
  minLevel: Level | null;
}

export const NO_FILTERS: CatalogueFilters = {
  department: null,
  service: null,
  careerPath: null,
  status: null,
  competency: null,
  minLevel: null,
};

export const SORT_KEYS = ['title-asc', 'title-desc', 'department', 'careerPath', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const STATUS_KINDS: readonly StatusKind[] = [
  'approved',
  'pending',
  'changed',
  'rejected',
  'draft',
];

// 2,000 roles × 35 competencies share a few hundred names: normalise each name once.
const keyCache = new Map<string, string>();
function competencyKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    key = domainCompetencyKey(name);
    keyCache.set(name, key);
  }
  return key;
}

export function hasFilters(filters: CatalogueFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

export function matchesFilters(entry: CatalogueEntry, filters: CatalogueFilters): boolean {
  if (filters.department !== null && entry.department !== filters.department) return false;
  if (filters.service !== null && entry.service !== filters.service) return false;
  if (filters.careerPath !== null && entry.careerPath !== filters.careerPath) return false;
  if (filters.status !== null && entry.status.kind !== filters.status) return false;
  if (filters.competency !== null) {
    const wanted = filters.competency;
    const required = entry.competencies.find((c) => competencyKey(c.name) === wanted);
    if (!required) return false;
    // A competency without numbered levels (a functieprofiel) cannot be "at level ≥ n".
    if (filters.minLevel !== null) {
      if (required.requiredLevel === null || required.requiredLevel < filters.minLevel) {
        return false;
      }
    }
  }
  return true;
}

export interface FilterOptions {
  departments: string[];
  services: string[];
  careerPaths: string[];
  /** One entry per competency key, named as it is first spelled in the catalogue. */
  competencies: Array<{ key: string; name: string }>;
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

function distinct(values: Iterable<string | null>): string[] {
  const set = new Set<string>();
  for (const value of values) if (value !== null) set.add(value);
  return [...set].sort(collator.compare);
}

export function filterOptions(entries: readonly CatalogueEntry[]): FilterOptions {
  const competencies = new Map<string, string>();
  for (const entry of entries) {
    for (const competency of entry.competencies) {
      const key = competencyKey(competency.name);
      if (!competencies.has(key)) competencies.set(key, competency.name.trim());
    }
  }
  return {
    departments: distinct(entries.map((e) => e.department)),
    services: distinct(entries.map((e) => e.service)),
    careerPaths: distinct(entries.map((e) => e.careerPath)),
    competencies: [...competencies]
      .map(([key, name]) => ({ key, name }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/** Empty values sort last whatever the direction: "no afdeling" is not a value to browse by. */
function compareOptional(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return collator.compare(a, b);
}

export function sortEntries(entries: readonly CatalogueEntry[], sort: SortKey): CatalogueEntry[] {
  const byTitle = (a: CatalogueEntry, b: CatalogueEntry) =>
    collator.compare(a.title, b.title) || collator.compare(a.key, b.key);
  const compare = (a: CatalogueEntry, b: CatalogueEntry): number => {
    switch (sort) {
      case 'title-asc':
        return byTitle(a, b);
      case 'title-desc':
        return -byTitle(a, b);
      case 'department':
        return compareOptional(a.department, b.department) || byTitle(a, b);
      case 'careerPath':
        return compareOptional(a.careerPath, b.careerPath) || byTitle(a, b);
      case 'status':
        return (
          STATUS_KINDS.indexOf(a.status.kind) - STATUS_KINDS.indexOf(b.status.kind) || byTitle(a, b)
        );
    }
  };
  return [...entries].sort(compare);
}
