import { z } from 'zod';
import {
  createBody,
  DECISION_SELECT,
  decisionFields,
  decisionFromItem,
  decisionItemSchema,
  type NewDecision,
  parseItems,
} from '../mapping';
import type { DecisionRecord } from '../model';
import { itemQuery, itemsQuery, listPath } from '../site';
import { byNumericId, checkItemId, type ReadOptions, type RepositoryContext } from './context';

export type { NewDecision };

/**
 * Decisions (Besluiten): append-only. SharePoint lets only approvers add (and nobody edit or
 * delete); a decision written with anyone else's token comes back as Forbidden. `createdBy` is
 * returned so the status derivation can flag a decision by someone outside the approver group.
 */
export class DecisionRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /**
   * Writes a decision. A create is never repeated after an ambiguous failure (503, dropped
   * connection): the caller re-reads the role's decisions before trying again.
   */
  async create(decision: NewDecision): Promise<DecisionRecord> {
    checkItemId(decision.roleId, 'Functie');
    if (decision.requestId !== null) checkItemId(decision.requestId, 'Aanvraag');
    const created = await this.ctx.http.request(
      'POST',
      `${listPath(this.ctx.site, 'Besluiten')}/items`,
      z.object({ id: z.string() }),
      { body: { fields: createBody(decisionFields(decision)) } },
    );
    return this.get(created.id);
  }

  async get(id: string, options: ReadOptions = {}): Promise<DecisionRecord> {
    const item = await this.ctx.http.get(
      itemQuery(this.ctx.site, 'Besluiten', checkItemId(id, 'Besluit'), DECISION_SELECT),
      decisionItemSchema,
      options,
    );
    return decisionFromItem(item);
  }

  /** Every decision on a role, oldest first, with snapshots. */
  async listForRole(roleId: string, options: ReadOptions = {}): Promise<DecisionRecord[]> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Besluiten', {
        select: DECISION_SELECT,
        filter: `fields/FunctieLookupId eq ${checkItemId(roleId, 'Functie')}`,
      }),
      z.unknown(),
      options,
    );
    return parseItems(decisionItemSchema, raw, 'Besluiten').sort(byNumericId).map(decisionFromItem);
  }

  /** Decisions on one request (AanvraagLookupId is indexed): to detect a second decision. */
  async listForRequest(requestId: string, options: ReadOptions = {}): Promise<DecisionRecord[]> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Besluiten', {
        select: DECISION_SELECT,
        filter: `fields/AanvraagLookupId eq ${checkItemId(requestId, 'Aanvraag')}`,
      }),
      z.unknown(),
      options,
    );
    return parseItems(decisionItemSchema, raw, 'Besluiten').sort(byNumericId).map(decisionFromItem);
  }
}
