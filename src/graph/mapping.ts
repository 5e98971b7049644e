import { z } from 'zod';
import { CONTENT_HASH_PATTERN, type ContentHash } from '../domain/content-hash';
import { keyFromTitle } from '../domain/key';
import {
  type Competency,
  type CompetencyBlock,
  type FunctionContent,
  isoDateSchema,
  type Level,
  type LevelIndicators,
  type ResultArea,
} from '../domain/schema';
import { ValidationError } from './errors';
import { BLOCK_CHOICES, KIND_CHOICES, OUTCOME_CHOICES, REQUEST_STATUS_CHOICES } from './lists';
import type { DecisionRecord, DictionaryEntry, RequestRecord, RoleSummary } from './model';

/**
 * List item ↔ domain, one zod schema per list item shape. Graph responses are validated here
 * (SharePoint leaves empty fields out of `fields`, returns lookup ids as strings and numbers as
 * numbers or strings depending on the column); what passes is a domain value.
 */

// ── Field value readers ────────────────────────────────────────────────────────────────────────

/** Empty and missing are the same in SharePoint. */
const optText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : v));

const reqText = z.string().min(1);

const optNumber = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .nullish()
  .transform((v) => (v === undefined ? null : v));

const lookupId = z
  .union([z.string().regex(/^\d+$/), z.number().int().transform(String)])
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '0' ? null : v));

const levelValue = optNumber.refine(
  (v) => v === null || v === 0 || v === 1 || v === 2 || v === 3,
  'niveau moet 0, 1, 2 of 3 zijn',
) as z.ZodType<Level | null>;

const hashValue = z
  .string()
  .regex(CONTENT_HASH_PATTERN, 'verwacht sha256:<64 hex>')
  .transform((v) => v as ContentHash);

const optHash = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : v))
  .refine((v) => v === null || CONTENT_HASH_PATTERN.test(v), 'verwacht sha256:<64 hex>')
  .transform((v) => v as ContentHash | null);

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

function blockToChoice(block: CompetencyBlock | null): (typeof BLOCK_CHOICES)[number] | null {
  return block === 'technical' ? 'Technisch' : block === 'behavioural' ? 'Gedrag' : null;
}

const blockValue = z
  .string()
  .nullish()
  .transform((v): CompetencyBlock | null =>
    v === 'Technisch' ? 'technical' : v === 'Gedrag' ? 'behavioural' : null,
  );

// ── Item envelope ──────────────────────────────────────────────────────────────────────────────

const identitySchema = z
  .object({
    user: z.object({ id: z.string().optional(), displayName: z.string().optional() }).optional(),
    application: z
      .object({ id: z.string().optional(), displayName: z.string().optional() })
      .optional(),
  })
  .optional();

function itemSchema<F extends z.ZodType>(fields: F) {
  return z
    .object({
      id: z.string().regex(/^\d+$/),
      eTag: z.string().optional(),
      '@odata.etag': z.string().optional(),
      createdDateTime: z.string(),
      lastModifiedDateTime: z.string().optional(),
      webUrl: z.string().optional(),
      createdBy: identitySchema,
      lastModifiedBy: identitySchema,
      fields,
    })
    .transform((item) => ({
      id: item.id,
      eTag: item.eTag ?? item['@odata.etag'] ?? '',
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime ?? item.createdDateTime,
      webUrl: item.webUrl ?? null,
      createdBy: {
        id: item.createdBy?.user?.id ?? item.createdBy?.application?.id ?? '',
        displayName:
          item.createdBy?.user?.displayName ?? item.createdBy?.application?.displayName ?? '',
      },
      /** Only when the read selected it (requests do); null otherwise. */
      lastModifiedBy: item.lastModifiedBy?.user?.id
        ? {
            id: item.lastModifiedBy.user.id,
            displayName: item.lastModifiedBy.user.displayName ?? '',
          }
        : null,
      fields: (item as { fields: unknown }).fields as z.output<F>,
    }));
}

