import type { z } from 'zod';
import type { ResultArea } from '../../domain/schema';
import { selectFields, TAAKAFSPRAKEN } from '../lists';
import { checkTextLengths, fieldsSchema, readLines, writeLines } from './fields';
import { itemSchema } from './shared';

/** Taakafspraken ↔ a role's task agreements (result areas). */

export const resultAreaFieldsSchema = fieldsSchema(TAAKAFSPRAKEN);
export const resultAreaItemSchema = itemSchema(resultAreaFieldsSchema);
export type ResultAreaItem = z.output<typeof resultAreaItemSchema>;

export const RESULT_AREA_SELECT = selectFields(TAAKAFSPRAKEN);

export function resultAreaFields(
  area: ResultArea,
  roleId: string,
  order: number,
  generation: number,
): Record<string, unknown> {
  return checkTextLengths(TAAKAFSPRAKEN, {
    Title: area.title,
    FunctieLookupId: roleId,
    Volgorde: order,
    Taken: writeLines(area.tasks),
    Inhoudsversie: generation,
  });
}

export function resultAreaFromItem(item: ResultAreaItem): ResultArea {
  return { title: item.fields.Title, tasks: readLines(item.fields.Taken) };
}
