import type { Locale } from './dates';
import { LEVELS, type FunctionContent, type Level, type LevelScale } from './schema';
import { competencyKey, taskKey } from './text';

/**
 * The level scale. The documents only number the levels (0 is spelled "N.v.t."); the names for
 * 1–3 are ours, chosen to read naturally in a compare view: Basis, Gevorderd, Expert (the
 * documents' level 3 indicators open with "Heeft een grondige kennis (expertkennis)").
 */
export interface LevelInfo {
  level: Level;
  nl: string;
  en: string;
}

export const LEVEL_SCALE: readonly LevelInfo[] = [
  { level: 0, nl: 'Niet van toepassing', en: 'Not applicable' },
  { level: 1, nl: 'Basis', en: 'Basic' },
  { level: 2, nl: 'Gevorderd', en: 'Advanced' },
  { level: 3, nl: 'Expert', en: 'Expert' },
];

/** Our name for a level of the 0–3 scale. */
export function levelLabel(level: Level, locale: Locale): string {
  const info = LEVEL_SCALE[(LEVELS as readonly number[]).indexOf(level)];
  if (!info) throw new RangeError(`Onbekend niveau ${String(level)}: verwacht 0, 1, 2 of 3.`);
  return info[locale];
}

/**
 * How a level of a document's scale is named: the document's own title for it when it has one;
 * else our name when the scale is the 0–3 one our names were made for; else only its number and
 * the scale ("niveau 3 van 1–5", worded by src/i18n).
 */
export type LevelName =
  | { kind: 'title'; level: Level; title: string }
  | { kind: 'ours'; level: Level; name: string }
  | { kind: 'numbered'; level: Level; lowest: Level; highest: Level };

export function levelName(scale: LevelScale, level: Level, locale: Locale): LevelName {
  const own = scale.titles.find((t) => t.level === level);
  if (own) return { kind: 'title', level, title: own.title };
  if (scale.lowest === 0 && scale.highest === 3 && level >= 0 && level <= 3) {
    return { kind: 'ours', level, name: levelLabel(level, locale) };
  }
  return { kind: 'numbered', level, lowest: scale.lowest, highest: scale.highest };
}

/** A scale's bounds, all that comparing needs (catalogue rows carry no titles). */
export type ScaleBounds = Pick<LevelScale, 'lowest' | 'highest'>;

/**
 * Can levels on these two scales be compared as numbers? Only when they run over the same range:
 * level 3 of 1–5 is not "the same" as level 3 of 0–3, nor higher or lower. Titles do not count:
 * two documents on 1–4 that word their levels differently still count 1 to 4.
 */
export function sameScale(a: ScaleBounds | LevelScale, b: ScaleBounds | LevelScale): boolean {
  return a.lowest === b.lowest && a.highest === b.highest;
}

/** The order scales are listed in: the lower scale first (0–3 before 1–4 before 1–5). */
export function compareScales(a: ScaleBounds, b: ScaleBounds): number {
  return a.lowest - b.lowest || a.highest - b.highest;
}

/** The scale in words a reader can check: "0–3" (the scale of version 1) or "1–5". */
export function scaleRange(scale: ScaleBounds | LevelScale): string {
  return `${scale.lowest}–${scale.highest}`;
}

/** One role's entry for a competency: not required at all, or required (maybe without a level). */
/** The level is on the role's own scale (`LevelComparison.scales`). */
export type CompetencyCell = { kind: 'absent' } | { kind: 'present'; level: Level | null };

export type RowRelation =
  /** Exactly one role has this competency. */
  | 'only-one'
  /** Fewer than two of the roles that have it give a level (e.g. a functieprofiel). */
  | 'incomparable'
  /**
   * Two or more roles give a level, but not on the same scale (1–4 beside 0–3): the numbers
   * cannot be compared, so no role is called higher.
   */
  | 'other-scales'
  /** Every role that gives a level gives the same one. */
  | 'equal'
  | 'different';

export interface CompetencyRow {
  /** The name as the first role that has it spells it. */
  name: string;
  /** One cell per role, in the order the roles were given. */
  cells: CompetencyCell[];
  relation: RowRelation;
  /** Indexes of the roles at the highest level when `relation` is 'different', else empty. */
  highest: number[];
}

export interface RoleComparison {
  key: string;
  title: string;
  /** Competencies where this role is among the highest and the levels differ. */
  higher: number;
  /** Competencies only this role has. */
  onlyHere: number;
  /** Tasks only this role has, as this role words them. */
  tasksOnlyHere: string[];
}

