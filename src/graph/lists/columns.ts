import type { ColumnDef, ListDef, ListName } from './types';

/**
 * What follows from a declared column: its name in field JSON, the `$select` of a list, Graph's
 * columnDefinition, and (as types) the fields of an item. The zod shapes that validate those
 * fields are generated from the same declaration in `../mapping/fields.ts`.
 */

/** `fields/X` names the field JSON uses: a lookup column `Functie` is read and written as `FunctieLookupId`. */
export function fieldName(column: ColumnDef): string {
  return column.type.kind === 'lookup' ? `${column.name}LookupId` : column.name;
}

/** The field name of one declared column, as a type (`Functie` lookup → `FunctieLookupId`). */
export type ColumnFieldName<C extends ColumnDef> = C extends { type: { kind: 'lookup' } }
  ? `${C['name']}LookupId`
  : C['name'];

/** Every field of a list's items: Title and each declared column. */
export type FieldName<L extends ListDef> = 'Title' | ColumnFieldName<L['columns'][number]>;

type Nullable<C extends ColumnDef, T> = C extends { required: true } ? T : T | null;

/**
 * The value a column has once read and validated. SharePoint leaves empty fields out, so a
 * column that is not required is `null` when empty. A lookup is `null` when empty even if
 * required: the mapping reports that with the list and item (`requireLookup`), which says more
 * than a shape error.
 */
export type ColumnValue<C extends ColumnDef> = C['type'] extends { kind: 'text' | 'note' }
  ? Nullable<C, string>
  : C['type'] extends { kind: 'number' }
    ? Nullable<C, number>
    : C['type'] extends { kind: 'boolean' }
      ? boolean
      : C['type'] extends { kind: 'dateOnly' }
        ? Nullable<C, string>
        : C['type'] extends { kind: 'choice'; choices: readonly (infer X)[] }
          ? Nullable<C, X>
          : C['type'] extends { kind: 'lookup' }
            ? string | null
            : never;

/** A list item's `fields` as validated: one property per field name. */
export type ListFields<L extends ListDef> = {
  Title: L['titleRequired'] extends true ? string : string | null;
} & {
  [C in L['columns'][number] as ColumnFieldName<C>]: ColumnValue<C>;
};

/** Every field name of a list, in declaration order (Title first). */
export function fieldNames<L extends ListDef>(def: L): FieldName<L>[] {
  return ['Title', ...def.columns.map(fieldName)] as FieldName<L>[];
}

/**
 * The `$select` inside `$expand=fields(...)` for a list: Title and every declared column, or
 * only some of them (`only`), or all but some (`omit`); always in declaration order.
 */
export function selectFields<L extends ListDef>(
  def: L,
  pick: { only?: readonly FieldName<L>[]; omit?: readonly FieldName<L>[] } = {},
): string {
  const { only, omit } = pick;
  return fieldNames(def)
    .filter((n) => (only === undefined || only.includes(n)) && !(omit ?? []).includes(n))
    .join(',');
}

/** Graph's columnDefinition for a declared column (POST/PATCH …/lists/{id}/columns). */
export function columnDefinition(
  column: ColumnDef,
  listIds: ReadonlyMap<ListName, string>,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: column.name,
    displayName: column.displayName,
    description: column.description,
    required: column.required ?? false,
    indexed: column.indexed ?? false,
    enforceUniqueValues: column.unique ?? false,
    ...(column.validation ? { validation: columnValidation(column.validation) } : {}),
  };
  const t = column.type;
  switch (t.kind) {
    case 'text':
      return {
        ...base,
        text: { allowMultipleLines: false, maxLength: t.maxLength ?? SINGLE_LINE_LIMIT },
      };
    case 'note':
      return { ...base, text: { allowMultipleLines: true, textType: 'plain', linesForEditing: 6 } };
    case 'number':
      return {
        ...base,
        number: {
          decimalPlaces: 'none',
          ...(t.minimum === undefined ? {} : { minimum: t.minimum }),
          ...(t.maximum === undefined ? {} : { maximum: t.maximum }),
        },
      };
    case 'boolean':
      return { ...base, boolean: {} };
    case 'dateOnly':
      return { ...base, dateTime: { format: 'dateOnly', displayAs: 'standard' } };
    case 'choice':
      return {
        ...base,
        choice: { choices: [...t.choices], displayAs: 'dropDownMenu', allowTextEntry: false },
      };
    case 'lookup': {
      const listId = listIds.get(t.list);
      if (listId === undefined) throw new Error(`lijst ${t.list} bestaat nog niet`);
      return { ...base, lookup: { listId, columnName: 'Title', allowMultipleValues: false } };
    }
  }
}

/**
 * The language of the validation message: a Dutch-language site is nl-NL (LCID 1043), the
 * language SharePoint shows the message in.
 */
export const VALIDATION_LANGUAGE = 'nl-NL';

/** Graph's columnValidation for a declared validation. */
export function columnValidation(v: { formula: string; message: string }): {
  formula: string;
  descriptions: Array<{ languageTag: string; displayName: string }>;
  defaultLanguage: string;
} {
  return {
    formula: v.formula,
    descriptions: [{ languageTag: VALIDATION_LANGUAGE, displayName: v.message }],
    defaultLanguage: VALIDATION_LANGUAGE,
  };
}

/** SharePoint's own limit for single-line text (and for Title). */
export const SINGLE_LINE_LIMIT = 255;

/**
 * How many characters a single-line text column holds; null for every other kind (multi-line
 * text has no limit the app can reach).
 */
export function textLimit(column: ColumnDef): number | null {
  return column.type.kind === 'text' ? (column.type.maxLength ?? SINGLE_LINE_LIMIT) : null;
}
