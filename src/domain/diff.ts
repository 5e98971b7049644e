import { diffLists, type ListEdit } from './list-diff';
import type {
  Competency,
  CompetencyBlock,
  FunctionContent,
  Level,
  LevelIndicators,
  ResultArea,
} from './schema';
import { competencyKey, nfc } from './text';

/*
 * A structural diff between two versions of a role, in the words a director reads (DESIGN §5:
 * "what changed since the last approved version"). Text is compared after NFC, exactly as the
 * content hash sees it, so the diff is empty if and only if the two hashes are equal.
 *
 * Matching: competencies by name (case-insensitive, trimmed); result areas in order by title, and
 * where titles differ, by position; tasks and other lists by a longest-common-subsequence diff.
 * Changes come in document order: general fields, purpose and main tasks, position, result areas,
 * competencies, technical knowledge.
 */

/** Single-value text fields of a description. */
export type ScalarField =
  | 'key'
  | 'kind'
  | 'title'
  | 'organisation'
  | 'department'
  | 'service'
  | 'grade'
  | 'careerPath'
  | 'purpose'
  | 'position';

/** One item of a text list added, removed or reworded. */
export type ItemEdit =
  | { op: 'added'; before: null; after: string }
  | { op: 'removed'; before: string; after: null }
  | { op: 'changed'; before: string; after: string };

export type CompetencyTextAspect = 'name' | 'definition' | 'levelTitle' | 'indicators' | 'levels';

export type Change = { summary: string } & (
  | { kind: 'field'; field: ScalarField; before: string | null; after: string | null }
  | ({ kind: 'main-task' } & ItemEdit)
  | ({ kind: 'technical-knowledge' } & ItemEdit)
  /** `position` is 1-based, in the new version (in the old one for a removal). */
  | { kind: 'result-area-added'; position: number; title: string }
  | { kind: 'result-area-removed'; position: number; title: string }
  | { kind: 'result-area-retitled'; position: number; before: string; after: string }
  | ({ kind: 'task'; areaPosition: number; areaTitle: string } & ItemEdit)
  | { kind: 'competency-added'; name: string; level: Level | null }
  | { kind: 'competency-removed'; name: string; level: Level | null }
  | { kind: 'competency-level'; name: string; before: Level | null; after: Level | null }
  | {
      kind: 'competency-block';
      name: string;
      before: CompetencyBlock | null;
      after: CompetencyBlock | null;
    }
  | { kind: 'competency-cluster'; name: string; before: string | null; after: string | null }
  | { kind: 'competency-text'; name: string; aspect: CompetencyTextAspect }
  | { kind: 'competencies-reordered' }
);

export type ChangeKind = Change['kind'];

const FIELD_LABELS: Record<ScalarField, string> = {
  key: 'Sleutel',
  kind: 'Soort',
  title: 'Titel',
  organisation: 'Organisatie',
  department: 'Afdeling',
  service: 'Dienst',
  grade: 'Graad',
  careerPath: 'Loopbaan',
  purpose: 'Doel',
  position: 'Plaats in de organisatie',
};

/** Paragraphs: naming the change is enough, the value would swamp a card. */
const LONG_FIELDS: ReadonlySet<ScalarField> = new Set(['purpose', 'position']);
/** Codes read better without quotes ("B1-B3 → B1-B4"). */
const CODE_FIELDS: ReadonlySet<ScalarField> = new Set(['key', 'kind', 'careerPath']);

const HEAD_FIELDS: readonly ScalarField[] = [
  'title',
  'key',
  'kind',
  'organisation',
  'department',
  'service',
  'grade',
  'careerPath',
  'purpose',
];

const BLOCK_LABELS: Record<CompetencyBlock, string> = {
  technical: 'technische competenties',
  behavioural: 'gedragscompetenties',
};

export function diffDescriptions(before: FunctionContent, after: FunctionContent): Change[] {
  const changes: Change[] = [];
  for (const field of HEAD_FIELDS) changes.push(...diffField(field, before[field], after[field]));
  changes.push(
    ...diffTextList(before.mainTasks, after.mainTasks, (edit) => ({
      kind: 'main-task',
      ...edit,
      summary: `Hoofdtaak ${OP_WORDS[edit.op]}`,
    })),
  );
  changes.push(...diffField('position', before.position, after.position));
  changes.push(...diffResultAreas(before.resultAreas, after.resultAreas, areaLabel(after)));
  changes.push(...diffCompetencies(before.competencies, after.competencies));
  changes.push(
    ...diffTextList(before.technicalKnowledge, after.technicalKnowledge, (edit) => ({
      kind: 'technical-knowledge',
      ...edit,
      summary: `Vaktechnische kennis ${OP_WORDS[edit.op]}: ${quoteEdit(edit)}`,
    })),
  );
  return changes;
}

export interface SummaryOptions {
  /** How many distinct lines to spell out before "en N andere"; an Adaptive Card stays short. */
  max?: number;
}

