import { z } from 'zod';
import type { ColumnKind, StoredColumn } from './columns';
import { compileFormula, FormulaSyntaxError } from './formula';
import { GraphError, invalidRequest } from './graph-error';

/**
 * What `POST /columns` and `PATCH /columns/{id}` accept (Graph's `columnDefinition`), validated
 * the way SharePoint does and normalised into a `StoredColumn` (columns.ts).
 */

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

/**
 * Graph's columnValidation. The formula must parse (and use only what formula.ts evaluates); a
 * column validation may refer to its own column only — SharePoint keeps formulas over several
 * columns for list validation (checked where the column's name is known, `checkValidation`).
 */
const validationSchema = z
  .object({
    formula: z
      .string()
      .min(2)
      .max(1024)
      .superRefine((formula, ctx) => {
        try {
          compileFormula(formula);
        } catch (error) {
          if (!(error instanceof FormulaSyntaxError)) throw error;
          ctx.addIssue({
            code: 'custom',
            message: `The formula contains a syntax error or is not supported (${error.message}).`,
          });
        }
      }),
    descriptions: z
      .array(
        z
          .object({ languageTag: z.string().min(2).max(20), displayName: z.string().max(1024) })
          .strict(),
      )
      .max(20)
      .optional(),
    defaultLanguage: z.string().min(2).max(20).optional(),
  })
  .strict();

/** A column validation may name its own column only (SharePoint's rule for column validation). */
export function checkValidation(column: Pick<StoredColumn, 'name' | 'validation'>): void {
  if (!column.validation) return;
  const others = compileFormula(column.validation.formula).references.filter(
    (r) => r !== column.name,
  );
  if (others.length > 0) {
    throw invalidRequest(
      `Invalid request. The validation formula of column '${column.name}' refers to other columns (${others.join(', ')}); a column validation may refer to its own column only.`,
    );
  }
}

const flags = {
  validation: validationSchema.optional(),
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

/**
 * A PATCH changes the flags, and the bounds of a number column (as SharePoint's column settings
 * do; values already stored outside new bounds stay, as there). Never the column's type.
 */
export const columnPatchSchema = z
  .object({
    ...flags,
    number: z
      .object({
        minimum: z.number().finite().optional(),
        maximum: z.number().finite().optional(),
        decimalPlaces: facets.number.shape.decimalPlaces,
        displayAs: facets.number.shape.displayAs,
      })
      .strict()
      .optional(),
  })
  .strict();
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
    ...(c.validation ? { validation: c.validation } : {}),
  };
  checkValidation(column);
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
