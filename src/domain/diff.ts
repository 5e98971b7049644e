import { diffLists, type ListEdit } from './list-diff';
import type {
  Competency,
  CompetencyBlock,
  DescriptionKind,
  FunctionContent,
  Level,
  LevelIndicators,
  ResultArea,
} from './schema';
import { competencyKey, nfc } from './text';

/*
 * A structural diff between two versions of a role (DESIGN §5: "what changed since the last
 * approved version"). Text is compared after NFC, exactly as the content hash sees it, so the diff
 * is empty if and only if the two hashes are equal. The changes carry no words: each language
 * renders them (src/i18n, `describeChange`), so the card and the tab say the same thing.
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

/**
 * Result-area changes carry the new version's kind: a functieprofiel has resultaatsgebieden, a
 * functiebeschrijving taakafspraken, and the renderers name them so.
 */
export type Change =
  | { kind: 'field'; field: ScalarField; before: string | null; after: string | null }
  | ({ kind: 'main-task' } & ItemEdit)
  | ({ kind: 'technical-knowledge' } & ItemEdit)
  /** `position` is 1-based, in the new version (in the old one for a removal). */
  | { kind: 'result-area-added'; areas: DescriptionKind; position: number; title: string }
  | { kind: 'result-area-removed'; areas: DescriptionKind; position: number; title: string }
  | {
      kind: 'result-area-retitled';
      areas: DescriptionKind;
      position: number;
      before: string;
      after: string;
    }
  | ({
      kind: 'task';
      areas: DescriptionKind;
      areaPosition: number;
      areaTitle: string;
    } & ItemEdit)
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
  /** A rename keeps both spellings as written; `name` is the new one, trimmed. */
  | { kind: 'competency-text'; name: string; aspect: 'name'; before: string; after: string }
  | { kind: 'competency-text'; name: string; aspect: Exclude<CompetencyTextAspect, 'name'> }
  | { kind: 'competencies-reordered' };

export type ChangeKind = Change['kind'];

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

export function diffDescriptions(before: FunctionContent, after: FunctionContent): Change[] {
  const changes: Change[] = [];
  for (const field of HEAD_FIELDS) changes.push(...diffField(field, before[field], after[field]));
  changes.push(
    ...diffTextList(before.mainTasks, after.mainTasks, (edit) => ({ kind: 'main-task', ...edit })),
  );
  changes.push(...diffField('position', before.position, after.position));
  changes.push(...diffResultAreas(before.resultAreas, after.resultAreas, after.kind));
  changes.push(...diffCompetencies(before.competencies, after.competencies));
  changes.push(
    ...diffTextList(before.technicalKnowledge, after.technicalKnowledge, (edit) => ({
      kind: 'technical-knowledge',
      ...edit,
    })),
  );
  return changes;
}

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

function diffField(field: ScalarField, before: string | null, after: string | null): Change[] {
  return sameText(before, after) ? [] : [{ kind: 'field', field, before, after }];
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

function diffResultAreas(
  before: readonly ResultArea[],
  after: readonly ResultArea[],
  areas: DescriptionKind,
): Change[] {
  const changes: Change[] = [];
  const sameTitle = (a: ResultArea, b: ResultArea): boolean =>
    competencyKey(a.title) === competencyKey(b.title);
  for (const edit of diffLists(before, after, sameTitle)) {
    if (edit.op === 'added') {
      const area = after[edit.afterIndex]!;
      changes.push({
        kind: 'result-area-added',
        areas,
        position: edit.afterIndex + 1,
        title: area.title,
      });
      continue;
    }
    if (edit.op === 'removed') {
      const area = before[edit.beforeIndex]!;
      changes.push({
        kind: 'result-area-removed',
        areas,
        position: edit.beforeIndex + 1,
        title: area.title,
      });
      continue;
    }
    const old = before[edit.beforeIndex]!;
    const area = after[edit.afterIndex]!;
    const position = edit.afterIndex + 1;
    if (!sameText(old.title, area.title)) {
      changes.push({
        kind: 'result-area-retitled',
        areas,
        position,
        before: old.title,
        after: area.title,
      });
    }
    changes.push(
      ...diffTextList(old.tasks, area.tasks, (itemEdit) => ({
        kind: 'task',
        areas,
        areaPosition: position,
        areaTitle: area.title,
        ...itemEdit,
      })),
    );
  }
  return changes;
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
    changes.push({ kind: 'competency-removed', name: c.name, level: c.requiredLevel });
  }
  for (const afterIndex of added) {
    const c = after[afterIndex]!;
    changes.push({ kind: 'competency-added', name: c.name, level: c.requiredLevel });
  }
  for (const { beforeIndex, afterIndex } of pairs) {
    changes.push(...diffCompetency(before[beforeIndex]!, after[afterIndex]!));
  }
  // Pairs are in the new order; if the old indexes are not ascending, the order changed.
  if (pairs.some((pair, k) => k > 0 && pair.beforeIndex < pairs[k - 1]!.beforeIndex)) {
    changes.push({ kind: 'competencies-reordered' });
  }
  return changes;
}

function diffCompetency(old: Competency, c: Competency): Change[] {
  const name = c.name.trim();
  const changes: Change[] = [];
  const text = (aspect: Exclude<CompetencyTextAspect, 'name'>): void => {
    changes.push({ kind: 'competency-text', name, aspect });
  };
  if (!sameText(old.name, c.name)) {
    changes.push({
      kind: 'competency-text',
      name,
      aspect: 'name',
      before: old.name,
      after: c.name,
    });
  }
  if (old.block !== c.block) {
    changes.push({ kind: 'competency-block', name, before: old.block, after: c.block });
  }
  if (!sameText(old.cluster, c.cluster)) {
    changes.push({ kind: 'competency-cluster', name, before: old.cluster, after: c.cluster });
  }
  if (!sameText(old.definition, c.definition)) text('definition');
  const levelChanged = old.requiredLevel !== c.requiredLevel;
  if (levelChanged) {
    changes.push({
      kind: 'competency-level',
      name,
      before: old.requiredLevel,
      after: c.requiredLevel,
    });
  }
  if (!sameText(old.levelTitle, c.levelTitle)) text('levelTitle');
  if (!sameTexts(old.indicators, c.indicators)) {
    // A new level brings that level's indicators along: that is the level change, not an edit.
    const followsLevel =
      levelChanged &&
      c.levels.some(
        (entry) => entry.level === c.requiredLevel && sameTexts(entry.indicators, c.indicators),
      );
    if (!followsLevel) text('indicators');
  }
  if (!sameLevels(old.levels, c.levels)) text('levels');
  return changes;
}
