import { z } from 'zod';
import {
  blockSchema,
  functionDescriptionSchema,
  isoDateSchema,
  keySchema,
  kindSchema,
  levelIndicatorsSchema,
} from '../../domain/schema';
import type { RoleStatus } from '../../domain/status';
import type { CatalogueEntry, DictionaryCompetency, RoleDetail } from '../app/host-context';

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
  z.object({ kind: z.literal('draft') }),
]);

export const catalogueEntrySchema: z.ZodType<CatalogueEntry> = z.object({
  key: keySchema,
  kind: kindSchema,
  title: z.string(),
  department: nullableText,
  service: nullableText,
  grade: nullableText,
  careerPath: nullableText,
  status: roleStatusSchema,
  tasks: z.array(z.string()),
  // `z.literal([...])` is one set lookup; the domain's union of four literals tries each in turn,
  // which adds up over 70,000 catalogue competencies read back on every warm open.
  competencies: z.array(
    z.object({ name: z.string(), requiredLevel: z.literal([0, 1, 2, 3]).nullable() }),
  ),
});

export const catalogueSchema = z.array(catalogueEntrySchema);

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
