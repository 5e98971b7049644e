import { z } from 'zod';
import type { ContentHash } from '../../domain/content-hash';
import { ValidationError } from '../errors';
import { GOEDKEURINGSAANVRAGEN } from '../lists';
import {
  parseItems,
  REQUEST_SELECT,
  requestFromItem,
  requestItemSchema,
  type WriteFields,
} from '../mapping';
import type { RequestRecord } from '../model';
import { ITEM_PROPERTIES, itemQuery, itemsQuery, listPath } from '../site';
import { byNumericId, checkItemId, type ReadOptions, type RepositoryContext } from './context';

export interface NewRequest {
  roleId: string;
  roleTitle: string;
  contentHash: ContentHash;
  note: string | null;
}

export interface RequestMessage {
  teamId: string;
  channelId: string;
  messageId: string;
}

/**
 * Approval requests (Goedkeuringsaanvragen). HR creates them; HR or an approver closes one.
 * Every change after creation goes with If-Match, so of two people closing or re-pointing the
 * same request at once exactly one succeeds and the other gets a Conflict.
 */
export class ApprovalRequestRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** A new open request. Not retried on an ambiguous failure: a duplicate request would be worse. */
  async create(request: NewRequest): Promise<RequestRecord> {
    checkItemId(request.roleId, 'Functie');
    const fields: WriteFields<typeof GOEDKEURINGSAANVRAGEN> = {
      Title: `Aanvraag: ${request.roleTitle}`.slice(0, 255),
      FunctieLookupId: request.roleId,
      InhoudHash: request.contentHash,
      Status: 'Open',
    };
    if (request.note !== null && request.note.trim() !== '') fields.Toelichting = request.note;
    const created = await this.ctx.http.request(
      'POST',
      `${listPath(this.ctx.site, 'Goedkeuringsaanvragen')}/items`,
      z.object({ id: z.string() }),
      { body: { fields } },
    );
    return this.get(created.id);
  }

  async get(id: string, options: ReadOptions = {}): Promise<RequestRecord> {
    const item = await this.ctx.http.get(
      itemQuery(
        this.ctx.site,
        'Goedkeuringsaanvragen',
        checkItemId(id, 'Aanvraag'),
        REQUEST_SELECT,
        // Who closed it: a director resuming a decision whose close landed needs to know.
        `${ITEM_PROPERTIES},lastModifiedBy`,
      ),
      requestItemSchema,
      options,
    );
    return requestFromItem(item);
  }

  /** Every request for a role, oldest first. */
  async listForRole(roleId: string, options: ReadOptions = {}): Promise<RequestRecord[]> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Goedkeuringsaanvragen', {
        select: REQUEST_SELECT,
        filter: `fields/FunctieLookupId eq ${checkItemId(roleId, 'Functie')}`,
      }),
      z.unknown(),
      options,
    );
    return parseItems(requestItemSchema, raw, 'Goedkeuringsaanvragen')
      .sort(byNumericId)
      .map(requestFromItem);
  }

  /** Every open request (Status is indexed). */
  async listOpen(options: ReadOptions = {}): Promise<RequestRecord[]> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Goedkeuringsaanvragen', {
        select: REQUEST_SELECT,
        filter: `fields/Status eq 'Open'`,
      }),
      z.unknown(),
      options,
    );
    return parseItems(requestItemSchema, raw, 'Goedkeuringsaanvragen')
      .sort(byNumericId)
      .map(requestFromItem);
  }

  /** Records where the card was posted. Conflict if the request changed since `eTag`. */
  async setMessage(id: string, eTag: string, message: RequestMessage): Promise<RequestRecord> {
    await this.patch(id, eTag, {
      TeamId: message.teamId,
      KanaalId: message.channelId,
      BerichtId: message.messageId,
    });
    return this.get(id);
  }

  /**
   * Closes a request. Conflict (412) when it changed since `eTag` — e.g. another director closed
   * it first; the caller reloads and tells the user.
   */
  async close(id: string, eTag: string): Promise<RequestRecord> {
    await this.patch(id, eTag, { Status: 'Gesloten' });
    return this.get(id);
  }

  /**
   * Reopens a request closed by a decision that did not go through. Without a body to read back:
   * the caller only needs to know whether the reopen landed. Conflict when it changed meanwhile.
   */
  async reopen(id: string, eTag: string): Promise<void> {
    await this.patch(id, eTag, { Status: 'Open' });
  }

  private async patch(
    id: string,
    eTag: string,
    fields: WriteFields<typeof GOEDKEURINGSAANVRAGEN>,
  ): Promise<void> {
    if (eTag === '')
      throw new ValidationError('Zonder eTag kan een aanvraag niet veilig gewijzigd worden.');
    await this.ctx.http.expectOk(
      'PATCH',
      `${listPath(this.ctx.site, 'Goedkeuringsaanvragen')}/items/${checkItemId(id, 'Aanvraag')}/fields`,
      { body: fields, headers: { 'If-Match': eTag } },
    );
  }
}
