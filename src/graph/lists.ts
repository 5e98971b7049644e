/**
 * The SharePoint lists of Functiewijzer (DESIGN §3), declared once. Provisioning creates them
 * from this, the field mapping reads and writes with these names, the docs describe them.
 *
 * Internal column names are short Dutch words without spaces (they appear in `$filter` and in
 * field JSON and cannot change after creation); display names are what HR sees in SharePoint.
 * A column is indexed when some query filters on it: SharePoint refuses filters on non-indexed
 * columns once a list passes 5,000 items, and Functiecompetenties will (2,000 roles × 35).
 */

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
  columns: readonly ColumnDef[];
  /** Breaks inheritance from the site: exactly these grants apply to the list. */
  permissions: readonly Grant[];
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

export const BLOCK_CHOICES = ['Technisch', 'Gedrag'] as const;
export const KIND_CHOICES = ['functiebeschrijving', 'functieprofiel'] as const;
export const REQUEST_STATUS_CHOICES = ['Open', 'Gesloten'] as const;
export const OUTCOME_CHOICES = ['Goedgekeurd', 'Afgewezen'] as const;

const contentGrants: readonly Grant[] = [
  { principal: 'medewerkers', access: 'read' },
  { principal: 'hr', access: 'contribute' },
  { principal: 'beheerders', access: 'contribute' },
];

const generation: ColumnDef = {
  name: 'Inhoudsversie',
  displayName: 'Inhoudsversie (automatisch)',
  description:
    'Welke import deze rij schreef. Leeg laten bij handmatig toevoegen: dan hoort de rij altijd bij de functie.',
  type: { kind: 'number', minimum: 0 },
  computed: true,
};

