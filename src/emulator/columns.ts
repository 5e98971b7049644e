import type { ColumnDefinition } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { dateOnlyValue, dateTimeValue } from './dates';
import { GraphError, fieldNotRecognized, invalidRequest } from './graph-error';

/**
 * Column definitions as SharePoint keeps them, and the rules a written field value must pass.
 * Input is Graph's `columnDefinition`; what is stored is a normalised form that also says where
 * the value lives (in the item's JSON, or in a column of the items table for system fields).
 */

export type ColumnKind =
  'text' | 'number' | 'choice' | 'boolean' | 'dateTime' | 'lookup' | 'personOrGroup' | 'counter';

/** Where a column's value is kept: the JSON document, or one of the items table's own columns. */
export type ColumnStorage = 'json' | 'item_id' | 'created' | 'modified' | 'author' | 'editor';

export interface StoredColumn {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  kind: ColumnKind;
  required: boolean;
  indexed: boolean;
  enforceUniqueValues: boolean;
  hidden: boolean;
  readOnly: boolean;
  builtin: boolean;
  storage: ColumnStorage;
  text?: { allowMultipleLines: boolean; maxLength: number; linesForEditing: number };
  number?: { minimum?: number; maximum?: number; decimalPlaces: string; displayAs: string };
  choice?: { choices: string[]; allowTextEntry: boolean; displayAs: string };
  dateTime?: { format: 'dateOnly' | 'dateTime'; displayAs: string };
  lookup?: { listId: string; columnName: string };
  personOrGroup?: { chooseFromType: string; displayAs: string };
}

/** SharePoint internal names: letters, digits and underscores, not starting with a digit. */
export const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const RESERVED = new Set(
  [
    'id',
    'ID',
    'Title',
    'Created',
    'Modified',
    'Author',
    'Editor',
    'ContentType',
    'Attachments',
    'Edit',
    'LinkTitle',
    'LinkTitleNoMenu',
    'ItemChildCount',
    'FolderChildCount',
    'ContentTypeId',
    'FileRef',
    'FileLeafRef',
    'Version',
    'GUID',
  ].map((n) => n.toLowerCase()),
);

const flags = {
  displayName: z.string().min(1).max(255).optional(),
  description: z.string().max(1000).optional(),
  columnGroup: z.string().max(255).optional(),
  enforceUniqueValues: z.boolean().optional(),
  hidden: z.boolean().optional(),
  indexed: z.boolean().optional(),
  required: z.boolean().optional(),
};

const facets = {
  text: z
    .object({
      allowMultipleLines: z.boolean().optional(),
      maxLength: z.number().int().min(1).max(255).optional(),
      linesForEditing: z.number().int().min(0).max(1000).optional(),
      textType: z.literal('plain').optional(),
      appendChangesToExistingText: z.literal(false).optional(),
    })
    .strict(),
  number: z
    .object({
      minimum: z.number().finite().optional(),
      maximum: z.number().finite().optional(),
      decimalPlaces: z
        .enum(['automatic', 'none', 'one', 'two', 'three', 'four', 'five'])
        .optional(),
      displayAs: z.enum(['number', 'percentage']).optional(),
    })
    .strict(),
  choice: z
    .object({
      choices: z.array(z.string().min(1).max(255)).min(1),
      allowTextEntry: z.boolean().optional(),
      displayAs: z.enum(['dropDownMenu', 'radioButtons', 'checkBoxes']).optional(),
    })
    .strict(),
  boolean: z.object({}).strict(),
  dateTime: z
    .object({
      format: z.enum(['dateOnly', 'dateTime']).optional(),
      displayAs: z.enum(['default', 'friendly', 'standard']).optional(),
    })
    .strict(),
  lookup: z
    .object({
      listId: z.string().min(1),
      columnName: z.string().min(1),
      allowMultipleValues: z.literal(false).optional(),
      allowUnlimitedLength: z.boolean().optional(),
      primaryLookupColumnId: z.string().optional(),
    })
    .strict(),
  personOrGroup: z
    .object({
      allowMultipleSelection: z.literal(false).optional(),
      chooseFromType: z.enum(['peopleOnly', 'peopleAndGroups']).optional(),
      displayAs: z.string().optional(),
    })
    .strict(),
};

export const columnCreateSchema = z
  .object({ name: z.string(), ...flags, ...objectOptional(facets) })
  .strict();
export type ColumnCreate = z.infer<typeof columnCreateSchema>;

export const columnPatchSchema = z.object({ ...flags }).strict();
export type ColumnPatch = z.infer<typeof columnPatchSchema>;

function objectOptional<T extends Record<string, z.ZodType>>(
  shape: T,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) out[k] = v.optional();
  return out as { [K in keyof T]: z.ZodOptional<T[K]> };
}

export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.length > 0 ? `'${issue.path.join('.')}': ` : '';
  return `Invalid request. ${where}${issue.message}`;
}

