import type { z } from 'zod';
import { GOEDKEURINGSAANVRAGEN, selectFields } from '../lists';
import type { RequestRecord } from '../model';
import { fieldsSchema } from './fields';
import { hashValue, itemSchema, requireLookup } from './shared';

/** Goedkeuringsaanvragen ↔ approval requests. */

export const requestFieldsSchema = fieldsSchema(GOEDKEURINGSAANVRAGEN, { InhoudHash: hashValue });
export const requestItemSchema = itemSchema(requestFieldsSchema);
export type RequestItem = z.output<typeof requestItemSchema>;

export const REQUEST_SELECT = selectFields(GOEDKEURINGSAANVRAGEN);

export function requestFromItem(item: RequestItem): RequestRecord {
  const f = item.fields;
  return {
    id: item.id,
    roleId: requireLookup(f.FunctieLookupId, 'Goedkeuringsaanvragen', item.id),
    eTag: item.eTag,
    createdAt: item.createdDateTime,
    status: f.Status === 'Open' ? 'open' : 'closed',
    contentHash: f.InhoudHash,
    note: f.Toelichting,
    teamId: f.TeamId,
    channelId: f.KanaalId,
    messageId: f.BerichtId,
    createdBy: item.createdBy,
    closedBy: f.Status === 'Open' ? null : item.lastModifiedBy,
  };
}
