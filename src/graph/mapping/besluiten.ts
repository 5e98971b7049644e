import type { z } from 'zod';
import type { ContentHash } from '../../domain/content-hash';
import { isoDateSchema } from '../../domain/schema';
import { ValidationError } from '../errors';
import { BESLUITEN, selectFields } from '../lists';
import type { DecisionRecord } from '../model';
import { dateOnlyField, fieldsSchema, type WriteFields } from './fields';
import { hashValue, itemSchema, requireLookup } from './shared';

/** Besluiten ↔ decisions (append-only). */

export const decisionFieldsSchema = fieldsSchema(BESLUITEN, { InhoudHash: hashValue });
export const decisionItemSchema = itemSchema(decisionFieldsSchema);
export type DecisionItem = z.output<typeof decisionItemSchema>;

export const DECISION_SELECT = selectFields(BESLUITEN);

/** What the catalogue selects from Besluiten: everything but the (large) snapshot. */
export const DECISION_SUMMARY_SELECT = selectFields(BESLUITEN, { omit: ['Momentopname'] });

export function decisionFromItem(item: DecisionItem): DecisionRecord {
  const f = item.fields;
  return {
    id: item.id,
    roleId: requireLookup(f.FunctieLookupId, 'Besluiten', item.id),
    requestId: f.AanvraagLookupId,
    outcome: f.Uitkomst === 'Goedgekeurd' ? 'approved' : 'rejected',
    decisionDate: f.Besluitdatum,
    decidedAt: item.createdDateTime,
    contentHash: f.InhoudHash,
    reason: f.Motivering,
    createdBy: item.createdBy,
    imported: f.Geimporteerd,
    snapshot: f.Momentopname,
  };
}

export interface NewDecision {
  roleId: string;
  roleTitle: string;
  requestId: string | null;
  outcome: 'approved' | 'rejected';
  decisionDate: string;
  contentHash: ContentHash;
  reason: string | null;
  snapshot: string | null;
  imported: boolean;
}

export function decisionFields(d: NewDecision): Record<string, unknown> {
  if (d.outcome === 'rejected' && (d.reason === null || d.reason.trim() === '')) {
    throw new ValidationError('Geef een motivering: een afwijzing zonder reden kan niet.');
  }
  if (!isoDateSchema.safeParse(d.decisionDate).success) {
    throw new ValidationError(`'${d.decisionDate}' is geen geldige besluitdatum (JJJJ-MM-DD).`);
  }
  const fields: WriteFields<typeof BESLUITEN> = {
    Title: `${d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen'}: ${d.roleTitle}`.slice(
      0,
      255,
    ),
    FunctieLookupId: d.roleId,
    InhoudHash: d.contentHash,
    Uitkomst: d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen',
    Besluitdatum: dateOnlyField(d.decisionDate),
    Geimporteerd: d.imported,
  };
  // Create only: leave out what is empty instead of sending nulls.
  if (d.requestId !== null) fields.AanvraagLookupId = d.requestId;
  if (d.reason !== null) fields.Motivering = d.reason;
  if (d.snapshot !== null) fields.Momentopname = d.snapshot;
  return fields;
}
