import { z } from 'zod';
import type { Competency, LevelIndicators } from '../../domain/schema';
import { entryBody, runBatch, type BatchRequest } from '../batch';
import { describe } from '../client';
import { ConflictError, isUniqueViolation } from '../errors';
import { competencyKey } from '../../domain/text';
import {
  createBody,
  DICTIONARY_SELECT,
  dictionaryEntry,
  dictionaryFields,
  dictionaryItemSchema,
  parseItems,
} from '../mapping';
import type { DictionaryEntry } from '../model';
import { itemsQuery, listPath, odataString } from '../site';
import { byNumericId, type ReadOptions, type RepositoryContext } from './context';

/**
 * The competency dictionary (list Competenties). Roles keep their own copy of the texts they
 * were approved with (see lists/functiecompetenties.ts); the dictionary is the shared reference, filled by imports.
 * An import never overwrites a text that is there: it fills what is empty and reports the rest
 * as drift, for HR to settle.
 */

export type DriftField =
  'blok' | 'cluster' | 'definitie' | 'niveau 0' | 'niveau 1' | 'niveau 2' | 'niveau 3';

export interface Drift {
  /** Where the differing text came from (a file name or a role key). */
  source: string;
  competency: string;
  dictionaryId: string;
  fields: DriftField[];
}

export interface EnsureResult {
  /** Dictionary item id per competency key. */
  ids: Map<string, string>;
  created: string[];
  /** Names of existing entries that had empty fields filled in. */
  filled: string[];
  drift: Drift[];
}

export class CompetencyRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  /** The whole dictionary, sorted by name. */
  async list(options: ReadOptions = {}): Promise<DictionaryEntry[]> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Competenties', { select: DICTIONARY_SELECT }),
      z.unknown(),
      options,
    );
    return parseItems(dictionaryItemSchema, raw, 'Competenties')
      .sort(byNumericId)
      .map(dictionaryEntry)
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async findByKey(key: string, options: ReadOptions = {}): Promise<DictionaryEntry | null> {
    const raw = await this.ctx.http.getAll(
      itemsQuery(this.ctx.site, 'Competenties', {
        select: DICTIONARY_SELECT,
        filter: `fields/CompetentieKey eq ${odataString(key)}`,
        top: 1,
      }),
      z.unknown(),
      options,
    );
    const [first] = parseItems(dictionaryItemSchema, raw, 'Competenties');
    return first ? dictionaryEntry(first) : null;
  }

  /**
   * Makes sure every competency has a dictionary entry: creates the missing ones, fills empty
   * fields of existing ones, and reports where a document's text differs from the dictionary's.
   * The first occurrence of a new competency defines its entry.
   */
  async ensure(
    input: readonly { source: string; competency: Competency }[],
  ): Promise<EnsureResult> {
    const existing = new Map((await this.list()).map((e) => [e.key, e]));
    const result: EnsureResult = { ids: new Map(), created: [], filled: [], drift: [] };
    const toCreate = new Map<string, Omit<DictionaryEntry, 'id'>>();
    const toFill = new Map<string, DictionaryEntry>();

    for (const { source, competency } of input) {
      const key = competencyKey(competency.name);
      const proposed = fromCompetency(key, competency);
      const current = toFill.get(key) ?? existing.get(key);
      if (current) {
        const { merged, conflicts } = merge(current, proposed);
        if (conflicts.length > 0) {
          result.drift.push({
            source,
            competency: competency.name,
            dictionaryId: current.id,
            fields: conflicts,
          });
        }
        if (!sameEntry(merged, current)) toFill.set(key, merged);
        continue;
      }
      const pending = toCreate.get(key);
      if (pending) {
        const { merged, conflicts } = merge({ ...pending, id: '' }, proposed);
        if (conflicts.length > 0) {
          result.drift.push({
            source,
            competency: competency.name,
            dictionaryId: '',
            fields: conflicts,
          });
        }
        toCreate.set(key, merged);
      } else {
        toCreate.set(key, proposed);
      }
    }

    await this.create(toCreate, existing, result);
    await this.fill(toFill, result);
    for (const [key, entry] of existing) result.ids.set(key, entry.id);
    for (const d of result.drift) {
      if (d.dictionaryId === '') d.dictionaryId = result.ids.get(competencyKey(d.competency)) ?? '';
    }
    return result;
  }

  private async create(
    toCreate: ReadonlyMap<string, Omit<DictionaryEntry, 'id'>>,
    existing: Map<string, DictionaryEntry>,
    result: EnsureResult,
  ): Promise<void> {
    const keys = [...toCreate.keys()];
    if (keys.length === 0) return;
    const path = `${listPath(this.ctx.site, 'Competenties')}/items`;
    const requests: BatchRequest[] = keys.map((key, i) => ({
      id: `d${i}`,
      method: 'POST',
      url: path,
      body: {
        fields: createBody(dictionaryFields(toCreate.get(key) as Omit<DictionaryEntry, 'id'>)),
      },
    }));
    const run = await runBatch(this.ctx.http, requests);
    const created = z.object({ id: z.string() });
    for (const [i, key] of keys.entries()) {
      const response = run.responses[i];
      if (!response) continue;
      if (isUniqueViolation(response.status, response.body)) {
        // Another import created it a moment ago (the key is unique): use theirs.
        const theirs = await this.findByKey(key);
        if (!theirs)
          throw new ConflictError(
            `De competentie '${toCreate.get(key)?.name}' kon niet worden aangemaakt.`,
          );
        existing.set(key, theirs);
        continue;
      }
      const { id } = entryBody(response, created, describe('POST', path));
      existing.set(key, { ...(toCreate.get(key) as Omit<DictionaryEntry, 'id'>), id });
      result.created.push(toCreate.get(key)?.name ?? key);
    }
  }

  private async fill(
    toFill: ReadonlyMap<string, DictionaryEntry>,
    result: EnsureResult,
  ): Promise<void> {
    const entries = [...toFill.values()];
    if (entries.length === 0) return;
    const base = `${listPath(this.ctx.site, 'Competenties')}/items`;
    const run = await runBatch(
      this.ctx.http,
      entries.map((e, i) => {
        const fields = dictionaryFields(e);
        // Only the fields that were empty; the key and name stay as they are.
        delete fields['CompetentieKey'];
        delete fields['Title'];
        for (const [k, v] of Object.entries(fields)) if (v === null) delete fields[k];
        return {
          id: `f${i}`,
          method: 'PATCH' as const,
          url: `${base}/${e.id}/fields`,
          body: fields,
        };
      }),
    );
    run.responses.forEach((response, i) => {
      entryBody(response, z.unknown(), describe('PATCH', base));
      result.filled.push(entries[i]?.name ?? '');
    });
  }
}

