import { z } from 'zod';

/**
 * The interchange format (DESIGN.md §2): one schema for the importer's output, the Graph
 * field mapping, exports and test fixtures. Field names are English, content stays Dutch.
 */

/**
 * Levels are integers on the document's own scale (`levelScale`). Version 1 of the format knew
 * one scale, 0 to 3; version 2 carries each document's scale (0–3 with ☒, 1–4 with titles in the
 * Vlaamse overheid competentieboek, 1–5 elsewhere). Any scale must lie within these bounds: the
 * lists have one column of indicators per level (Niveau0 … Niveau10).
 */
export const LEVEL_BOUNDS = { lowest: 0, highest: 10 } as const;
export const levelSchema = z
  .number()
  .int('een niveau is een geheel getal')
  .min(
    LEVEL_BOUNDS.lowest,
    `een niveau ligt tussen ${LEVEL_BOUNDS.lowest} en ${LEVEL_BOUNDS.highest}`,
  )
  .max(
    LEVEL_BOUNDS.highest,
    `een niveau ligt tussen ${LEVEL_BOUNDS.lowest} en ${LEVEL_BOUNDS.highest}`,
  );
export type Level = number;

/** Every level a scale may hold, lowest first. */
export const ALL_LEVELS: readonly Level[] = Array.from(
  { length: LEVEL_BOUNDS.highest - LEVEL_BOUNDS.lowest + 1 },
  (_, i) => LEVEL_BOUNDS.lowest + i,
);

/** The scale of version 1 of the format, and of every document that does not state its own. */
export const LEVELS = [0, 1, 2, 3] as const;

export const levelTitleSchema = z.object({
  level: levelSchema,
  title: z.string().min(1),
});
export type LevelTitle = z.infer<typeof levelTitleSchema>;

/**
 * A document's level scale: its lowest and highest level and, where the document names its
 * levels (e.g. "Niveau 1: Handelt vanuit ..."), those titles, one per level at most, ascending.
 */
export const levelScaleSchema = z
  .object({
    lowest: levelSchema,
    highest: levelSchema,
    /** Added in version 2 (content-fields.ts: 'added'): absent or [] when the document has none. */
    titles: z.array(levelTitleSchema).default([]),
  })
  .superRefine((scale, ctx) => {
    if (scale.lowest >= scale.highest) {
      ctx.addIssue({
        code: 'custom',
        path: ['highest'],
        message: `De niveauschaal ${scale.lowest}–${scale.highest} is geen schaal: het hoogste niveau moet boven het laagste liggen.`,
      });
    }
    scale.titles.forEach((t, i) => {
      if (!isOnScale(t.level, scale)) {
        ctx.addIssue({
          code: 'custom',
          path: ['titles', i, 'level'],
          message: outOfScaleMessage(t.level, scale),
        });
      } else if (i > 0 && t.level <= scale.titles[i - 1]!.level) {
        ctx.addIssue({
          code: 'custom',
          path: ['titles', i, 'level'],
          message: `De titels van de niveaus staan in oplopende volgorde, één per niveau (niveau ${t.level} komt na niveau ${scale.titles[i - 1]!.level}).`,
        });
      }
    });
  });
export type LevelScale = z.infer<typeof levelScaleSchema>;

/** The scale of every version-1 document: 0 ("N.v.t.") to 3, no titles of its own. */
export function defaultLevelScale(): LevelScale {
  return { lowest: 0, highest: 3, titles: [] };
}

/** Is this the version-1 scale, 0 to 3 without titles (content version 1 can express)? */
export function isDefaultLevelScale(scale: LevelScale): boolean {
  return scale.lowest === 0 && scale.highest === 3 && scale.titles.length === 0;
}

/** Does `level` lie on the scale (its bounds included)? */
export function isOnScale(
  level: number,
  scale: { readonly lowest: number; readonly highest: number },
): boolean {
  return level >= scale.lowest && level <= scale.highest;
}

/** The Dutch message for a level that does not lie on its document's scale. */
export function outOfScaleMessage(
  level: number,
  scale: { lowest: number; highest: number },
): string {
  return `Niveau ${level} ligt buiten de niveauschaal van dit document (${scale.lowest} tot ${scale.highest}).`;
}

export const kindSchema = z.enum(['functiebeschrijving', 'functieprofiel']);
export type DescriptionKind = z.infer<typeof kindSchema>;

export const blockSchema = z.enum(['technical', 'behavioural']);
export type CompetencyBlock = z.infer<typeof blockSchema>;

const text = z.string().min(1);
const optionalText = z.string().min(1).nullable();

export const levelIndicatorsSchema = z.object({
  level: levelSchema,
  indicators: z.array(text),
});
export type LevelIndicators = z.infer<typeof levelIndicatorsSchema>;

export const competencySchema = z.object({
  name: text,
  block: blockSchema.nullable(),
  cluster: optionalText,
  definition: optionalText,
  /** The level ticked in the document; null where the layout has no numbered levels. */
  requiredLevel: levelSchema.nullable(),
  levelTitle: optionalText,
  /** Indicators of the required level (or of the only level shown, in a functieprofiel). */
  indicators: z.array(text),
  /** Every numbered level the document shows, in ascending order. */
  levels: z.array(levelIndicatorsSchema),
});
export type Competency = z.infer<typeof competencySchema>;