// ── Functies ───────────────────────────────────────────────────────────────────────────────────

export const roleFieldsSchema = z.object({
  Title: reqText,
  FunctieKey: reqText,
  Soort: z.enum(KIND_CHOICES),
  Organisatie: optText,
  Afdeling: optText,
  Dienst: optText,
  Graad: optText,
  Loopbaan: optText,
  Doel: optText,
  Hoofdtaken: optText,
  PlaatsInOrganisatie: optText,
  Vaktechnisch: optText,
  Inhoudsversie: optNumber,
  InhoudHash: optHash,
  Zoektekst: optText,
  Competentieprofiel: optText,
});
export const roleItemSchema = itemSchema(roleFieldsSchema);
export type RoleItem = z.output<typeof roleItemSchema>;

/** Every column of Functies: what one role's read needs. */
export const ROLE_SELECT = Object.keys(roleFieldsSchema.shape).join(',');

/**
 * What the catalogue needs of each of (up to thousands of) roles: the long texts that only the
 * role page shows (purpose, position, main tasks, vaktechnische kennis) stay out.
 */
export const CATALOGUE_SELECT = Object.keys(roleFieldsSchema.shape)
  .filter(
    (k) =>
      !['Organisatie', 'Doel', 'Hoofdtaken', 'PlaatsInOrganisatie', 'Vaktechnisch'].includes(k),
  )
  .join(',');

export interface RoleMeta {
  generation: number;
  contentHash: ContentHash;
}

/** Functies fields for a role's content; `null` clears a column on update. */
export function roleFields(content: FunctionContent, meta: RoleMeta): Record<string, unknown> {
  return checkTextLengths('Functies', {
    Title: content.title,
    FunctieKey: content.key,
    Soort: content.kind,
    Organisatie: content.organisation,
    Afdeling: content.department,
    Dienst: content.service,
    Graad: content.grade,
    Loopbaan: content.careerPath,
    Doel: content.purpose,
    Hoofdtaken: writeLines(content.mainTasks),
    PlaatsInOrganisatie: content.position,
    Vaktechnisch: writeLines(content.technicalKnowledge),
    Inhoudsversie: meta.generation,
    InhoudHash: meta.contentHash,
    Zoektekst: writeLines(searchLines(content)),
    Competentieprofiel: writeLines(
      content.competencies.map((c) => `${c.name.replace(/\|/g, '/')}|${c.requiredLevel ?? '-'}`),
    ),
  });
}

function searchLines(content: FunctionContent): string[] {
  return [...content.mainTasks, ...content.resultAreas.flatMap((a) => [a.title, ...a.tasks])];
}

export function roleSummary(item: RoleItem): RoleSummary {
  const f = item.fields;
  return {
    id: item.id,
    key: f.FunctieKey,
    kind: f.Soort,
    title: f.Title,
    department: f.Afdeling,
    service: f.Dienst,
    grade: f.Graad,
    careerPath: f.Loopbaan,
    contentHash: f.InhoudHash,
    tasks: readLines(f.Zoektekst),
    competencies: readLines(f.Competentieprofiel).map((line) => {
      const bar = line.lastIndexOf('|');
      const level = bar === -1 ? '-' : line.slice(bar + 1).trim();
      return {
        name: bar === -1 ? line : line.slice(0, bar),
        requiredLevel:
          level === '0' || level === '1' || level === '2' || level === '3'
            ? (Number(level) as Level)
            : null,
      };
    }),
    webUrl: item.webUrl,
  };
}