/** Validates and normalises a new column; `lookupTarget` resolves the list a lookup points at. */
export function buildColumn(
  input: unknown,
  id: string,
  existingNames: readonly string[],
  lookupTarget: (listId: string) => { id: string; columnNames: readonly string[] } | null,
): StoredColumn {
  const parsed = columnCreateSchema.safeParse(input);
  if (!parsed.success) throw invalidRequest(zodMessage(parsed.error));
  const c = parsed.data;
  if (!COLUMN_NAME.test(c.name)) {
    throw invalidRequest(
      `The column name '${c.name}' is not valid: use letters, digits and underscores, not starting with a digit.`,
    );
  }
  if (
    RESERVED.has(c.name.toLowerCase()) ||
    existingNames.some((n) => n.toLowerCase() === c.name.toLowerCase())
  ) {
    throw new GraphError(409, 'nameAlreadyExists', `A duplicate field name "${c.name}" was found.`);
  }
  const facetKeys = (Object.keys(facets) as Array<keyof typeof facets>).filter(
    (k) => c[k] !== undefined,
  );
  if (facetKeys.length !== 1) {
    throw invalidRequest(
      facetKeys.length === 0
        ? 'Invalid request. A column definition needs exactly one type facet (text, number, choice, boolean, dateTime, lookup or personOrGroup).'
        : `Invalid request. A column definition may have only one type facet, got ${facetKeys.join(', ')}.`,
    );
  }
  const kind = facetKeys[0] as Exclude<ColumnKind, 'counter'>;
  const column: StoredColumn = {
    id,
    name: c.name,
    displayName: c.displayName ?? c.name,
    description: c.description ?? '',
    columnGroup: c.columnGroup ?? 'Custom Columns',
    kind,
    required: c.required ?? false,
    indexed: c.indexed ?? false,
    enforceUniqueValues: c.enforceUniqueValues ?? false,
    hidden: c.hidden ?? false,
    readOnly: false,
    builtin: false,
    storage: 'json',
  };
  if (c.text) {
    column.text = {
      allowMultipleLines: c.text.allowMultipleLines ?? false,
      maxLength: c.text.maxLength ?? 255,
      linesForEditing: c.text.linesForEditing ?? (c.text.allowMultipleLines ? 6 : 0),
    };
  }
  if (c.number) {
    if (
      c.number.minimum !== undefined &&
      c.number.maximum !== undefined &&
      c.number.minimum > c.number.maximum
    ) {
      throw invalidRequest('Invalid request. The minimum of a number column exceeds its maximum.');
    }
    column.number = {
      ...(c.number.minimum === undefined ? {} : { minimum: c.number.minimum }),
      ...(c.number.maximum === undefined ? {} : { maximum: c.number.maximum }),
      decimalPlaces: c.number.decimalPlaces ?? 'automatic',
      displayAs: c.number.displayAs ?? 'number',
    };
  }
  if (c.choice) {
    column.choice = {
      choices: [...c.choice.choices],
      allowTextEntry: c.choice.allowTextEntry ?? false,
      displayAs: c.choice.displayAs ?? 'dropDownMenu',
    };
  }
  if (c.dateTime) {
    column.dateTime = {
      format: c.dateTime.format ?? 'dateTime',
      displayAs: c.dateTime.displayAs ?? 'default',
    };
  }
  if (c.lookup) {
    const target = lookupTarget(c.lookup.listId);
    if (!target) {
      throw invalidRequest(`The list '${c.lookup.listId}' of the lookup column was not found.`);
    }
    if (!target.columnNames.includes(c.lookup.columnName)) {
      throw invalidRequest(
        `The lookup column '${c.lookup.columnName}' does not exist in list '${c.lookup.listId}'.`,
      );
    }
    column.lookup = { listId: target.id, columnName: c.lookup.columnName };
  }
  if (c.personOrGroup) {
    column.personOrGroup = {
      chooseFromType: c.personOrGroup.chooseFromType ?? 'peopleOnly',
      displayAs: c.personOrGroup.displayAs ?? 'nameWithPresence',
    };
  }
  if (column.enforceUniqueValues && !column.indexed) throw mustBeIndexed();
  if (
    column.enforceUniqueValues &&
    (kind === 'boolean' || (kind === 'text' && column.text?.allowMultipleLines))
  ) {
    throw invalidRequest('This column type cannot enforce unique values.');
  }
  if (column.indexed && kind === 'text' && column.text?.allowMultipleLines) {
    throw invalidRequest('Multiple lines of text columns cannot be indexed.');
  }
  return column;
}

export const mustBeIndexed = (): GraphError =>
  invalidRequest('This field must be indexed to enforce unique values.');