export const LISTS: readonly ListDef[] = [
  {
    name: 'Functies',
    description:
      'Eén item per functie: de algemene gegevens van de functiebeschrijving of het functieprofiel.',
    titleDisplayName: 'Functienaam',
    permissions: contentGrants,
    columns: [
      {
        name: 'FunctieKey',
        displayName: 'Functiesleutel',
        description:
          'Vaste sleutel van de functie (bv. deskundige-ict); koppelt een nieuwe import aan dit item.',
        type: { kind: 'text', maxLength: 255 },
        required: true,
        indexed: true,
        unique: true,
      },
      {
        name: 'Soort',
        displayName: 'Soort document',
        description: 'Functiebeschrijving of functieprofiel.',
        type: { kind: 'choice', choices: KIND_CHOICES },
        required: true,
      },
      {
        name: 'Organisatie',
        displayName: 'Organisatie',
        description: 'Bv. Stad Tienen.',
        type: { kind: 'text' },
      },
      {
        name: 'Afdeling',
        displayName: 'Afdeling',
        description: 'Afdeling waartoe de functie behoort.',
        type: { kind: 'text' },
        indexed: true,
      },
      {
        name: 'Dienst',
        displayName: 'Dienst',
        description: 'Dienst waartoe de functie behoort.',
        type: { kind: 'text' },
        indexed: true,
      },
      { name: 'Graad', displayName: 'Graad', description: 'Graadnaam.', type: { kind: 'text' } },
      {
        name: 'Loopbaan',
        displayName: 'Functionele loopbaan',
        description: 'Bv. B1-B3.',
        type: { kind: 'text' },
        indexed: true,
      },
      {
        name: 'Doel',
        displayName: 'Doel van de functie',
        description: 'Doel van de functie.',
        type: { kind: 'note' },
      },
      {
        name: 'Hoofdtaken',
        displayName: 'Hoofdtaken',
        description: 'De hoofdtaken, één per regel.',
        type: { kind: 'note' },
      },
      {
        name: 'PlaatsInOrganisatie',
        displayName: 'Plaats in de organisatie',
        description: 'Plaats in de organisatie.',
        type: { kind: 'note' },
      },
      {
        name: 'Vaktechnisch',
        displayName: 'Vaktechnische competenties',
        description: 'Vaktechnische kennis, één per regel.',
        type: { kind: 'note' },
      },
      {
        ...generation,
        description: 'De import waarvan de taakafspraken en competenties gelden. Niet wijzigen.',
      },
      {
        name: 'InhoudHash',
        displayName: 'Inhoudshash (automatisch)',
        description:
          'Vingerafdruk van de volledige inhoud bij de laatste wijziging via de Functiewijzer. Niet wijzigen.',
        type: { kind: 'text', maxLength: 80 },
        computed: true,
      },
      {
        name: 'Zoektekst',
        displayName: 'Zoektekst (automatisch)',
        description:
          'Hoofdtaken, taakafspraken en hun taken, één per regel, voor het zoeken in de catalogus. Niet wijzigen.',
        type: { kind: 'note' },
        computed: true,
      },
      {
        name: 'Competentieprofiel',
        displayName: 'Competentieprofiel (automatisch)',
        description:
          'Per regel een competentie en het vereiste niveau, voor het vergelijken in de catalogus. Niet wijzigen.',
        type: { kind: 'note' },
        computed: true,
      },
    ],
  },
  {
    name: 'Taakafspraken',
    description:
      'Inhoudelijke taakafspraken (functiebeschrijving) of resultaatsgebieden (functieprofiel).',
    titleDisplayName: 'Taakafspraak',
    permissions: contentGrants,
    columns: [
      {
        name: 'Functie',
        displayName: 'Functie',
        description: 'De functie waartoe deze taakafspraak behoort.',
        type: { kind: 'lookup', list: 'Functies' },
        required: true,
        indexed: true,
      },
      {
        name: 'Volgorde',
        displayName: 'Volgorde',
        description: 'Volgorde binnen de functie.',
        type: { kind: 'number', minimum: 0 },
      },
      {
        name: 'Taken',
        displayName: 'Taken',
        description: 'De concrete taken, één per regel.',
        type: { kind: 'note' },
      },
      generation,
    ],
  },
  {
    name: 'Competenties',
    description: 'Het competentiewoordenboek: definitie en gedragsindicatoren per niveau.',
    titleDisplayName: 'Competentie',
    permissions: contentGrants,
    columns: [
      {
        name: 'CompetentieKey',
        displayName: 'Competentiesleutel',
        description: 'Vaste sleutel van de competentie, afgeleid van de naam. Niet wijzigen.',
        type: { kind: 'text', maxLength: 255 },
        required: true,
        indexed: true,
        unique: true,
      },
      {
        name: 'Blok',
        displayName: 'Blok',
        description: 'Technische competentie of gedragscompetentie.',
        type: { kind: 'choice', choices: BLOCK_CHOICES },
      },
      {
        name: 'Cluster',
        displayName: 'Cluster',
        description: 'Cluster binnen het blok.',
        type: { kind: 'text' },
        indexed: true,
      },
      {
        name: 'Definitie',
        displayName: 'Definitie',
        description: 'Definitie van de competentie.',
        type: { kind: 'note' },
      },
      ...[0, 1, 2, 3].map((level): ColumnDef => ({
        name: `Niveau${level}`,
        displayName: `Niveau ${level}`,
        description: `Gedragsindicatoren van niveau ${level}, één per regel.`,
        type: { kind: 'note' },
      })),
    ],
  },
  {
    name: 'Functiecompetenties',
    description: 'Welke competentie een functie vraagt, op welk niveau.',
    titleDisplayName: 'Competentie',
    permissions: contentGrants,
    columns: [
      {
        name: 'Functie',
        displayName: 'Functie',
        description: 'De functie die deze competentie vraagt.',
        type: { kind: 'lookup', list: 'Functies' },
        required: true,
        indexed: true,
      },
      {
        name: 'Competentie',
        displayName: 'Competentie uit het woordenboek',
        description: 'De competentie in het woordenboek.',
        type: { kind: 'lookup', list: 'Competenties' },
        required: true,
        indexed: true,
      },
      {
        name: 'VereistNiveau',
        displayName: 'Vereist niveau',
        description:
          'Het vereiste niveau (0 tot 3); leeg als het document geen genummerde niveaus kent.',
        type: { kind: 'number', minimum: 0, maximum: 3 },
      },
      {
        name: 'NiveauTitel',
        displayName: 'Titel van het niveau',
        description: 'De titel van het vereiste niveau.',
        type: { kind: 'note' },
      },
      {
        name: 'Indicatoren',
        displayName: 'Indicatoren',
        description:
          'De gedragsindicatoren van het vereiste niveau voor deze functie, één per regel.',
        type: { kind: 'note' },
      },
      // The role keeps its own copy of the texts it was approved with: a later import of another
      // document, or an edit of the dictionary, must not change what an approval covered.
      {
        name: 'Blok',
        displayName: 'Blok',
        description: 'Technische competentie of gedragscompetentie, zoals in deze functie.',
        type: { kind: 'choice', choices: BLOCK_CHOICES },
      },
      {
        name: 'Cluster',
        displayName: 'Cluster',
        description: 'Cluster, zoals in deze functie.',
        type: { kind: 'text' },
      },
      {
        name: 'Definitie',
        displayName: 'Definitie',
        description: 'Definitie, zoals in deze functie.',
        type: { kind: 'note' },
      },
      ...[0, 1, 2, 3].map((level): ColumnDef => ({
        name: `Niveau${level}`,
        displayName: `Niveau ${level}`,
        description: `Gedragsindicatoren van niveau ${level} zoals in deze functie, één per regel; leeg als de functie dit niveau niet toont.`,
        type: { kind: 'note' },
      })),
      {
        name: 'Volgorde',
        displayName: 'Volgorde',
        description: 'Volgorde binnen de functie.',
        type: { kind: 'number', minimum: 0 },
      },
      generation,
    ],
  },
  {
    name: 'Goedkeuringsaanvragen',
    description: 'Aanvragen om een versie van een functie goed te keuren.',
    titleDisplayName: 'Aanvraag',
    permissions: [
      { principal: 'medewerkers', access: 'read' },
      { principal: 'hr', access: 'contribute' },
      // Approvers close the request they decided on.
      { principal: 'goedkeurders', access: 'contribute' },
      { principal: 'beheerders', access: 'contribute' },
    ],
    columns: [
      {
        name: 'Functie',
        displayName: 'Functie',
        description: 'De functie die ter goedkeuring ligt.',
        type: { kind: 'lookup', list: 'Functies' },
        required: true,
        indexed: true,
      },
      {
        name: 'InhoudHash',
        displayName: 'Inhoudshash',
        description: 'Vingerafdruk van de inhoud die ter goedkeuring werd voorgelegd.',
        type: { kind: 'text', maxLength: 80 },
        required: true,
      },
      {
        name: 'Status',
        displayName: 'Status',
        description: 'Open tot er een besluit is.',
        type: { kind: 'choice', choices: REQUEST_STATUS_CHOICES },
        required: true,
        indexed: true,
      },
      {
        name: 'Toelichting',
        displayName: 'Toelichting',
        description: 'Toelichting van HR bij de aanvraag.',
        type: { kind: 'note' },
      },
      {
        name: 'TeamId',
        displayName: 'Team-id',
        description: 'Team waarin de aanvraag werd gepost.',
        type: { kind: 'text' },
      },
      {
        name: 'KanaalId',
        displayName: 'Kanaal-id',
        description: 'Kanaal waarin de aanvraag werd gepost.',
        type: { kind: 'text' },
      },
      {
        name: 'BerichtId',
        displayName: 'Bericht-id',
        description: 'Het kanaalbericht met de kaart.',
        type: { kind: 'text' },
      },
    ],
  },
  {
    name: 'Besluiten',
    description:
      'Besluiten over functies. Alleen goedkeurders voegen toe; niemand wijzigt of verwijdert.',
    titleDisplayName: 'Besluit',
    permissions: [
      { principal: 'medewerkers', access: 'read' },
      { principal: 'goedkeurders', access: 'add' },
      // IT migrates the approvals stated in existing documents (Geimporteerd); still add-only.
      { principal: 'beheerders', access: 'add' },
    ],
    columns: [
      {
        name: 'Aanvraag',
        displayName: 'Aanvraag',
        description:
          'De aanvraag waarover beslist werd; leeg voor een besluit uit een geïmporteerd document.',
        type: { kind: 'lookup', list: 'Goedkeuringsaanvragen' },
        indexed: true,
      },
      {
        name: 'Functie',
        displayName: 'Functie',
        description: 'De functie waarover beslist werd.',
        type: { kind: 'lookup', list: 'Functies' },
        required: true,
        indexed: true,
      },
      {
        name: 'InhoudHash',
        displayName: 'Inhoudshash',
        description: 'Vingerafdruk van precies de inhoud waarover beslist werd.',
        type: { kind: 'text', maxLength: 80 },
        required: true,
      },
      {
        name: 'Uitkomst',
        displayName: 'Uitkomst',
        description: 'Goedgekeurd of afgewezen.',
        type: { kind: 'choice', choices: OUTCOME_CHOICES },
        required: true,
      },
      {
        name: 'Motivering',
        displayName: 'Motivering',
        description: 'Verplicht bij een afwijzing.',
        type: { kind: 'note' },
      },
      {
        name: 'Besluitdatum',
        displayName: 'Besluitdatum',
        description: 'De datum van het besluit.',
        type: { kind: 'dateOnly' },
        required: true,
      },
      {
        name: 'Momentopname',
        displayName: 'Momentopname',
        description: 'De inhoud waarover beslist werd (JSON), om later te kunnen vergelijken.',
        type: { kind: 'note' },
      },
      {
        name: 'Geimporteerd',
        displayName: 'Geïmporteerd',
        description: 'Ja als het besluit uit de goedkeuringsregel van een bestaand document komt.',
        type: { kind: 'boolean' },
      },
    ],
  },
];