/** The role-level part of the content; result areas and competencies come from their lists. */
export function roleContentHead(
  item: RoleItem,
): Omit<FunctionContent, 'resultAreas' | 'competencies'> {
  const f = item.fields;
  const key = z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .safeParse(f.FunctieKey);
  if (!key.success) {
    throw new ValidationError(
      `De functiesleutel '${f.FunctieKey}' is ongeldig: gebruik kleine letters, cijfers en koppeltekens.`,
      { request: `Functies item ${item.id}` },
    );
  }
  return {
    schemaVersion: 1,
    key: key.data,
    kind: f.Soort,
    title: f.Title,
    organisation: f.Organisatie,
    department: f.Afdeling,
    service: f.Dienst,
    grade: f.Graad,
    careerPath: f.Loopbaan,
    purpose: f.Doel,
    mainTasks: readLines(f.Hoofdtaken),
    position: f.PlaatsInOrganisatie,
    technicalKnowledge: readLines(f.Vaktechnisch),
  };
}

// ── Taakafspraken ──────────────────────────────────────────────────────────────────────────────

export const resultAreaFieldsSchema = z.object({
  Title: reqText,
  FunctieLookupId: lookupId,
  Volgorde: optNumber,
  Taken: optText,
  Inhoudsversie: optNumber,
});
export const resultAreaItemSchema = itemSchema(resultAreaFieldsSchema);
export type ResultAreaItem = z.output<typeof resultAreaItemSchema>;

