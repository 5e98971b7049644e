import { z } from 'zod';
import { type ContentHash, contentHash } from '../../../domain/content-hash';
import type { FunctionContent } from '../../../domain/schema';
import { competencyKey } from '../../../domain/text';
import { type BatchRequest, entryError, runBatch } from '../../batch';
import { describe } from '../../client';
import { isUniqueViolation, ValidationError } from '../../errors';
import { FUNCTIES, type ListName } from '../../lists';
import {
  createBody,
  resultAreaFields,
  roleCompetencyFields,
  roleFields,
  updateBody,
  type WriteFields,
} from '../../mapping';
import { listPath } from '../../site';
import type { RepositoryContext } from '../context';
import type { RoleReads } from './read';
import { belongs, generationOf, INCOMPLETE_GENERATION, toRoleContent } from './rows';

export interface RoleWriteResult {
  roleId: string;
  action: 'created' | 'updated' | 'unchanged';
  contentHash: ContentHash;
  generation: number;
  /** Rows of earlier or unfinished versions that were deleted. */
  removedRows: number;
}

/** The all-or-nothing write of RoleRepository (see index.ts for the steps). */
export class RoleWrites {
  constructor(
    private readonly ctx: RepositoryContext,
    private readonly reads: RoleReads,
  ) {}

  async write(
    content: FunctionContent,
    dictionaryIds: ReadonlyMap<string, string>,
  ): Promise<RoleWriteResult> {
    const hash = await contentHash(content);
    for (const c of content.competencies) {
      if (!dictionaryIds.has(competencyKey(c.name))) {
        throw new ValidationError(`De competentie '${c.name}' staat niet in het woordenboek.`);
      }
    }
    const found =
      (await this.reads.findByKey(content.key)) ?? (await this.createIncomplete(content));
    const action: RoleWriteResult['action'] =
      found.generation === INCOMPLETE_GENERATION ? 'created' : 'updated';
    const raw = await this.reads.readRaw(found.id);
    const current = generationOf(raw.item.fields.Inhoudsversie);
    const rows = [
      ...raw.areas.map((r) => ({ list: 'Taakafspraken' as const, row: r })),
      ...raw.competencies.map((r) => ({ list: 'Functiecompetenties' as const, row: r })),
    ];

    if (
      current !== INCOMPLETE_GENERATION &&
      (await contentHash(toRoleContent(raw).content)) === hash
    ) {
      // Same content: only leftovers of an earlier, unfinished write are removed.
      const removed = await this.deleteRows(rows.filter((r) => !belongs(raw.item, r.row)));
      return {
        roleId: found.id,
        action: 'unchanged',
        contentHash: hash,
        generation: current ?? 0,
        removedRows: removed,
      };
    }

    const used = rows.map((r) => generationOf(r.row.fields.Inhoudsversie) ?? 0);
    const generation = Math.max(current ?? 0, ...used) + 1;
    await this.createChildren(content, found.id, generation, dictionaryIds);

    // The commit point: one PATCH makes the new rows the role's content. If-Match: a concurrent
    // writer that committed first wins, and this write stops before touching its rows.
    await this.ctx.http.expectOk(
      'PATCH',
      `${listPath(this.ctx.site, 'Functies')}/items/${found.id}/fields`,
      {
        // What the document leaves empty is cleared with "", never null (M365-FACTS).
        body: updateBody(roleFields(content, { generation, contentHash: hash })),
        headers: { 'If-Match': raw.item.eTag },
      },
    );

    // The document replaces the role's content: rows added by hand go too.
    const removed = await this.deleteRows(
      rows.filter((r) => generationOf(r.row.fields.Inhoudsversie) !== generation),
    );
    return { roleId: found.id, action, contentHash: hash, generation, removedRows: removed };
  }

  private async createIncomplete(
    content: FunctionContent,
  ): Promise<{ id: string; eTag: string; generation: number }> {
    const path = `${listPath(this.ctx.site, 'Functies')}/items`;
    const fields: WriteFields<typeof FUNCTIES> = {
      Title: content.title,
      FunctieKey: content.key,
      Soort: content.kind,
      Inhoudsversie: INCOMPLETE_GENERATION,
    };
    const response = await this.ctx.http.send('POST', path, { body: { fields } });
    if (isUniqueViolation(response.status, response.body)) {
      // A concurrent import of the same key created it first (FunctieKey is unique). Known by
      // SharePoint's code or message: the status of this refusal is not documented.
      const theirs = await this.reads.findByKey(content.key);
      if (theirs) return { ...theirs, generation: theirs.generation ?? 0 };
    }
    const created = this.ctx.http.parse(
      'POST',
      path,
      response,
      z.object({ id: z.string(), eTag: z.string().optional() }),
    );
    this.reads.learn(content.key, created.id);
    return { id: created.id, eTag: created.eTag ?? '', generation: INCOMPLETE_GENERATION };
  }

  private async createChildren(
    content: FunctionContent,
    roleId: string,
    generation: number,
    dictionaryIds: ReadonlyMap<string, string>,
  ): Promise<void> {
    const areasPath = `${listPath(this.ctx.site, 'Taakafspraken')}/items`;
    const competenciesPath = `${listPath(this.ctx.site, 'Functiecompetenties')}/items`;
    const requests: BatchRequest[] = [
      ...content.resultAreas.map((area, i) => ({
        id: `a${i}`,
        method: 'POST' as const,
        url: areasPath,
        body: { fields: createBody(resultAreaFields(area, roleId, i, generation)) },
      })),
      ...content.competencies.map((c, i) => ({
        id: `c${i}`,
        method: 'POST' as const,
        url: competenciesPath,
        body: {
          fields: createBody(
            roleCompetencyFields(
              c,
              roleId,
              dictionaryIds.get(competencyKey(c.name)) as string,
              i,
              generation,
            ),
          ),
        },
      })),
    ];
    if (requests.length === 0) return;
    const run = await runBatch(this.ctx.http, requests);
    run.responses.forEach((response, i) => {
      if (response.status >= 300)
        throw entryError(response, describe('POST', requests[i]?.url ?? ''));
    });
  }

  /** Deletes rows in batches; a row already gone is what we wanted. */
  private async deleteRows(
    rows: readonly { list: ListName; row: { id: string } }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const requests: BatchRequest[] = rows.map((r, i) => ({
      id: `x${i}`,
      method: 'DELETE' as const,
      url: `${listPath(this.ctx.site, r.list)}/items/${r.row.id}`,
    }));
    const run = await runBatch(this.ctx.http, requests);
    run.responses.forEach((response, i) => {
      if (response.status >= 300 && response.status !== 404) {
        throw entryError(response, describe('DELETE', requests[i]?.url ?? ''));
      }
    });
    return rows.length;
  }
}
