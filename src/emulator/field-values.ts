import { type StoredColumn, validationMessage } from './columns';
import { compileFormula, type FormulaValue } from './formula';
import { dateOnlyValue, dateTimeValue } from './dates';
import { GraphError, fieldNotRecognized, invalidRequest } from './graph-error';

/**
 * Field values as SharePoint keeps them: the rules a written value must pass for its column
 * (columns.ts), the name a client writes it under, and what Graph returns for it.
 */

/** A stored field value: what the item's JSON holds for one column. */
export type StoredValue = string | number | boolean;

export interface WriteContext {
  /** Whether item `itemId` exists in list `listId` (lookups must point at something). */
  lookupExists(listId: string, itemId: number): boolean;
  /** Whether `id` is a user of the site (person columns store the site user id). */
  siteUserExists(id: number): boolean;
  /**
   * What `null` does, as reported for SharePoint behind Graph (unverified, so the strictest
   * plausible, and a check in `npm run check-tenant`): a create refuses it (msgraph-sdk-dotnet-core
   * #656), an update leaves the column as it was (msgraph-sdk-powershell #2724); `""` clears.
   * Absent for the test-only bulk seeding, where `null` is simply empty.
   */
  mode?: 'create' | 'update';
}

/** The name a client writes (and reads) a column's value under. */
export function fieldKey(c: StoredColumn): string {
  return c.kind === 'lookup' || c.kind === 'personOrGroup' ? `${c.name}LookupId` : c.name;
}

/**
 * Validates the `fields` of a create or an update and returns the values to store, keyed by
 * column name; `""` clears a value (`null` see `WriteContext.mode`). Throws Graph's 400 for the
 * first problem, as SharePoint refuses the whole write.
 */
export function normaliseWrites(
  columns: readonly StoredColumn[],
  input: Record<string, unknown>,
  ctx: WriteContext,
): Map<string, StoredValue | null> {
  const byKey = new Map<string, StoredColumn>();
  for (const c of columns) byKey.set(fieldKey(c), c);
  const out = new Map<string, StoredValue | null>();
  for (const [key, raw] of Object.entries(input)) {
    if (key.startsWith('@odata.')) continue;
    const column = byKey.get(key);
    if (!column) throw fieldNotRecognized(key);
    if (column.readOnly) {
      throw invalidRequest(`Field '${key}' is read-only.`);
    }
    if (raw === null && ctx.mode === 'create') {
      throw invalidRequest(
        `The value of field '${key}' is null: leave an empty field out of a new item.`,
      );
    }
    // Reported: an update with null does not clear the column. Nothing changes.
    if (raw === null && ctx.mode === 'update') continue;
    const value = normaliseValue(column, key, raw, ctx);
    checkColumnValidation(column, value);
    out.set(column.name, value);
  }
  return out;
}

/**
 * Column validation, as SharePoint applies it to a value being written, blank included: a
 * formula that is not TRUE refuses the whole write with the column's own message (Graph's
 * status and code for this refusal are unverified; the tenant self-test checks them).
 */
function checkColumnValidation(column: StoredColumn, value: StoredValue | null): void {
  if (!column.validation) return;
  const result = compileFormula(column.validation.formula).evaluate((name) =>
    name === column.name ? (value as FormulaValue) : null,
  );
  if (result !== true) {
    throw invalidRequest(
      validationMessage(column.validation) ??
        `The value of field '${fieldKey(column)}' does not meet the validation formula of the column.`,
    );
  }
}

function invalidValue(key: string, expected: string): GraphError {
  return invalidRequest(`The value of field '${key}' is not valid: ${expected}.`);
}

function normaliseValue(
  c: StoredColumn,
  key: string,
  raw: unknown,
  ctx: WriteContext,
): StoredValue | null {
  if (raw === null || raw === undefined) return null;
  switch (c.kind) {
    case 'text': {
      if (typeof raw !== 'string') throw invalidValue(key, 'expected a string');
      if (raw === '') return null;
      const max = c.text?.allowMultipleLines
        ? Number.POSITIVE_INFINITY
        : (c.text?.maxLength ?? 255);
      if (raw.length > max) {
        throw invalidRequest(
          `The value of field '${key}' is ${raw.length} characters long; the column holds at most ${max}.`,
        );
      }
      if (!c.text?.allowMultipleLines && /[\r\n]/.test(raw)) {
        throw invalidValue(key, 'a single line of text cannot contain line breaks');
      }
      return raw;
    }
    case 'number': {
      if (raw === '') return null;
      if (typeof raw !== 'number' || !Number.isFinite(raw)) {
        throw invalidValue(key, 'expected a number');
      }
      const { minimum, maximum } = c.number ?? {};
      if ((minimum !== undefined && raw < minimum) || (maximum !== undefined && raw > maximum)) {
        throw invalidRequest(
          `The value of field '${key}' must be between ${minimum ?? '-∞'} and ${maximum ?? '∞'}.`,
        );
      }
      return raw;
    }
    case 'boolean':
      if (typeof raw !== 'boolean') throw invalidValue(key, 'expected true or false');
      return raw;
    case 'choice': {
      if (typeof raw !== 'string') throw invalidValue(key, 'expected one of the choices');
      if (raw === '') return null;
      if (!c.choice?.allowTextEntry && !(c.choice?.choices ?? []).includes(raw)) {
        throw invalidValue(
          key,
          `'${raw}' is not one of the choices (${(c.choice?.choices ?? []).join(', ')})`,
        );
      }
      return raw;
    }
    case 'dateTime': {
      if (typeof raw !== 'string') throw invalidValue(key, 'expected an ISO 8601 date');
      if (raw === '') return null;
      const value = c.dateTime?.format === 'dateOnly' ? dateOnlyValue(raw) : dateTimeValue(raw);
      if (value === null) {
        throw invalidValue(key, `'${raw}' is not an ISO 8601 date with a time zone`);
      }
      return value;
    }
    case 'lookup':
    case 'personOrGroup': {
      const id = lookupNumber(raw);
      if (id === null) throw invalidValue(key, 'expected the id of an item');
      if (id === 0) return null;
      if (c.kind === 'lookup') {
        if (!ctx.lookupExists(c.lookup?.listId ?? '', id)) {
          throw invalidRequest(
            `The lookup value ${id} of field '${key}' does not exist in the target list.`,
          );
        }
      } else if (!ctx.siteUserExists(id)) {
        throw invalidRequest(
          `The user with id ${id} of field '${key}' does not exist on this site.`,
        );
      }
      return id;
    }
    case 'counter':
      throw invalidRequest(`Field '${key}' is read-only.`);
  }
}

/** SharePoint accepts a lookup id as a number or as its decimal string ("12"). */
function lookupNumber(raw: unknown): number | null {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return raw;
  if (typeof raw === 'string') {
    if (raw === '') return 0;
    if (/^\d{1,10}$/.test(raw)) return Number(raw);
  }
  return null;
}

/** Whether a stored value counts as empty for `required`. */
export function isEmpty(value: StoredValue | null | undefined): boolean {
  return value === null || value === undefined || value === '';
}

/** The value Graph returns in `fields` for a stored value. */
export function outputValue(c: StoredColumn, value: StoredValue): unknown {
  if (c.kind === 'lookup' || c.kind === 'personOrGroup' || c.kind === 'counter') {
    return String(value);
  }
  return value;
}
