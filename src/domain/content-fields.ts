import type {
  Competency,
  FunctionContent,
  LevelIndicators,
  LevelScale,
  LevelTitle,
  OtherSection,
  ResultArea,
} from './schema';

/**
 * Which fields the content hash covers, shape by shape, and since when (content-hash.ts says why
 * the "since" matters). Every field of the schema must be named here, at every depth, or the
 * registry does not compile: a field left out would be approved without being bound to the hash.
 *
 * When a field is added to schema.ts, add it here as `'added'` — never as `'v1'`, and never turn
 * a `'v1'` field into `'added'` or back: `'v1'` is the frozen field set of canonical form 1, in
 * which every hash stored in the lists (decisions, requests, Functies.InhoudHash) was computed.
 * test/domain/content-hash-growth.test.ts pins that set.
 */

/**
 * `'v1'`: part of canonical form 1, written as it always was (null and [] included, only an
 * undefined property left out). `'added'`: added to the model later, written only when it holds
 * something (not null, undefined, "", [] or {}), so that content leaving it empty — every role
 * stored before the field existed — keeps its hash.
 */
export type FieldSince = 'v1' | 'added';

/** A field holding an object, or an array of objects, whose own fields are picked in turn. */
export interface NestedFieldRule<T> {
  readonly since: FieldSince;
  readonly shape: ShapeRules<T>;
}

type ElementOf<V> = NonNullable<V> extends readonly (infer E)[] ? E : NonNullable<V>;

/** A plain value (text, number, choice, list of texts) needs only its "since"; objects their shape. */
export type FieldRule<V> =
  ElementOf<V> extends Record<string, unknown> ? NestedFieldRule<ElementOf<V>> : FieldSince;

/** One rule per field of `T`, none missing, none extra (checked where the literal is written). */
export type ShapeRules<T> = { readonly [K in keyof T]-?: FieldRule<T[K]> };

const LEVEL_FIELDS = {
  level: 'v1',
  indicators: 'v1',
} as const satisfies ShapeRules<LevelIndicators>;

const COMPETENCY_FIELDS = {
  name: 'v1',
  block: 'v1',
  cluster: 'v1',
  definition: 'v1',
  requiredLevel: 'v1',
  levelTitle: 'v1',
  indicators: 'v1',
  levels: { since: 'v1', shape: LEVEL_FIELDS },
} as const satisfies ShapeRules<Competency>;

const RESULT_AREA_FIELDS = { title: 'v1', tasks: 'v1' } as const satisfies ShapeRules<ResultArea>;

const OTHER_SECTION_FIELDS = {
  title: 'added',
  text: 'added',
} as const satisfies ShapeRules<OtherSection>;

const LEVEL_TITLE_FIELDS = {
  level: 'added',
  title: 'added',
} as const satisfies ShapeRules<LevelTitle>;

/**
 * Schema version 2. A scale of 0 to 3 without titles is what version 1 meant by no scale at all:
 * the canonical form leaves it out (`canonicalVersionForm` in content-hash.ts), so it is written
 * only for another scale or with titles.
 */
const LEVEL_SCALE_FIELDS = {
  lowest: 'added',
  highest: 'added',
  titles: { since: 'added', shape: LEVEL_TITLE_FIELDS },
} as const satisfies ShapeRules<LevelScale>;

/** The content an approval is bound to: everything in the schema but `approval`. */
export const CONTENT_FIELDS = {
  schemaVersion: 'v1',
  key: 'v1',
  kind: 'v1',
  title: 'v1',
  organisation: 'v1',
  department: 'v1',
  service: 'v1',
  grade: 'v1',
  careerPath: 'v1',
  gradeAsWritten: 'added',
  careerPathAsWritten: 'added',
  purpose: 'v1',
  mainTasks: 'v1',
  position: 'v1',
  resultAreas: { since: 'v1', shape: RESULT_AREA_FIELDS },
  levelScale: { since: 'added', shape: LEVEL_SCALE_FIELDS },
  competencies: { since: 'v1', shape: COMPETENCY_FIELDS },
  technicalKnowledge: 'v1',
  otherSections: { since: 'added', shape: OTHER_SECTION_FIELDS },
} as const satisfies ShapeRules<FunctionContent>;
