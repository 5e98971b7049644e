import type { z } from 'zod';
import { COMPETENTIES, selectFields } from '../lists';
import type { DictionaryEntry } from '../model';
import { checkTextLengths, fieldsSchema } from './fields';
import { blockFromChoice, blockToChoice, itemSchema, levelColumns, levelsFrom } from './shared';

/**
 * Competenties (the dictionary) ↔ dictionary entries. An entry's key is `competencyKey` of its
 * name (src/domain/text.ts), stored in CompetentieKey.
 */

export const dictionaryFieldsSchema = fieldsSchema(COMPETENTIES);
export const dictionaryItemSchema = itemSchema(dictionaryFieldsSchema);
export type DictionaryItem = z.output<typeof dictionaryItemSchema>;

export const DICTIONARY_SELECT = selectFields(COMPETENTIES);

export function dictionaryEntry(item: DictionaryItem): DictionaryEntry {
  const f = item.fields;
  return {
    id: item.id,
    key: f.CompetentieKey,
    name: f.Title,
    block: blockFromChoice(f.Blok),
    cluster: f.Cluster,
    definition: f.Definitie,
    levels: levelsFrom(f),
  };
}

export function dictionaryFields(entry: Omit<DictionaryEntry, 'id'>): Record<string, unknown> {
  return checkTextLengths(COMPETENTIES, {
    Title: entry.name,
    CompetentieKey: entry.key,
    Blok: blockToChoice(entry.block),
    Cluster: entry.cluster,
    Definitie: entry.definition,
    ...levelColumns(entry.levels),
  });
}