export function listDef(name: ListName): ListDef {
  const def = LISTS.find((l) => l.name === name);
  if (!def) throw new Error(`onbekende lijst ${name}`);
  return def;
}

/** `fields/X` names the field JSON uses: a lookup column `Functie` is read and written as `FunctieLookupId`. */
export function fieldName(column: ColumnDef): string {
  return column.type.kind === 'lookup' ? `${column.name}LookupId` : column.name;
}

/** The `$select` inside `$expand=fields(...)` for a list: Title and every declared column. */
export function selectFields(name: ListName, only?: readonly string[]): string {
  const def = listDef(name);
  const names = ['Title', ...def.columns.map(fieldName)];
  return (only ? names.filter((n) => only.includes(n)) : names).join(',');
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
  };
  const t = column.type;
  switch (t.kind) {
    case 'text':
      return { ...base, text: { allowMultipleLines: false, maxLength: t.maxLength ?? 255 } };
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

/** Lists in an order where every lookup target exists before the list that looks it up. */
export function creationOrder(): ListDef[] {
  const ordered: ListDef[] = [];
  const placed = new Set<ListName>();
  while (ordered.length < LISTS.length) {
    const before = ordered.length;
    for (const def of LISTS) {
      if (placed.has(def.name)) continue;
      const targets = def.columns.flatMap((c) => (c.type.kind === 'lookup' ? [c.type.list] : []));
      if (targets.every((t) => t === def.name || placed.has(t))) {
        ordered.push(def);
        placed.add(def.name);
      }
    }
    if (ordered.length === before) throw new Error('kring van lookups in de lijstdefinitie');
  }
  return ordered;
}
