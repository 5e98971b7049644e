import { z } from 'zod';
import { isoDateSchema } from '../../domain/schema';
import { ValidationError } from '../errors';
import {
  type ColumnDef,
  type FieldName,
  fieldName,
  fieldNames,
  type ListDef,
  type ListFields,
  SINGLE_LINE_LIMIT,
  textLimit,
} from '../lists';

/**
 * From the list declaration to what validates and checks list items' `fields`: one reader per
 * column kind, the zod shape of a whole list generated from its columns, and the length check of
 * single-line text on write. SharePoint leaves empty fields out of `fields`, returns lookup ids
 * as strings and numbers as numbers or strings depending on the column; what passes is typed as
 * the declaration says (`ListFields`).
 */

// ── Field value readers, one per column kind ───────────────────────────────────────────────────

/** Empty and missing are the same in SharePoint. */
export const optText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : v));

export const reqText = z.string().min(1);

const numberValue = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

export const optNumber = numberValue.nullish().transform((v) => (v === undefined ? null : v));

export const lookupId = z
  .union([z.string().regex(/^\d+$/), z.number().int().transform(String)])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '0' ? null : v));

const booleanValue = z
  .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal(1), z.literal(0)])
  .nullish()
  .transform((v) => v === true || v === 'true' || v === 1);

/**
 * A date-only column comes back as midnight in the site's time zone, written in UTC (a Brussels
 * site answers "2023-02-08T23:00:00Z" for 9 February). The nearest midnight is the date meant.
 */
export const dateOnlyValue = z.string().transform((v, ctx) => {
  if (isoDateSchema.safeParse(v).success) return v;
  const at = Date.parse(v);
  if (Number.isNaN(at)) {
    ctx.addIssue({ code: 'custom', message: 'geen geldige datum' });
    return z.NEVER;
  }
  const day = 86_400_000;
  return new Date(Math.round(at / day) * day).toISOString().slice(0, 10);
});

/** Writes a date-only value as UTC midnight: every site time zone east of UTC keeps the date. */
export function dateOnlyField(date: string): string {
  return `${date}T00:00:00Z`;
}

function choiceValue(choices: readonly string[], required: boolean): z.ZodType {
  if (required) return z.enum(choices as readonly [string, ...string[]]);
  // A value that is not (or no longer) one of the choices reads as empty, as an unknown block
  // always has: HR can edit a column's choices in SharePoint.
  return z
    .string()
    .nullish()
    .transform((v) => (v !== null && v !== undefined && choices.includes(v) ? v : null));
}

/** The reader of one declared column, as its kind and `required` say. */
export function columnReader(column: ColumnDef): z.ZodType {
  const required = column.required === true;
  const t = column.type;
  switch (t.kind) {
    case 'text':
    case 'note':
      return required ? reqText : optText;
    case 'number':
      return required ? numberValue : optNumber;
    case 'boolean':
      return booleanValue;
    case 'dateOnly':
      return required
        ? dateOnlyValue
        : dateOnlyValue.nullish().transform((v) => (v === undefined ? null : v));
    case 'choice':
      return choiceValue(t.choices, required);
    case 'lookup':
      // Nullable even when required: the mapping names the list and item (`requireLookup`).
      return lookupId;
  }
}

// ── A list's shape ─────────────────────────────────────────────────────────────────────────────

/** Readers that replace the generated one for a field, where the domain is stricter (a hash, a level). */
export type FieldOverrides<L extends ListDef> = { [K in FieldName<L>]?: z.ZodType };

/** The zod shape of a list's `fields`: the generated reader per field unless overridden. */
export type FieldsShape<L extends ListDef, O extends FieldOverrides<L>> = {
  [K in keyof ListFields<L>]: K extends keyof O
    ? Exclude<O[K], undefined>
    : z.ZodType<ListFields<L>[K]>;
};

/**
 * The zod schema of a list item's `fields`, generated from the declaration: Title and every
 * declared column (lookups as `…LookupId`), nothing else (what Graph adds, such as `id` and
 * `@odata.etag`, is stripped). An override must name a declared field.
 */
export function fieldsSchema<L extends ListDef, const O extends FieldOverrides<L> = object>(
  def: L,
  overrides: O & Record<Exclude<keyof O, FieldName<L>>, never> = {} as O &
    Record<Exclude<keyof O, FieldName<L>>, never>,
): z.ZodObject<FieldsShape<L, O>> {
  const names = new Set<string>(fieldNames(def));
  for (const name of Object.keys(overrides)) {
    if (!names.has(name)) throw new Error(`${def.name}: geen kolom ${name} om te overschrijven`);
  }
  const given = overrides as Record<string, z.ZodType | undefined>;
  const shape: Record<string, z.ZodType> = {
    Title: given['Title'] ?? (def.titleRequired ? reqText : optText),
  };
  for (const column of def.columns) {
    const name = fieldName(column);
    shape[name] = given[name] ?? columnReader(column);
  }
  return z.object(shape) as unknown as z.ZodObject<FieldsShape<L, O>>;
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────────

/** The fields of a write to a list: only declared field names (a typo does not compile). */
export type WriteFields<L extends ListDef> = { [K in FieldName<L>]?: unknown };

/**
 * Refuses a value longer than its single-line text column holds (Title and every `text` column,
 * as declared): SharePoint would refuse the write with a message HR cannot act on.
 */
export function checkTextLengths<L extends ListDef>(
  def: L,
  fields: WriteFields<L>,
): Record<string, unknown> {
  const values = fields as Record<string, unknown>;
  const limits: [string, number][] = [['Title', SINGLE_LINE_LIMIT]];
  for (const column of def.columns) {
    const limit = textLimit(column);
    if (limit !== null) limits.push([fieldName(column), limit]);
  }
  for (const [name, limit] of limits) {
    const value = values[name];
    if (typeof value === 'string' && value.length > limit) {
      throw new ValidationError(
        `${def.name}: '${value.slice(0, 40)}…' is te lang voor kolom ${name} (${value.length} tekens, hoogstens ${limit}). Kort de tekst in het document in.`,
      );
    }
  }
  return values;
}

/**
 * The fields of a new item as sent: an empty field (`null`, `undefined`) is left out. SharePoint
 * has been reported to refuse `null` on create (M365-FACTS "null in writes"); an absent field is
 * empty anyway.
 */
export function createBody(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * The fields of an update as sent: an empty field clears its column with `""`, which SharePoint
 * takes for every column kind we declare (text, note, choice, number, date, lookup); `null` has
 * been reported to leave the column as it was. `undefined` means "not part of this update".
 */
export function updateBody(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, value === null ? '' : value]),
  );
}

/** Lines of a multi-line text column; blank lines (and Windows line ends) are not content. */
export function readLines(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(/\r?\n/)
    .map((l) => l.replace(/\r/g, ''))
    .filter((l) => l.trim() !== '');
}

/** One entry per line: a line break inside an entry would split it in two on the way back. */
export function writeLines(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return values.map((v) => v.replace(/\s*[\r\n]+\s*/g, ' ')).join('\n');
}