/** The built-in columns of a `genericList`, as SharePoint creates them. */
export function builtinColumns(ids: (name: string) => string): StoredColumn[] {
  const base = {
    description: '',
    columnGroup: '_Hidden',
    required: false,
    indexed: false,
    enforceUniqueValues: false,
    hidden: false,
    readOnly: true,
    builtin: true,
  };
  return [
    {
      ...base,
      id: ids('Title'),
      name: 'Title',
      displayName: 'Title',
      columnGroup: 'Custom Columns',
      kind: 'text',
      required: true,
      readOnly: false,
      storage: 'json',
      text: { allowMultipleLines: false, maxLength: 255, linesForEditing: 0 },
    },
    {
      ...base,
      id: ids('ID'),
      name: 'ID',
      displayName: 'ID',
      kind: 'counter',
      indexed: true,
      storage: 'item_id',
    },
    {
      ...base,
      id: ids('Created'),
      name: 'Created',
      displayName: 'Created',
      kind: 'dateTime',
      storage: 'created',
      dateTime: { format: 'dateTime', displayAs: 'default' },
    },
    {
      ...base,
      id: ids('Modified'),
      name: 'Modified',
      displayName: 'Modified',
      kind: 'dateTime',
      storage: 'modified',
      dateTime: { format: 'dateTime', displayAs: 'default' },
    },
    {
      ...base,
      id: ids('Author'),
      name: 'Author',
      displayName: 'Created By',
      kind: 'personOrGroup',
      storage: 'author',
      personOrGroup: { chooseFromType: 'peopleAndGroups', displayAs: 'nameWithPresence' },
    },
    {
      ...base,
      id: ids('Editor'),
      name: 'Editor',
      displayName: 'Modified By',
      kind: 'personOrGroup',
      storage: 'editor',
      personOrGroup: { chooseFromType: 'peopleAndGroups', displayAs: 'nameWithPresence' },
    },
  ];
}

/** Graph's `columnDefinition` for a stored column. */
export function columnResource(c: StoredColumn): ColumnDefinition & Record<string, unknown> {
  const out: ColumnDefinition & Record<string, unknown> = {
    columnGroup: c.columnGroup,
    description: c.description,
    displayName: c.displayName,
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: c.hidden,
    id: c.id,
    indexed: c.indexed,
    name: c.name,
    readOnly: c.readOnly,
    required: c.required,
  };
  switch (c.kind) {
    case 'text':
      out.text = {
        allowMultipleLines: c.text?.allowMultipleLines ?? false,
        appendChangesToExistingText: false,
        linesForEditing: c.text?.linesForEditing ?? 0,
        maxLength: c.text?.maxLength ?? 255,
      };
      break;
    case 'number':
      out.number = {
        decimalPlaces: c.number?.decimalPlaces ?? 'automatic',
        displayAs: c.number?.displayAs ?? 'number',
        maximum: c.number?.maximum ?? 1.7976931348623157e308,
        minimum: c.number?.minimum ?? -1.7976931348623157e308,
      };
      break;
    case 'choice':
      out.choice = {
        allowTextEntry: c.choice?.allowTextEntry ?? false,
        choices: c.choice?.choices ?? [],
        displayAs: c.choice?.displayAs ?? 'dropDownMenu',
      };
      break;
    case 'boolean':
      out.boolean = {};
      break;
    case 'dateTime':
      out.dateTime = {
        displayAs: c.dateTime?.displayAs ?? 'default',
        format: c.dateTime?.format ?? 'dateTime',
      };
      break;
    case 'lookup':
      out.lookup = {
        allowMultipleValues: false,
        allowUnlimitedLength: false,
        columnName: c.lookup?.columnName ?? 'Title',
        listId: c.lookup?.listId ?? '',
      };
      break;
    case 'personOrGroup':
      out.personOrGroup = {
        allowMultipleSelection: false,
        chooseFromType: c.personOrGroup?.chooseFromType ?? 'peopleOnly',
        displayAs: c.personOrGroup?.displayAs ?? 'nameWithPresence',
      };
      break;
    case 'counter':
      break;
  }
  return out;
}

/** A stored field value: what the item's JSON holds for one column. */
export type StoredValue = string | number | boolean;

export interface WriteContext {
  /** Whether item `itemId` exists in list `listId` (lookups must point at something). */
  lookupExists(listId: string, itemId: number): boolean;
  /** Whether `id` is a user of the site (person columns store the site user id). */
  siteUserExists(id: number): boolean;
}

/** The name a client writes (and reads) a column's value under. */
export function fieldKey(c: StoredColumn): string {
  return c.kind === 'lookup' || c.kind === 'personOrGroup' ? `${c.name}LookupId` : c.name;
}

/**
 * Validates the `fields` of a create or an update and returns the values to store, keyed by
 * column name; `null` clears a value. Throws Graph's 400 for the first problem, as SharePoint
 * refuses the whole write.
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
    out.set(column.name, normaliseValue(column, key, raw, ctx));
  }
  return out;
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
