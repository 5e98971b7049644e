import { z } from 'zod';
import { batchGetAll } from '../../batch';
import { describe, validate } from '../../client';
import { NotFoundError } from '../../errors';
import {
  CATALOGUE_SELECT,
  DECISION_SELECT,
  DECISION_SUMMARY_SELECT,
  decisionFromItem,
  decisionItemSchema,
  parseItems,
  REQUEST_SELECT,
  requestFromItem,
  requestItemSchema,
  ROLE_KEY_SELECT,
  ROLE_SELECT,
  roleItemSchema,
  roleSummary,
} from '../../mapping';
import type { Catalogue, RoleContent } from '../../model';
import { itemQuery, itemsQuery, odataString } from '../../site';
import { byNumericId, checkItemId, type ReadOptions, type RepositoryContext } from '../context';
import {
  childQueries,
  childRows,
  generationOf,
  INCOMPLETE_GENERATION,
  notFound,
  type RawRole,
  toRoleContent,
} from './rows';
import { recomputeSuspects, type SummaryRepair, suspectRoles } from './summary';

/** The reads of RoleRepository (see index.ts for the shapes and round trips). */
export class RoleReads {
  /** Key → item id, learnt from the catalogue and earlier reads, so a role by key is one round trip. */
  private readonly idsByKey = new Map<string, string>();

  constructor(
    private readonly ctx: RepositoryContext,
    private readonly summaries: SummaryRepair,
  ) {}

  async catalogue(options: ReadOptions & { withTasks?: boolean } = {}): Promise<Catalogue> {
    const { site, http } = this.ctx;
    // The task texts are most of the catalogue's bytes (docs/data-layer.md §8): a caller that
    // paints before it searches may load them later.
    const select =
      options.withTasks === false
        ? CATALOGUE_SELECT.split(',')
            .filter((c) => c !== 'Zoektekst')
            .join(',')
        : CATALOGUE_SELECT;
    const result = await batchGetAll(
      http,
      [
        { id: 'roles', url: itemsQuery(site, 'Functies', { select }) },
        {
          id: 'decisions',
          url: itemsQuery(site, 'Besluiten', { select: DECISION_SUMMARY_SELECT }),
        },
        {
          id: 'requests',
          url: itemsQuery(site, 'Goedkeuringsaanvragen', {
            select: REQUEST_SELECT,
            filter: `fields/Status eq 'Open'`,
          }),
        },
      ],
      options.signal,
    );
    const items = parseItems(roleItemSchema, result.items.get('roles') ?? [], 'Functies').filter(
      (i) => i.fields.Inhoudsversie !== INCOMPLETE_GENERATION,
    );
    const decisions = parseItems(
      decisionItemSchema,
      result.items.get('decisions') ?? [],
      'Besluiten',
    )
      .sort(byNumericId)
      .map((d) => ({ ...decisionFromItem(d), snapshot: null }));
    const openRequests = parseItems(
      requestItemSchema,
      result.items.get('requests') ?? [],
      'Goedkeuringsaanvragen',
    )
      .sort(byNumericId)
      .map(requestFromItem);
    const recomputed = await recomputeSuspects(
      this.ctx,
      suspectRoles(items, decisions, openRequests),
      options,
    );
    const roles = items
      .map((item) => {
        const fresh = recomputed.get(item.id);
        if (!fresh) return roleSummary(item);
        const summary = roleSummary(fresh);
        return options.withTasks === false ? { ...summary, tasks: [] } : summary;
      })
      .sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    for (const r of roles) this.idsByKey.set(r.key, r.id);
    return { roles, decisions, openRequests };
  }

  async getById(id: string, options: ReadOptions = {}): Promise<RoleContent> {
    const raw = await this.readRaw(checkItemId(id, 'Functie'), options);
    if (raw.item.fields.Inhoudsversie === INCOMPLETE_GENERATION) throw notFound(id);
    return toRoleContent(raw);
  }

  async getByKey(key: string, options: ReadOptions = {}): Promise<RoleContent> {
    const known = this.idsByKey.get(key);
    if (known !== undefined) {
      try {
        const role = await this.getById(known, options);
        if (role.content.key === key) return role;
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
      // Deleted or re-keyed since we learnt the id: look it up afresh.
      this.idsByKey.delete(key);
    }
    const found = await this.findByKey(key, options);
    if (!found || found.generation === INCOMPLETE_GENERATION) throw notFound(key);
    return this.getById(found.id, options);
  }

  async findByKey(
    key: string,
    options: ReadOptions = {},
  ): Promise<{ id: string; eTag: string; generation: number | null } | null> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Functies', {
        select: ROLE_KEY_SELECT,
        filter: `fields/FunctieKey eq ${odataString(key)}`,
        top: 1,
      }),
      z.unknown(),
      options,
    );
    const [item] = parseItems(roleItemSchema, raw, 'Functies');
    if (!item) return null;
    this.idsByKey.set(key, item.id);
    return { id: item.id, eTag: item.eTag, generation: generationOf(item.fields.Inhoudsversie) };
  }

  /** A new role's item id, so that reading it by key next is one round trip. */
  learn(key: string, id: string): void {
    this.idsByKey.set(key, id);
  }

  /** The role's item and every row, of every generation, with its decisions and requests. */
  async readRaw(id: string, options: ReadOptions = {}): Promise<RawRole> {
    const { site, http } = this.ctx;
    const byRole = `fields/FunctieLookupId eq ${id}`;
    const roleUrl = itemQuery(site, 'Functies', id, ROLE_SELECT);
    const result = await batchGetAll(
      http,
      [
        { id: 'role', url: roleUrl },
        ...childQueries(site, id),
        {
          id: 'decisions',
          url: itemsQuery(site, 'Besluiten', { select: DECISION_SELECT, filter: byRole }),
        },
        {
          id: 'requests',
          url: itemsQuery(site, 'Goedkeuringsaanvragen', {
            select: REQUEST_SELECT,
            filter: byRole,
          }),
        },
      ],
      options.signal,
    ).catch((err: unknown) => {
      throw err instanceof NotFoundError ? notFound(id) : err;
    });
    const item = validate(roleItemSchema, result.bodies.get('role'), describe('GET', roleUrl));
    this.idsByKey.set(item.fields.FunctieKey, item.id);
    this.summaries.note(item);
    return {
      item,
      ...childRows(result.items),
      decisions: parseItems(decisionItemSchema, result.items.get('decisions') ?? [], 'Besluiten')
        .sort(byNumericId)
        .map(decisionFromItem),
      requests: parseItems(
        requestItemSchema,
        result.items.get('requests') ?? [],
        'Goedkeuringsaanvragen',
      )
        .sort(byNumericId)
        .map(requestFromItem),
    };
  }
}
