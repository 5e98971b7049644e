import { compareScales, sameScale, type ScaleBounds } from '../../../domain/levels';
import { defaultLevelScale, isOnScale, type Level, type LevelScale } from '../../../domain/schema';
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
  /**
   * The scale `minLevel` is read on (its bounds): level 3 of 1–5 is not level 3 of 0–3, so a
   * role on another scale never passes a level filter. Null is 0–3, the scale of version 1.
   */
  levelScale: ScaleBounds | null;
}

export type { ScaleBounds };

export const NO_FILTERS: CatalogueFilters = {
  department: null,
  service: null,
  careerPath: null,
  status: null,
  competency: null,
  minLevel: null,
  levelScale: null,
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
  // A scale chosen without a level filters nothing.
  return Object.entries(filters).some(([key, value]) => key !== 'levelScale' && value !== null);
}

export function matchesFilters(entry: CatalogueEntry, filters: CatalogueFilters): boolean {
  if (filters.department !== null && entry.department !== filters.department) return false;
  if (filters.service !== null && entry.service !== filters.service) return false;
  if (filters.careerPath !== null && entry.careerPath !== filters.careerPath) return false;
  // A row whose status is still being checked matches no status (the catalogue says how many).
  if (filters.status !== null && entry.status.kind !== filters.status) return false;
  if (filters.competency !== null) {
    const wanted = filters.competency;
    const required = entry.competencies.find((c) => competencyKey(c.name) === wanted);
    if (!required) return false;
    // A competency without numbered levels (a functieprofiel) cannot be "at level ≥ n".
    if (filters.minLevel !== null) {
      // Levels on another scale are not compared number to number (`outsideLevelScale` counts
      // the roles this leaves out, so the catalogue can say so).
      if (!sameScale(entry.levelScale, filters.levelScale ?? DEFAULT_SCALE)) return false;
      if (required.requiredLevel === null || required.requiredLevel < filters.minLevel) {
        return false;
      }
    }
  }
  return true;
}

const DEFAULT_SCALE: ScaleBounds = defaultLevelScale();

/** One scale used by the roles that require a competency, and how many roles use it. */
export interface ScaleUse {
  /** Its titles only where every such role on these bounds names its levels alike. */
  scale: LevelScale;
  roles: number;
}

/**
 * The scales of the roles that require the competency with `key`, most used first (then the
 * lower scale first): the first is the scale the level filter is read on until the user picks
 * another. One entry when all share a scale; none when no role requires it.
 */
export function competencyScales(
  entries: readonly CatalogueEntry[],
  key: string | null,
): ScaleUse[] {
  if (key === null) return [];
  const uses: ScaleUse[] = [];
  for (const entry of entries) {
    if (!entry.competencies.some((c) => competencyKey(c.name) === key)) continue;
    const use = uses.find((u) => sameScale(u.scale, entry.levelScale));
    if (use) {
      use.roles += 1;
      if (!sameTitles(use.scale, entry.levelScale)) use.scale = { ...use.scale, titles: [] };
    } else {
      uses.push({ scale: entry.levelScale, roles: 1 });
    }
  }
  return uses.sort((a, b) => b.roles - a.roles || compareScales(a.scale, b.scale));
}

function sameTitles(a: LevelScale, b: LevelScale): boolean {
  return (
    a.titles.length === b.titles.length &&
    a.titles.every((t, i) => t.level === b.titles[i]?.level && t.title === b.titles[i]?.title)
  );
}

/**
 * The levels a user can ask "at least" of on `scale`: from its lowest up, but not 0 — on 0–3
 * level 0 is "N.v.t.", and "at least 0" would be any level (as before scales: 1, 2, 3).
 */
export function levelChoices(scale: ScaleBounds): Level[] {
  const first = Math.max(1, scale.lowest);
  return Array.from({ length: scale.highest - first + 1 }, (_, i) => first + i);
}

/** Is `level` one the level filter accepts on `scale` (`levelChoices`)? */
export function isLevelChoice(level: number, scale: ScaleBounds): boolean {
  return Number.isInteger(level) && level >= 1 && isOnScale(level, scale);
}

/**
 * The roles a level filter leaves out only because they are on another scale: those among
 * `entries` that pass every other filter and require the competency. None without a level.
 */
export function outsideLevelScale(
  entries: readonly CatalogueEntry[],
  filters: CatalogueFilters,
): { roles: number; scales: ScaleBounds[] } {
  if (filters.competency === null || filters.minLevel === null) return { roles: 0, scales: [] };
  const scale = filters.levelScale ?? DEFAULT_SCALE;
  const withoutLevel: CatalogueFilters = { ...filters, minLevel: null };
  let roles = 0;
  const scales: ScaleBounds[] = [];
  for (const entry of entries) {
    if (sameScale(entry.levelScale, scale) || !matchesFilters(entry, withoutLevel)) continue;
    roles += 1;
    if (!scales.some((s) => sameScale(s, entry.levelScale))) {
      scales.push({ lowest: entry.levelScale.lowest, highest: entry.levelScale.highest });
    }
  }
  scales.sort(compareScales);
  return { roles, scales };
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

/**
 * A row's place in the status order. A status still being checked (or unknown after a failed
 * check) comes after every known one: it is no status, so it is not ranked among them.
 */
function statusRank(entry: CatalogueEntry): number {
  const { kind } = entry.status;
  return kind === 'checking' || kind === 'unknown'
    ? STATUS_KINDS.length
    : STATUS_KINDS.indexOf(kind);
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
        return statusRank(a) - statusRank(b) || byTitle(a, b);
    }
  };
  return [...entries].sort(compare);
}
