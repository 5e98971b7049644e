import type { Change, CompetencyTextAspect, ItemEdit, ScalarField } from '../domain/diff';
import type { CompetencyBlock, DescriptionKind, Level } from '../domain/schema';

/*
 * The diff in the words a director reads. The domain returns structured changes; each language's
 * table (nl.ts, en.ts) holds the words, and this one renderer puts them together, so the card,
 * the notification and the tab say the same thing in a language. Both languages read "subject,
 * what happened, details" ("Taak toegevoegd aan Taakafspraak 2", "Task added to Task agreement
 * 2"); a language with another word order would get its own sentence functions here.
 */

export interface ChangeWords {
  fields: Record<ScalarField, string>;
  /** What a result area is called in each kind of description. */
  areas: Record<DescriptionKind, string>;
  blocks: Record<CompetencyBlock, string>;
  aspects: Record<Exclude<CompetencyTextAspect, 'name'>, string>;
  /** "toegevoegd", "verwijderd", "gewijzigd" */
  ops: Record<ItemEdit['op'], string>;
  /** The preposition of a task edit in its area: added to, removed from, changed in. */
  taskIn: Record<ItemEdit['op'], string>;
  mainTask: string;
  technicalKnowledge: string;
  task: string;
  competency: string;
  /** "Naam van competentie" */
  competencyName: string;
  cluster: string;
  /** "niveau", for "niveau 2" */
  level: string;
  noLevel: string;
  noBlock: string;
  noCluster: string;
  /** "(was 'ICT')" after a removed value */
  was: (value: string) => string;
  /** "Titel van Taakafspraak 3" */
  of: (what: string, whose: string) => string;
  moved: (name: string, from: string, to: string) => string;
  reordered: string;
}

export interface SummaryWords {
  none: string;
  /** "3 wijzigingen" */
  count: (n: number) => string;
  /** " en 2 andere", after the last line shown */
  more: (n: number) => string;
}

export interface SummaryOptions {
  /** How many distinct lines to spell out before "en N andere"; an Adaptive Card stays short. */
  max?: number;
}

/** Paragraphs: naming the change is enough, the value would swamp a card. */
const LONG_FIELDS: ReadonlySet<ScalarField> = new Set(['purpose', 'position']);
/** Codes read better without quotes ("B1-B3 → B1-B4"). */
const CODE_FIELDS: ReadonlySet<ScalarField> = new Set(['key', 'kind', 'careerPath']);

function quote(text: string): string {
  return `'${text}'`;
}

function quoteEdit(edit: ItemEdit): string {
  switch (edit.op) {
    case 'added':
      return quote(edit.after);
    case 'removed':
      return quote(edit.before);
    case 'changed':
      return `${quote(edit.before)} → ${quote(edit.after)}`;
  }
}

function describeField(
  w: ChangeWords,
  field: ScalarField,
  before: string | null,
  after: string | null,
): string {
  const label = w.fields[field];
  if (LONG_FIELDS.has(field)) {
    return `${label} ${w.ops[before === null ? 'added' : after === null ? 'removed' : 'changed']}`;
  }
  const show = (value: string): string => (CODE_FIELDS.has(field) ? value : quote(value));
  if (before === null) return `${label} ${w.ops.added}: ${show(after ?? '')}`;
  if (after === null) return `${label} ${w.ops.removed} ${w.was(show(before))}`;
  return `${label} ${w.ops.changed}: ${show(before)} → ${show(after)}`;
}

/** One change as one line, in the language of `w`. */
export function describeChange(w: ChangeWords, change: Change): string {
  const levelOf = (level: Level | null): string =>
    level === null ? w.noLevel : `${w.level} ${level}`;
  const withLevel = (name: string, level: Level | null): string =>
    level === null ? name : `${name} (${levelOf(level)})`;
  switch (change.kind) {
    case 'field':
      return describeField(w, change.field, change.before, change.after);
    case 'main-task':
      return `${w.mainTask} ${w.ops[change.op]}`;
    case 'technical-knowledge':
      return `${w.technicalKnowledge} ${w.ops[change.op]}: ${quoteEdit(change)}`;
    case 'result-area-added':
    case 'result-area-removed': {
      const op = change.kind === 'result-area-added' ? 'added' : 'removed';
      return `${w.areas[change.areas]} ${change.position} ${w.ops[op]}: ${change.title}`;
    }
    case 'result-area-retitled':
      return `${w.of(w.fields.title, `${w.areas[change.areas]} ${change.position}`)} ${w.ops.changed}`;
    case 'task':
      return `${w.task} ${w.ops[change.op]} ${w.taskIn[change.op]} ${w.areas[change.areas]} ${change.areaPosition}`;
    case 'competency-added':
    case 'competency-removed': {
      const op = change.kind === 'competency-added' ? 'added' : 'removed';
      return `${w.competency} ${w.ops[op]}: ${withLevel(change.name, change.level)}`;
    }
    case 'competency-level':
      return change.before !== null && change.after !== null
        ? `${change.name}: ${w.level} ${change.before} → ${change.after}`
        : `${change.name}: ${levelOf(change.before)} → ${levelOf(change.after)}`;
    case 'competency-block': {
      const block = (b: CompetencyBlock | null): string => (b === null ? w.noBlock : w.blocks[b]);
      return w.moved(change.name, block(change.before), block(change.after));
    }
    case 'competency-cluster': {
      const show = (cluster: string | null): string =>
        cluster === null ? w.noCluster : quote(cluster);
      return `${w.of(w.cluster, change.name)} ${w.ops.changed}: ${show(change.before)} → ${show(change.after)}`;
    }
    case 'competency-text':
      return change.aspect === 'name'
        ? `${w.competencyName} ${w.ops.changed}: ${quote(change.before)} → ${quote(change.after)}`
        : `${w.of(w.aspects[change.aspect], change.name)} ${w.ops.changed}`;
    case 'competencies-reordered':
      return w.reordered;
  }
}

/**
 * One line for a card or a notification: "3 wijzigingen: Doel gewijzigd; Taak toegevoegd aan
 * Taakafspraak 2 (2×)". Identical lines are counted once with a multiplier.
 */
export function summariseChanges(
  w: ChangeWords & { summary: SummaryWords },
  changes: readonly Change[],
  options: SummaryOptions = {},
): string {
  if (changes.length === 0) return w.summary.none;
  const counts = new Map<string, number>();
  for (const change of changes) {
    const line = describeChange(w, change);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const lines = [...counts].map(([line, count]) => (count > 1 ? `${line} (${count}×)` : line));
  const max = Math.max(1, options.max ?? 5);
  const shown = lines.slice(0, max);
  const rest = lines.length - shown.length;
  const tail = rest > 0 ? w.summary.more(rest) : '';
  return `${w.summary.count(changes.length)}: ${shown.join('; ')}${tail}`;
}