/**
 * One line for a card or a notification: "3 wijzigingen: Doel gewijzigd; Taak toegevoegd aan
 * Taakafspraak 2 (2×)". Identical summaries are counted once with a multiplier.
 */
export function summariseChanges(changes: readonly Change[], options: SummaryOptions = {}): string {
  if (changes.length === 0) return 'Geen wijzigingen';
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.summary, (counts.get(change.summary) ?? 0) + 1);
  const lines = [...counts].map(([summary, count]) =>
    count > 1 ? `${summary} (${count}×)` : summary,
  );
  const max = Math.max(1, options.max ?? 5);
  const shown = lines.slice(0, max);
  const rest = lines.length - shown.length;
  const head = changes.length === 1 ? '1 wijziging' : `${changes.length} wijzigingen`;
  const tail = rest > 0 ? ` en ${rest} andere` : '';
  return `${head}: ${shown.join('; ')}${tail}`;
}

const OP_WORDS: Record<ItemEdit['op'], string> = {
  added: 'toegevoegd',
  removed: 'verwijderd',
  changed: 'gewijzigd',
};

function sameText(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : nfc(a) === nfc(b);
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => sameText(text, b[i]!));
}

function sameLevels(a: readonly LevelIndicators[], b: readonly LevelIndicators[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (entry, i) => entry.level === b[i]!.level && sameTexts(entry.indicators, b[i]!.indicators),
    )
  );
}

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

function diffField(field: ScalarField, before: string | null, after: string | null): Change[] {
  if (sameText(before, after)) return [];
  const label = FIELD_LABELS[field];
  const show = (value: string): string => (CODE_FIELDS.has(field) ? value : quote(value));
  let summary: string;
  if (LONG_FIELDS.has(field)) {
    summary = `${label} ${before === null ? 'toegevoegd' : after === null ? 'verwijderd' : 'gewijzigd'}`;
  } else if (before === null) {
    summary = `${label} toegevoegd: ${show(after!)}`;
  } else if (after === null) {
    summary = `${label} verwijderd (was ${show(before)})`;
  } else {
    summary = `${label} gewijzigd: ${show(before)} → ${show(after)}`;
  }
  return [{ kind: 'field', field, before, after, summary }];
}

function toItemEdit(
  edit: ListEdit,
  before: readonly string[],
  after: readonly string[],
): ItemEdit | null {
  switch (edit.op) {
    case 'equal':
      return null;
    case 'added':
      return { op: 'added', before: null, after: after[edit.afterIndex]! };
    case 'removed':
      return { op: 'removed', before: before[edit.beforeIndex]!, after: null };
    case 'changed':
      return { op: 'changed', before: before[edit.beforeIndex]!, after: after[edit.afterIndex]! };
  }
}

function diffTextList(
  before: readonly string[],
  after: readonly string[],
  describe: (edit: ItemEdit) => Change,
): Change[] {
  return diffLists(before, after, sameText).flatMap((listEdit) => {
    const edit = toItemEdit(listEdit, before, after);
    return edit ? [describe(edit)] : [];
  });
}

/** A functieprofiel has resultaatsgebieden, a functiebeschrijving taakafspraken. */
function areaLabel(d: FunctionContent): string {
  return d.kind === 'functieprofiel' ? 'Resultaatsgebied' : 'Taakafspraak';
}

function diffResultAreas(
  before: readonly ResultArea[],
  after: readonly ResultArea[],
  label: string,
): Change[] {
  const changes: Change[] = [];
  const sameTitle = (a: ResultArea, b: ResultArea): boolean =>
    competencyKey(a.title) === competencyKey(b.title);
  for (const edit of diffLists(before, after, sameTitle)) {
    if (edit.op === 'added') {
      const area = after[edit.afterIndex]!;
      const position = edit.afterIndex + 1;
      changes.push({
        kind: 'result-area-added',
        position,
        title: area.title,
        summary: `${label} ${position} toegevoegd: ${area.title}`,
      });
      continue;
    }
    if (edit.op === 'removed') {
      const area = before[edit.beforeIndex]!;
      const position = edit.beforeIndex + 1;
      changes.push({
        kind: 'result-area-removed',
        position,
        title: area.title,
        summary: `${label} ${position} verwijderd: ${area.title}`,
      });
      continue;
    }
    const old = before[edit.beforeIndex]!;
    const area = after[edit.afterIndex]!;
    const position = edit.afterIndex + 1;
    const name = `${label} ${position}`;
    if (!sameText(old.title, area.title)) {
      changes.push({
        kind: 'result-area-retitled',
        position,
        before: old.title,
        after: area.title,
        summary: `Titel van ${name} gewijzigd`,
      });
    }
    changes.push(
      ...diffTextList(old.tasks, area.tasks, (itemEdit) => ({
        kind: 'task',
        areaPosition: position,
        areaTitle: area.title,
        ...itemEdit,
        summary: `Taak ${OP_WORDS[itemEdit.op]} ${TASK_PREPOSITIONS[itemEdit.op]} ${name}`,
      })),
    );
  }
  return changes;
}

