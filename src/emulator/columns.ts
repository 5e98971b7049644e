import type { ColumnDefinition } from '@microsoft/microsoft-graph-types';

/**
 * Column definitions as SharePoint keeps them: the stored form, the built-in columns of a list,
 * and Graph's `columnDefinition` for each. The stored form is normalised and also says where the
 * value lives (in the item's JSON, or in a column of the items table for system fields). What
 * `POST`/`PATCH /columns` accept is in column-input.ts; the rules a written value must pass are in
 * field-values.ts.
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
  /** Graph's columnValidation, as written; evaluated on every write (field-values.ts). */
  validation?: ColumnValidation;
  /** Column formatting JSON (SharePoint REST `CustomFormatter`); Graph does not show it. */
  customFormatter?: string;
}

export interface ColumnValidation {
  formula: string;
  descriptions?: Array<{ languageTag: string; displayName: string }>;
  defaultLanguage?: string;
}

/** The message a failed validation shows: the default language's, else the first one. */
export function validationMessage(v: ColumnValidation): string | null {
  const all = v.descriptions ?? [];
  return (
    all.find((d) => d.languageTag.toLowerCase() === (v.defaultLanguage ?? '').toLowerCase())
      ?.displayName ??
    all[0]?.displayName ??
    null
  );
}

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
  if (c.validation) {
    out['validation'] = {
      formula: c.validation.formula,
      descriptions: c.validation.descriptions ?? [],
      defaultLanguage: c.validation.defaultLanguage ?? null,
    };
  }
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