export interface LevelComparison {
  rows: CompetencyRow[];
  /** Each role's scale, in the order the roles were given. */
  scales: LevelScale[];
  /** Whether the roles' scales differ (some rows may then be 'other-scales'). */
  scalesDiffer: boolean;
  roles: RoleComparison[];
  /** Competencies every role has, at the same level; src/i18n words the counts as a summary. */
  sameLevel: number;
}

export type ComparedRoles =
  | readonly [FunctionContent, FunctionContent]
  | readonly [FunctionContent, FunctionContent, FunctionContent];

/**
 * Side by side for two or three roles. Competencies are matched by name as in the diff; a name a
 * role lists twice counts once, with its first level. Tasks are matched by loosely normalised text
 * and are the main tasks, the tasks of each result area, and the title of a result area that has
 * no tasks (a functieprofiel lists its resultaatsgebieden as bare bullets).
 */
export function compareLevels(roles: ComparedRoles): LevelComparison {
  if (roles.length < 2 || roles.length > 3) {
    throw new RangeError(`Vergelijk twee of drie functies (gekregen: ${String(roles.length)}).`);
  }

  const rowsByKey = new Map<string, CompetencyRow>();
  roles.forEach((role, roleIndex) => {
    for (const competency of role.competencies) {
      const key = competencyKey(competency.name);
      let row = rowsByKey.get(key);
      if (!row) {
        row = {
          name: competency.name.trim(),
          cells: roles.map((): CompetencyCell => ({ kind: 'absent' })),
          relation: 'only-one',
          highest: [],
        };
        rowsByKey.set(key, row);
      }
      if (row.cells[roleIndex]!.kind === 'absent') {
        row.cells[roleIndex] = { kind: 'present', level: competency.requiredLevel };
      }
    }
  });
  const rows = [...rowsByKey.values()];
  const scales = roles.map((role) => role.levelScale);
  for (const row of rows) classify(row, scales);

  const taskSets = roles.map(roleTasks);
  const comparisons: RoleComparison[] = roles.map((role, roleIndex) => ({
    key: role.key,
    title: role.title,
    higher: rows.filter((row) => row.highest.includes(roleIndex)).length,
    onlyHere: rows.filter(
      (row) => row.relation === 'only-one' && row.cells[roleIndex]!.kind === 'present',
    ).length,
    tasksOnlyHere: [...taskSets[roleIndex]!]
      .filter(([key]) => taskSets.every((other, i) => i === roleIndex || !other.has(key)))
      .map(([, text]) => text),
  }));
  const sameLevel = rows.filter(
    (row) => row.relation === 'equal' && row.cells.every((cell) => cell.kind === 'present'),
  ).length;

  const scalesDiffer = scales.some((scale) => !sameScale(scale, scales[0]!));
  return { rows, roles: comparisons, sameLevel, scales, scalesDiffer };
}

function classify(row: CompetencyRow, scales: readonly LevelScale[]): void {
  const present = row.cells.flatMap((cell, i) =>
    cell.kind === 'present' ? [{ i, level: cell.level, scale: scales[i]! }] : [],
  );
  const levelled = present.flatMap(({ i, level, scale }) =>
    level === null ? [] : [{ i, level, scale }],
  );
  if (present.length === 1) {
    row.relation = 'only-one';
  } else if (levelled.length < 2) {
    row.relation = 'incomparable';
  } else if (levelled.some(({ scale }) => !sameScale(scale, levelled[0]!.scale))) {
    row.relation = 'other-scales';
  } else {
    const top = Math.max(...levelled.map(({ level }) => level));
    const highest = levelled.filter(({ level }) => level === top).map(({ i }) => i);
    row.relation = highest.length === levelled.length ? 'equal' : 'different';
    row.highest = row.relation === 'different' ? highest : [];
  }
}

/** The role's tasks by normalised text, keeping the first wording. */
function roleTasks(role: FunctionContent): Map<string, string> {
  const tasks = new Map<string, string>();
  const texts = [
    ...role.mainTasks,
    ...role.resultAreas.flatMap((area) => (area.tasks.length > 0 ? area.tasks : [area.title])),
  ];
  for (const text of texts) {
    const key = taskKey(text);
    if (key !== '' && !tasks.has(key)) tasks.set(key, text);
  }
  return tasks;
}
