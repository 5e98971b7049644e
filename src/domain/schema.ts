import { z } from 'zod';

/**
 * The interchange format (DESIGN.md §2): one schema for the importer's output, the Graph
 * field mapping, exports and test fixtures. Field names are English, content stays Dutch.
 */

export const LEVELS = [0, 1, 2, 3] as const;
export const levelSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export type Level = z.infer<typeof levelSchema>;

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

export const functionDescriptionSchema = z.object({
  schemaVersion: z.literal(1),
  key: keySchema,
  kind: kindSchema,
  title: text,
  organisation: optionalText,
  department: optionalText,
  service: optionalText,
  grade: optionalText,
  careerPath: optionalText,
  purpose: optionalText,
  mainTasks: z.array(text),
  position: optionalText,
  resultAreas: z.array(resultAreaSchema),
  competencies: z.array(competencySchema),
  technicalKnowledge: z.array(text),
  /** Added after schemaVersion 1 (content-fields.ts: 'added'): absent or [] when there are none. */
  otherSections: z.array(otherSectionSchema).optional(),
  approval: approvalSchema.nullable(),
});
export type FunctionDescription = z.infer<typeof functionDescriptionSchema>;

/** The content that an approval is bound to: everything but the approval metadata. */
export type FunctionContent = Omit<FunctionDescription, 'approval'>;