export function resultAreaFields(
  area: ResultArea,
  roleId: string,
  order: number,
  generation: number,
): Record<string, unknown> {
  return checkTextLengths('Taakafspraken', {
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

// ── Functiecompetenties ────────────────────────────────────────────────────────────────────────

/** A competency's own texts: carried by a role's copy and by the shared dictionary alike. */
const competencyTextFields = {
  Blok: blockValue,
  Cluster: optText,
  Definitie: optText,
  Niveau0: optText,
  Niveau1: optText,
  Niveau2: optText,
  Niveau3: optText,
};

export const roleCompetencyFieldsSchema = z.object({
  Title: reqText,
  FunctieLookupId: lookupId,
  CompetentieLookupId: lookupId,
  VereistNiveau: levelValue,
  NiveauTitel: optText,
  Indicatoren: optText,
  ...competencyTextFields,
  Volgorde: optNumber,
  Inhoudsversie: optNumber,
});
export const roleCompetencyItemSchema = itemSchema(roleCompetencyFieldsSchema);
export type RoleCompetencyItem = z.output<typeof roleCompetencyItemSchema>;

function levelColumns(levels: readonly LevelIndicators[]): Record<string, string | null> {
  const columns: Record<string, string | null> = {
    Niveau0: null,
    Niveau1: null,
    Niveau2: null,
    Niveau3: null,
  };
  for (const l of levels) columns[`Niveau${l.level}`] = writeLines(l.indicators);
  return columns;
}

function levelsFrom(fields: {
  Niveau0: string | null;
  Niveau1: string | null;
  Niveau2: string | null;
  Niveau3: string | null;
}): LevelIndicators[] {
  const out: LevelIndicators[] = [];
  for (const level of [0, 1, 2, 3] as const) {
    const lines = readLines(fields[`Niveau${level}`]);
    if (lines.length > 0) out.push({ level, indicators: lines });
  }
  return out;
}

export function roleCompetencyFields(
  competency: Competency,
  roleId: string,
  dictionaryId: string,
  order: number,
  generation: number,
): Record<string, unknown> {
  return checkTextLengths('Functiecompetenties', {
    Title: competency.name,
    FunctieLookupId: roleId,
    CompetentieLookupId: dictionaryId,
    VereistNiveau: competency.requiredLevel,
    NiveauTitel: competency.levelTitle,
    Indicatoren: writeLines(competency.indicators),
    Blok: blockToChoice(competency.block),
    Cluster: competency.cluster,
    Definitie: competency.definition,
    ...levelColumns(competency.levels),
    Volgorde: order,
    Inhoudsversie: generation,
  });
}

export function competencyFromItem(item: RoleCompetencyItem): Competency {
  const f = item.fields;
  return {
    name: f.Title,
    block: f.Blok,
    cluster: f.Cluster,
    definition: f.Definitie,
    requiredLevel: f.VereistNiveau,
    levelTitle: f.NiveauTitel,
    indicators: readLines(f.Indicatoren),
    levels: levelsFrom(f),
  };
}

// ── Competenties (dictionary) ──────────────────────────────────────────────────────────────────

export const dictionaryFieldsSchema = z.object({
  Title: reqText,
  CompetentieKey: reqText,
  ...competencyTextFields,
});
export const dictionaryItemSchema = itemSchema(dictionaryFieldsSchema);
export type DictionaryItem = z.output<typeof dictionaryItemSchema>;

/** The dictionary key of a competency name: case, accents and punctuation do not make another competency. */
export function competencyKey(name: string): string {
  return keyFromTitle(name) || 'competentie';
}

export function dictionaryEntry(item: DictionaryItem): DictionaryEntry {
  const f = item.fields;
  return {
    id: item.id,
    key: f.CompetentieKey,
    name: f.Title,
    block: f.Blok,
    cluster: f.Cluster,
    definition: f.Definitie,
    levels: levelsFrom(f),
  };
}

export function dictionaryFields(entry: Omit<DictionaryEntry, 'id'>): Record<string, unknown> {
  return checkTextLengths('Competenties', {
    Title: entry.name,
    CompetentieKey: entry.key,
    Blok: blockToChoice(entry.block),
    Cluster: entry.cluster,
    Definitie: entry.definition,
    ...levelColumns(entry.levels),
  });
}

// ── Goedkeuringsaanvragen ──────────────────────────────────────────────────────────────────────

export const requestFieldsSchema = z.object({
  Title: optText,
  FunctieLookupId: lookupId,
  InhoudHash: hashValue,
  Status: z.enum(REQUEST_STATUS_CHOICES),
  Toelichting: optText,
  TeamId: optText,
  KanaalId: optText,
  BerichtId: optText,
});
export const requestItemSchema = itemSchema(requestFieldsSchema);
export type RequestItem = z.output<typeof requestItemSchema>;

export function requestFromItem(item: RequestItem): RequestRecord {
  const f = item.fields;
  return {
    id: item.id,
    roleId: requireLookup(f.FunctieLookupId, 'Goedkeuringsaanvragen', item.id),
    eTag: item.eTag,
    createdAt: item.createdDateTime,
    status: f.Status === 'Open' ? 'open' : 'closed',
    contentHash: f.InhoudHash,
    note: f.Toelichting,
    teamId: f.TeamId,
    channelId: f.KanaalId,
    messageId: f.BerichtId,
    createdBy: item.createdBy,
    closedBy: f.Status === 'Open' ? null : item.lastModifiedBy,
  };
}

// ── Besluiten ──────────────────────────────────────────────────────────────────────────────────

export const decisionFieldsSchema = z.object({
  Title: optText,
  AanvraagLookupId: lookupId,
  FunctieLookupId: lookupId,
  InhoudHash: hashValue,
  Uitkomst: z.enum(OUTCOME_CHOICES),
  Motivering: optText,
  Besluitdatum: dateOnlyValue,
  Momentopname: optText,
  Geimporteerd: z
    .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal(1), z.literal(0)])
    .nullish()
    .transform((v) => v === true || v === 'true' || v === 1),
});
export const decisionItemSchema = itemSchema(decisionFieldsSchema);
export type DecisionItem = z.output<typeof decisionItemSchema>;

/** What the catalogue selects from Besluiten: everything but the (large) snapshot. */
export const DECISION_SUMMARY_SELECT = Object.keys(decisionFieldsSchema.shape)
  .filter((k) => k !== 'Momentopname')
  .join(',');

export function decisionFromItem(item: DecisionItem): DecisionRecord {
  const f = item.fields;
  return {
    id: item.id,
    roleId: requireLookup(f.FunctieLookupId, 'Besluiten', item.id),
    requestId: f.AanvraagLookupId,
    outcome: f.Uitkomst === 'Goedgekeurd' ? 'approved' : 'rejected',
    decisionDate: f.Besluitdatum,
    decidedAt: item.createdDateTime,
    contentHash: f.InhoudHash,
    reason: f.Motivering,
    createdBy: item.createdBy,
    imported: f.Geimporteerd,
    snapshot: f.Momentopname,
  };
}

export interface NewDecision {
  roleId: string;
  roleTitle: string;
  requestId: string | null;
  outcome: 'approved' | 'rejected';
  decisionDate: string;
  contentHash: ContentHash;
  reason: string | null;
  snapshot: string | null;
  imported: boolean;
}

export function decisionFields(d: NewDecision): Record<string, unknown> {
  if (d.outcome === 'rejected' && (d.reason === null || d.reason.trim() === '')) {
    throw new ValidationError('Geef een motivering: een afwijzing zonder reden kan niet.');
  }
  if (!isoDateSchema.safeParse(d.decisionDate).success) {
    throw new ValidationError(`'${d.decisionDate}' is geen geldige besluitdatum (JJJJ-MM-DD).`);
  }
  const fields: Record<string, unknown> = {
    Title: `${d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen'}: ${d.roleTitle}`.slice(
      0,
      255,
    ),
    FunctieLookupId: d.roleId,
    InhoudHash: d.contentHash,
    Uitkomst: d.outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen',
    Besluitdatum: dateOnlyField(d.decisionDate),
    Geimporteerd: d.imported,
  };
  // Create only: leave out what is empty instead of sending nulls.
  if (d.requestId !== null) fields['AanvraagLookupId'] = d.requestId;
  if (d.reason !== null) fields['Motivering'] = d.reason;
  if (d.snapshot !== null) fields['Momentopname'] = d.snapshot;
  return fields;
}

// ── Shared checks ──────────────────────────────────────────────────────────────────────────────

/** Single-line text columns hold 255 characters; a longer value would be refused by SharePoint. */
const SINGLE_LINE: Record<string, readonly string[]> = {
  Functies: ['Title', 'FunctieKey', 'Organisatie', 'Afdeling', 'Dienst', 'Graad', 'Loopbaan'],
  Taakafspraken: ['Title'],
  Functiecompetenties: ['Title', 'Cluster'],
  Competenties: ['Title', 'CompetentieKey', 'Cluster'],
};

function checkTextLengths(list: string, fields: Record<string, unknown>): Record<string, unknown> {
  for (const name of SINGLE_LINE[list] ?? []) {
    const value = fields[name];
    if (typeof value === 'string' && value.length > 255) {
      throw new ValidationError(
        `${list}: '${value.slice(0, 40)}…' is te lang voor kolom ${name} (${value.length} tekens, hoogstens 255). Kort de tekst in het document in.`,
      );
    }
  }
  return fields;
}

function requireLookup(value: string | null, list: string, itemId: string): string {
  if (value === null) {
    throw new ValidationError(
      `${list}: item ${itemId} hoort bij geen enkele functie (kolom Functie is leeg).`,
      {
        request: `${list} item ${itemId}`,
      },
    );
  }
  return value;
}

/**
 * Validates a collection of raw items; an item that does not fit is reported with its list and
 * id, so HR can find it in SharePoint.
 */
export function parseItems<T>(schema: z.ZodType<T>, raw: readonly unknown[], list: string): T[] {
  return raw.map((value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const id =
      typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    throw new ValidationError(
      `Een item in de lijst ${list}${typeof id === 'string' ? ` (id ${id})` : ''} heeft ongeldige gegevens. Controleer het in SharePoint.`,
      { request: `${list}${typeof id === 'string' ? ` item ${id}` : ''}` },
      parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  });
}
