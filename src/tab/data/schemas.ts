import { z } from 'zod';
import {
  ALL_LEVELS,
  blockSchema,
  functionDescriptionSchema,
  isoDateSchema,
  isOnScale,
  keySchema,
  kindSchema,
  levelIndicatorsSchema,
  levelScaleSchema,
} from '../../domain/schema';
import type { RoleStatus } from '../../domain/status';
import type {
  CatalogueCompetency,
  CatalogueEntry,
  DictionaryCompetency,
  RoleDetail,
} from '../shared/host-context';

/*
 * Schemas for what the tab reads back from its persisted cache: that store outlives app versions
 * and can be edited by anyone with dev tools, so it is an edge like any other. Live data from
 * the repositories was validated at the Graph edge and is not checked again.
 */

const nullableText = z.string().nullable();

export const roleStatusSchema: z.ZodType<RoleStatus> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('approved'),
    date: isoDateSchema,
    decisionId: z.string(),
    imported: z.boolean(),
  }),
  z.object({
    kind: z.literal('pending'),
    requestId: z.string(),
    since: z.string(),
    changedSinceApproval: isoDateSchema.nullable(),
    changedSinceRequest: z.boolean(),
  }),
  z.object({
    kind: z.literal('rejected'),
    date: isoDateSchema,
    reason: nullableText,
    decisionId: z.string(),
  }),
  z.object({ kind: z.literal('changed'), approvedDate: isoDateSchema, decisionId: z.string() }),
  z.object({ kind: z.literal('draft'), historicalDate: isoDateSchema.optional() }),
]);

/** The levels a document's scale may hold (the domain's ALL_LEVELS, 0 to 10). */
const LEVEL_VALUES: readonly number[] = ALL_LEVELS;

/** What a catalogue row is, live or persisted, apart from its tasks and competencies. */
const catalogueRowFields = {
  key: keySchema,
  kind: kindSchema,
  title: z.string(),
  department: nullableText,
  service: nullableText,
  grade: nullableText,
  careerPath: nullableText,
  status: roleStatusSchema,
  // Required, with no default: a row stored before rows carried their scale must not come back
  // as 0–3 (its levels may be on 1–5); without it the stored catalogue is dropped and re-read.
  levelScale: levelScaleSchema,
};

export const catalogueEntrySchema: z.ZodType<CatalogueEntry> = z.object({
  ...catalogueRowFields,
  tasks: z.array(z.string()),
  // `z.literal([...])` is one set lookup; the domain's union of four literals tries each in turn,
  // which adds up over 70,000 catalogue competencies read back on every warm open.
  competencies: z.array(
    z.object({ name: z.string(), requiredLevel: z.literal(LEVEL_VALUES).nullable() }),
  ),
});

export const catalogueSchema = z.array(catalogueEntrySchema);

/*
 * The catalogue as it is persisted: split in two records, because a warm open must show the list
 * long before 2,000 roles' worth of task text is read back (about 70 % of the catalogue's bytes).
 *
 * 1. The first screen: every role without its tasks, competency names replaced by their index in
 *    a table (160 distinct names over some 70,000 mentions), each role's competencies one string
 *    "index:level,…" with level 0–10 or "-" for none. One regular expression per role replaces
 *    70,000 object validations.
 * 2. The search text: every role's tasks, in the same order, stamped with the first record's
 *    `tasksStamp`, so a pair written by different sessions is never combined.
 */

/** A stored level: its number ("0" … "10"), or "-" for none. */
const STORED_LEVELS: Readonly<Record<string, CatalogueCompetency['requiredLevel']>> = {
  ...Object.fromEntries(LEVEL_VALUES.map((level) => [String(level), level])),
  '-': null,
};
// Longest first, so "10" is not read as "1" followed by something else.
const STORED_LEVEL = Object.keys(STORED_LEVELS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const STORED_COMPETENCIES = new RegExp(
  `^(?:\\d{1,4}:(?:${STORED_LEVEL})(?:,\\d{1,4}:(?:${STORED_LEVEL}))*)?$`,
);

export const storedCatalogueSchema = z
  .object({
    dataUpdatedAt: z.number(),
    tasksStamp: z.string().min(1),
    names: z.array(z.string()),
    entries: z.array(
      z.object({
        ...catalogueRowFields,
        competencies: z.string().regex(STORED_COMPETENCIES),
      }),
    ),
  })
  // Decoded while validating, in one pass: an index outside the table makes the record invalid.
  .transform((stored, context) => {
    const entries: Array<Omit<CatalogueEntry, 'tasks'>> = [];
    for (const { competencies: encoded, ...entry } of stored.entries) {
      const competencies: CatalogueCompetency[] = [];
      if (encoded !== '') {
        for (const pair of encoded.split(',')) {
          const colon = pair.indexOf(':');
          const name = stored.names[Number(pair.slice(0, colon))];
          if (name === undefined) {
            context.addIssue({ code: 'custom', message: `competentie buiten de tabel: ${pair}` });
            return z.NEVER;
          }
          const requiredLevel = STORED_LEVELS[pair.slice(colon + 1)] ?? null;
          // A level off the row's own scale is a damaged record, not a level to filter on.
          if (requiredLevel !== null && !isOnScale(requiredLevel, entry.levelScale)) {
            context.addIssue({ code: 'custom', message: `niveau buiten de schaal: ${pair}` });
            return z.NEVER;
          }
          competencies.push({ name, requiredLevel });
        }
      }
      entries.push({ ...entry, competencies });
    }
    return { dataUpdatedAt: stored.dataUpdatedAt, tasksStamp: stored.tasksStamp, entries };
  });
export type StoredCatalogueInput = z.input<typeof storedCatalogueSchema>;

export const storedCatalogueTasksSchema = z.object({
  stamp: z.string().min(1),
  tasks: z.array(z.array(z.string())),
});
export type StoredCatalogueTasks = z.infer<typeof storedCatalogueTasksSchema>;

/** The persisted cache of one user: the catalogue's first record and every other query. */
export const persistedEnvelopeSchema = z.object({
  buster: z.string(),
  savedAt: z.number(),
  // Validated on its own (storedCatalogueSchema), so a bad catalogue does not cost the others.
  catalogue: z.unknown(),
  queries: z.array(
    z.object({
      queryKey: z.array(z.union([z.string(), z.number()])),
      dataUpdatedAt: z.number(),
      data: z.unknown(),
    }),
  ),
});
export type PersistedEnvelope = z.infer<typeof persistedEnvelopeSchema>;

export const roleDetailSchema: z.ZodType<RoleDetail> = z.object({
  description: functionDescriptionSchema,
  status: roleStatusSchema,
  sharePointUrl: z.string().url().nullable(),
});

export const dictionaryCompetencySchema: z.ZodType<DictionaryCompetency> = z.object({
  name: z.string().min(1),
  block: blockSchema.nullable(),
  cluster: nullableText,
  definition: nullableText,
  levels: z.array(levelIndicatorsSchema),
});

export const dictionarySchema = z.array(dictionaryCompetencySchema);
