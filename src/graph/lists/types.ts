/**
 * The vocabulary of the list declaration: column types, lists, who may do what. The lists
 * themselves are declared one per file next to this one; `index.ts` gathers them.
 *
 * Internal column names are short Dutch words without spaces (they appear in `$filter` and in
 * field JSON and cannot change after creation); display names are what HR sees in SharePoint.
 * A column is indexed when some query filters on it: SharePoint refuses filters on non-indexed
 * columns once a list passes 5,000 items, and Functiecompetenties will (2,000 roles × 35).
 */

/** The levels a scale may hold: LEVEL_BOUNDS, 0 to 10. */
export type LevelNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export type ColumnType =
  | { kind: 'text'; maxLength?: number }
  | { kind: 'note' }
  | { kind: 'number'; minimum?: number; maximum?: number }
  | { kind: 'boolean' }
  | { kind: 'dateOnly' }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'lookup'; list: ListName };

export interface ColumnDef {
  name: string;
  displayName: string;
  description: string;
  type: ColumnType;
  required?: boolean;
  indexed?: boolean;
  unique?: boolean;
  /** Kept up to date by the app; HR should not edit it (stated in the description). */
  computed?: boolean;
  /**
   * Column validation (Graph columnDefinition `validation`): a SharePoint formula over this
   * column only, and the Dutch message HR sees when a value fails it. Used where a wrong value
   * would break the tab.
   */
  validation?: { formula: string; message: string };
  /**
   * Column formatting (`CustomFormatter`, column formatting schema), set through SharePoint REST:
   * how HR's list view draws the value.
   */
  formatter?: Readonly<Record<string, unknown>>;
}

/**
 * The list's default view in SharePoint ("Alle items", AllItems.aspx), as HR opens it: which
 * columns, grouped and sorted how. Every column it groups or sorts on is indexed (a list past
 * 5,000 items refuses the view otherwise). Set through SharePoint REST (Graph cannot).
 */
export interface ViewDef {
  /** Internal names in display order; `LinkTitle` is the Title as a link to the item. */
  fields: readonly string[];
  groupBy?: readonly string[];
  /** Groups start collapsed. */
  collapsed?: boolean;
  orderBy?: ReadonlyArray<{ field: string; descending?: boolean }>;
  rowLimit?: number;
}

/** Who: every member of staff, or one of the site's groups. */
export type Principal = 'medewerkers' | 'hr' | 'goedkeurders' | 'beheerders';

/**
 * What they may do on the list's items.
 * - `read`: see items.
 * - `add`: see and add items, never edit or delete (decisions are append-only).
 * - `contribute`: see, add, edit and delete items.
 */
export type Access = 'read' | 'add' | 'contribute';

export interface Grant {
  principal: Principal;
  access: Access;
}

export type ListName =
  | 'Functies'
  | 'Taakafspraken'
  | 'Competenties'
  | 'Functiecompetenties'
  | 'Goedkeuringsaanvragen'
  | 'Besluiten';

export interface ListDef {
  name: ListName;
  description: string;
  /** Display name of the built-in Title column. */
  titleDisplayName: string;
  /**
   * Whether an item without a Title is invalid on read. SharePoint's Title is always there, but
   * the app writes requests and decisions with a generated one and does not depend on it.
   */
  titleRequired: boolean;
  columns: readonly ColumnDef[];
  /** Breaks inheritance from the site: exactly these grants apply to the list. */
  permissions: readonly Grant[];
  view?: ViewDef;
}

/**
 * Declares a list keeping its literal types (column names, kinds, choices), so the field names
 * and value types of its items can be derived from the declaration (see `columns.ts`).
 */
export function defineList<const L extends ListDef>(def: L): L {
  return def;
}

/**
 * Groups as they are named on the site (and in the emulator): SharePoint's three default groups
 * of a site called Functiewijzer, plus the approvers.
 */
export const GROUP_NAMES: Record<Principal, string> = {
  medewerkers: 'Functiewijzer Bezoekers',
  hr: 'Functiewijzer Leden',
  goedkeurders: 'Functiewijzer Goedkeurders',
  beheerders: 'Functiewijzer Eigenaars',
};

/**
 * The custom permission level of `add`: see and add items, never edit or delete (SharePoint has
 * no such built-in level). The mask is SPBasePermissions as REST sends it: Low = ViewListItems,
 * AddListItems, OpenItems, ViewVersions, ViewFormPages, Open, ViewPages, BrowseUserInfo; High =
 * UseClientIntegration, UseRemoteAPIs (the tab reads through the API).
 */
export const ADD_ONLY_LEVEL = {
  name: 'Alleen toevoegen',
  description: 'Functiewijzer: items weergeven en toevoegen, nooit bewerken of verwijderen.',
  basePermissions: { High: '48', Low: '134418531' },
} as const;

export const BLOCK_CHOICES = ['Technisch', 'Gedrag'] as const;
export const KIND_CHOICES = ['functiebeschrijving', 'functieprofiel'] as const;
export const REQUEST_STATUS_CHOICES = ['Open', 'Gesloten'] as const;
export const OUTCOME_CHOICES = ['Goedgekeurd', 'Afgewezen'] as const;

/** The content lists: everyone reads, HR and IT maintain. */
export const CONTENT_GRANTS: readonly Grant[] = [
  { principal: 'medewerkers', access: 'read' },
  { principal: 'hr', access: 'contribute' },
  { principal: 'beheerders', access: 'contribute' },
];

/** Which import wrote a row (Taakafspraken, Functiecompetenties) or a role's current one (Functies). */
export const GENERATION_COLUMN = {
  name: 'Inhoudsversie',
  displayName: 'Inhoudsversie (automatisch)',
  description:
    'Welke import deze rij schreef. Leeg laten bij handmatig toevoegen: dan hoort de rij altijd bij de functie.',
  type: { kind: 'number', minimum: 0 },
  computed: true,
} as const satisfies ColumnDef;

/**
 * A multi-line column of behaviour indicators for one level of a scale: Niveau0 … Niveau10, the
 * levels any document's scale may hold (LEVEL_BOUNDS in src/domain/schema.ts).
 */
export function levelColumn<const N extends LevelNumber>(level: N, description: string) {
  return {
    name: `Niveau${level}` as `Niveau${N}`,
    displayName: `Niveau ${level}`,
    description,
    type: { kind: 'note' },
  } as const satisfies ColumnDef;
}