function fromCompetency(key: string, c: Competency): Omit<DictionaryEntry, 'id'> {
  return {
    key,
    name: c.name,
    block: c.block,
    cluster: c.cluster,
    definition: c.definition,
    levels: c.levels,
  };
}

function sameLevel(a: LevelIndicators | undefined, b: LevelIndicators | undefined): boolean {
  return JSON.stringify(a?.indicators ?? null) === JSON.stringify(b?.indicators ?? null);
}

/** Fills empty fields of `current` from `proposed`; a field where both have different text is a conflict. */
function merge<T extends Omit<DictionaryEntry, 'id'> & { id: string }>(
  current: T,
  proposed: Omit<DictionaryEntry, 'id'>,
): { merged: T; conflicts: DriftField[] } {
  const conflicts: DriftField[] = [];
  const merged = { ...current, levels: [...current.levels] };
  const scalar = <K extends 'block' | 'cluster' | 'definition'>(
    field: K,
    label: DriftField,
  ): void => {
    const theirs = proposed[field];
    if (theirs === null) return;
    if (merged[field] === null) merged[field] = theirs as T[K];
    else if (merged[field] !== theirs) conflicts.push(label);
  };
  scalar('block', 'blok');
  scalar('cluster', 'cluster');
  scalar('definition', 'definitie');
  for (const level of proposed.levels) {
    const mine = merged.levels.find((l) => l.level === level.level);
    if (!mine) merged.levels.push(level);
    else if (!sameLevel(mine, level)) conflicts.push(`niveau ${level.level}` as DriftField);
  }
  merged.levels.sort((a, b) => a.level - b.level);
  return { merged, conflicts };
}

function sameEntry(a: Omit<DictionaryEntry, 'id'>, b: Omit<DictionaryEntry, 'id'>): boolean {
  return (
    a.block === b.block &&
    a.cluster === b.cluster &&
    a.definition === b.definition &&
    JSON.stringify(a.levels) === JSON.stringify(b.levels)
  );
}