export const resultAreaSchema = z.object({
  title: text,
  tasks: z.array(text),
});
export type ResultArea = z.infer<typeof resultAreaSchema>;

/** ISO calendar date, e.g. "2023-02-09". */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'geen geldige datum');

export const approvalSchema = z.object({
  approvedBy: text,
  decisionDate: isoDateSchema,
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * A part of the document the model has no field for (a "Verruimende bepaling", a section under
 * a heading the importer does not know), kept as written so that nothing is dropped silently.
 */
export const otherSectionSchema = z.object({
  title: text,
  /** Paragraphs separated by a line break. */
  text: text,
});
export type OtherSection = z.infer<typeof otherSectionSchema>;

export const keySchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'sleutel: kleine letters, cijfers en koppeltekens');

/**
 * Version 2 of the format, as an object: the shape every reader gets. Use it to derive shapes
 * (`.extend`, `.omit`); parse input with `functionDescriptionSchema` or `functionContentSchema`,
 * which accept version 1 too and check the levels against the scale.
 */
export const functionDescriptionObjectSchema = z.object({
  schemaVersion: z.literal(2),
  key: keySchema,
  kind: kindSchema,
  title: text,
  organisation: optionalText,
  department: optionalText,
  service: optionalText,
  /** The graad name ("Deskundige"). */
  grade: optionalText,
  /** The range, normalised: "B1-B3"; two ranges as "C1-C2 / D1-D3" (parse-grades.ts). */
  careerPath: optionalText,
  /**
   * Added in version 2 ('added'): the grade and range labels' values exactly as the document
   * wrote them ("Niveau: B1 – B3 (functionele loopbaan)"), when that differs from `grade` and
   * `careerPath`; null when the document wrote them as they are stored (nothing to keep).
   */
  gradeAsWritten: optionalText.default(null),
  careerPathAsWritten: optionalText.default(null),
  purpose: optionalText,
  mainTasks: z.array(text),
  position: optionalText,
  resultAreas: z.array(resultAreaSchema),
  /** Added in version 2: the scale `requiredLevel` and `levels[].level` are on. */
  levelScale: levelScaleSchema.default(defaultLevelScale),
  competencies: z.array(competencySchema),
  technicalKnowledge: z.array(text),
  /** Added after schemaVersion 1 (content-fields.ts: 'added'): absent or [] when there are none. */
  otherSections: z.array(otherSectionSchema).optional(),
  approval: approvalSchema.nullable(),
});
export type FunctionDescription = z.infer<typeof functionDescriptionObjectSchema>;

/** The content that an approval is bound to: everything but the approval metadata. */
export type FunctionContent = Omit<FunctionDescription, 'approval'>;

/**
 * The one migration of the interchange format, used by every reader of it (the schemas below,
 * so: importer output, JSON files, exports, fixtures, snapshots; and the Graph mapping, which
 * reads rows stored before the scale columns existed through `defaultLevelScale`).
 *
 * Version 1 knew one scale, 0–3, no level titles and no grade text as written: a version-1
 * object becomes version 2 with exactly that, nothing else changes. Anything that is not a
 * version-1 object is passed on for the schema to judge. Any field of version 2 found in a
 * version-1 object is overwritten: version 1 did not have it, so it cannot mean anything there.
 */
export function migrateInterchange(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  if (record.schemaVersion !== 1) return input;
  return {
    ...record,
    schemaVersion: 2,
    levelScale: defaultLevelScale(),
    gradeAsWritten: null,
    careerPathAsWritten: null,
  };
}

/** Every level a description uses must lie on its scale; the message names value and scale. */
function checkLevelsOnScale(d: FunctionContent, ctx: z.RefinementCtx): void {
  const scale = d.levelScale;
  // A broken scale is reported by levelScaleSchema; levels cannot be judged against it.
  if (scale.lowest >= scale.highest) return;
  const outside = (level: number) => !isOnScale(level, scale);
  d.competencies.forEach((c, i) => {
    if (c.requiredLevel !== null && outside(c.requiredLevel)) {
      ctx.addIssue({
        code: 'custom',
        path: ['competencies', i, 'requiredLevel'],
        message: `${c.name}: ${outOfScaleMessage(c.requiredLevel, scale)}`,
      });
    }
    c.levels.forEach((l, j) => {
      if (outside(l.level)) {
        ctx.addIssue({
          code: 'custom',
          path: ['competencies', i, 'levels', j, 'level'],
          message: `${c.name}: ${outOfScaleMessage(l.level, scale)}`,
        });
      }
    });
  });
}

/**
 * A description in the interchange format, version 1 or 2, read as version 2 (migrated by
 * `migrateInterchange`, levels checked against the scale). One schema for the shape: a preprocess
 * step rather than a union, so every error is reported against the version-2 shape.
 */
export const functionDescriptionSchema = z.preprocess(
  migrateInterchange,
  functionDescriptionObjectSchema.superRefine(checkLevelsOnScale),
);

/** The same without `approval`: a decision's snapshot, content sent for a diff. */
export const functionContentSchema = z.preprocess(
  migrateInterchange,
  functionDescriptionObjectSchema.omit({ approval: true }).superRefine(checkLevelsOnScale),
);