const TASK_PREPOSITIONS: Record<ItemEdit['op'], string> = {
  added: 'aan',
  removed: 'uit',
  changed: 'in',
};

function levelText(level: Level | null): string {
  return level === null ? 'geen niveau' : `niveau ${level}`;
}

function withLevel(name: string, level: Level | null): string {
  return level === null ? name : `${name} (niveau ${level})`;
}

function diffCompetencies(before: readonly Competency[], after: readonly Competency[]): Change[] {
  // Pair by name; a name that occurs twice pairs first with first, second with second.
  const unmatched = new Map<string, number[]>();
  before.forEach((c, i) => {
    const key = competencyKey(c.name);
    unmatched.set(key, [...(unmatched.get(key) ?? []), i]);
  });
  const pairs: { beforeIndex: number; afterIndex: number }[] = [];
  const added: number[] = [];
  after.forEach((c, afterIndex) => {
    const beforeIndex = unmatched.get(competencyKey(c.name))?.shift();
    if (beforeIndex === undefined) added.push(afterIndex);
    else pairs.push({ beforeIndex, afterIndex });
  });
  const removed = [...unmatched.values()].flat().sort((a, b) => a - b);

  const changes: Change[] = [];
  for (const beforeIndex of removed) {
    const c = before[beforeIndex]!;
    changes.push({
      kind: 'competency-removed',
      name: c.name,
      level: c.requiredLevel,
      summary: `Competentie verwijderd: ${withLevel(c.name, c.requiredLevel)}`,
    });
  }
  for (const afterIndex of added) {
    const c = after[afterIndex]!;
    changes.push({
      kind: 'competency-added',
      name: c.name,
      level: c.requiredLevel,
      summary: `Competentie toegevoegd: ${withLevel(c.name, c.requiredLevel)}`,
    });
  }
  for (const { beforeIndex, afterIndex } of pairs) {
    changes.push(...diffCompetency(before[beforeIndex]!, after[afterIndex]!));
  }
  // Pairs are in the new order; if the old indexes are not ascending, the order changed.
  if (pairs.some((pair, k) => k > 0 && pair.beforeIndex < pairs[k - 1]!.beforeIndex)) {
    changes.push({
      kind: 'competencies-reordered',
      summary: 'Volgorde van de competenties gewijzigd',
    });
  }
  return changes;
}

function diffCompetency(old: Competency, c: Competency): Change[] {
  const name = c.name.trim();
  const changes: Change[] = [];
  const text = (aspect: CompetencyTextAspect, summary: string): void => {
    changes.push({ kind: 'competency-text', name, aspect, summary });
  };
  if (!sameText(old.name, c.name)) {
    text('name', `Naam van competentie gewijzigd: ${quote(old.name)} → ${quote(c.name)}`);
  }
  if (old.block !== c.block) {
    const from = old.block === null ? 'geen blok' : BLOCK_LABELS[old.block];
    const to = c.block === null ? 'geen blok' : BLOCK_LABELS[c.block];
    changes.push({
      kind: 'competency-block',
      name,
      before: old.block,
      after: c.block,
      summary: `${name} verplaatst van ${from} naar ${to}`,
    });
  }
  if (!sameText(old.cluster, c.cluster)) {
    const show = (cluster: string | null): string => (cluster === null ? '(geen)' : quote(cluster));
    changes.push({
      kind: 'competency-cluster',
      name,
      before: old.cluster,
      after: c.cluster,
      summary: `Cluster van ${name} gewijzigd: ${show(old.cluster)} → ${show(c.cluster)}`,
    });
  }
  if (!sameText(old.definition, c.definition))
    text('definition', `Definitie van ${name} gewijzigd`);
  const levelChanged = old.requiredLevel !== c.requiredLevel;
  if (levelChanged) {
    const summary =
      old.requiredLevel !== null && c.requiredLevel !== null
        ? `${name}: niveau ${old.requiredLevel} → ${c.requiredLevel}`
        : `${name}: ${levelText(old.requiredLevel)} → ${levelText(c.requiredLevel)}`;
    changes.push({
      kind: 'competency-level',
      name,
      before: old.requiredLevel,
      after: c.requiredLevel,
      summary,
    });
  }
  if (!sameText(old.levelTitle, c.levelTitle))
    text('levelTitle', `Niveautitel van ${name} gewijzigd`);
  if (!sameTexts(old.indicators, c.indicators)) {
    // A new level brings that level's indicators along: that is the level change, not an edit.
    const followsLevel =
      levelChanged &&
      c.levels.some(
        (entry) => entry.level === c.requiredLevel && sameTexts(entry.indicators, c.indicators),
      );
    if (!followsLevel) text('indicators', `Indicatoren van ${name} gewijzigd`);
  }
  if (!sameLevels(old.levels, c.levels))
    text('levels', `Niveaubeschrijvingen van ${name} gewijzigd`);
  return changes;
}
