import { z } from 'zod';
import type { ContentHash } from '../../domain/content-hash';
import {
  defaultLevelScale,
  isDefaultLevelScale,
  levelScaleSchema,
  levelTitleSchema,
  otherSectionSchema,
  type LevelScale,
  type FunctionContent,
  type Level,
  type OtherSection,
} from '../../domain/schema';
import { ValidationError } from '../errors';
import { FUNCTIES, selectFields } from '../lists';
import type { RoleSummary } from '../model';
import { checkTextLengths, fieldsSchema, readLines, writeLines } from './fields';
import { itemSchema, optHash } from './shared';

/** Functies ↔ a role's head (its general part) and the catalogue's summary of it. */

export const roleFieldsSchema = fieldsSchema(FUNCTIES, { InhoudHash: optHash });
export const roleItemSchema = itemSchema(roleFieldsSchema);
export type RoleItem = z.output<typeof roleItemSchema>;

/** Every column of Functies: what one role's read needs. */
export const ROLE_SELECT = selectFields(FUNCTIES);

/**
 * What the catalogue needs of each of (up to thousands of) roles: the long texts that only the
 * role page shows (purpose, position, main tasks, vaktechnische kennis) stay out.
 */
export const CATALOGUE_SELECT = selectFields(FUNCTIES, {
  omit: [
    'Organisatie',
    'Doel',
    'Hoofdtaken',
    'PlaatsInOrganisatie',
    'Vaktechnisch',
    'AndereOnderdelen',
    'NiveauTitels',
  ],
});

/** What finding a role by its key needs: enough to parse the item and see its generation. */
export const ROLE_KEY_SELECT = selectFields(FUNCTIES, {
  only: ['Title', 'FunctieKey', 'Soort', 'Inhoudsversie'],
});

export interface RoleMeta {
  generation: number;
  contentHash: ContentHash;
}

/** Functies fields for a role's content; an empty field is null here, sent as "" (`updateBody`). */
export function roleFields(content: FunctionContent, meta: RoleMeta): Record<string, unknown> {
  return checkTextLengths(FUNCTIES, {
    Title: content.title,
    FunctieKey: content.key,
    Soort: content.kind,
    Organisatie: content.organisation,
    Afdeling: content.department,
    Dienst: content.service,
    Graad: content.grade,
    Loopbaan: content.careerPath,
    GraadZoalsGeschreven: content.gradeAsWritten,
    LoopbaanZoalsGeschreven: content.careerPathAsWritten,
    ...scaleColumns(content.levelScale),
    Doel: content.purpose,
    Hoofdtaken: writeLines(content.mainTasks),
    PlaatsInOrganisatie: content.position,
    Vaktechnisch: writeLines(content.technicalKnowledge),
    AndereOnderdelen: writeOtherSections(content.otherSections),
    Inhoudsversie: meta.generation,
    InhoudHash: meta.contentHash,
    Zoektekst: writeLines(searchLines(content)),
    Competentieprofiel: writeLines(
      content.competencies.map((c) => `${c.name.replace(/\|/g, '/')}|${c.requiredLevel ?? '-'}`),
    ),
    AantalTaakafspraken: content.resultAreas.length,
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
        requiredLevel: /^(?:10|\d)$/.test(level) ? (Number(level) as Level) : null,
      };
    }),
    // Titles are not selected for the catalogue; the bounds are what comparing needs.
    levelScale: readScale({ ...f, NiveauTitels: null }, item.id),
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
    schemaVersion: 2,
    key: key.data,
    kind: f.Soort,
    title: f.Title,
    organisation: f.Organisatie,
    department: f.Afdeling,
    service: f.Dienst,
    grade: f.Graad,
    careerPath: f.Loopbaan,
    gradeAsWritten: f.GraadZoalsGeschreven,
    careerPathAsWritten: f.LoopbaanZoalsGeschreven,
    purpose: f.Doel,
    mainTasks: readLines(f.Hoofdtaken),
    position: f.PlaatsInOrganisatie,
    technicalKnowledge: readLines(f.Vaktechnisch),
    levelScale: readScale(f, item.id),
    // Left out when empty, as in content stored before the column existed (its hash is the same).
    ...readOtherSections(f.AndereOnderdelen, item.id),
  };
}

const otherSectionsJson = z.array(otherSectionSchema);

/** JSON: titles and texts hold any character, so no separator of ours could be safe in them. */
function writeOtherSections(sections: readonly OtherSection[] | undefined): string | null {
  return sections === undefined || sections.length === 0 ? null : JSON.stringify(sections);
}

function readOtherSections(
  value: string | null,
  itemId: string,
): { otherSections?: OtherSection[] } {
  if (value === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  const sections = otherSectionsJson.safeParse(parsed);
  if (!sections.success) {
    throw new ValidationError(
      "De kolom 'Andere onderdelen' is geen geldige lijst van onderdelen: importeer de functie opnieuw of maak de kolom leeg.",
      { request: `Functies item ${itemId}` },
    );
  }
  return sections.data.length === 0 ? {} : { otherSections: sections.data };
}

const levelTitlesJson = z.array(levelTitleSchema);

/**
 * The scale columns: all empty for 0–3 without titles, as every row stored before the columns
 * existed (the same row as before, and the content hashes as a version-1 document).
 */
function scaleColumns(scale: LevelScale): {
  NiveauLaagste: number | null;
  NiveauHoogste: number | null;
  NiveauTitels: string | null;
} {
  if (isDefaultLevelScale(scale)) {
    return { NiveauLaagste: null, NiveauHoogste: null, NiveauTitels: null };
  }
  return {
    NiveauLaagste: scale.lowest,
    NiveauHoogste: scale.highest,
    NiveauTitels: scale.titles.length === 0 ? null : JSON.stringify(scale.titles),
  };
}

/** The migration for rows: no scale columns filled means 0–3, the scale of schema version 1. */
function readScale(
  f: { NiveauLaagste: number | null; NiveauHoogste: number | null; NiveauTitels: string | null },
  itemId: string,
): LevelScale {
  if (f.NiveauLaagste === null && f.NiveauHoogste === null && f.NiveauTitels === null) {
    return defaultLevelScale();
  }
  let titles: unknown;
  try {
    titles = f.NiveauTitels === null ? [] : JSON.parse(f.NiveauTitels);
  } catch {
    titles = undefined;
  }
  const parsedTitles = levelTitlesJson.safeParse(titles);
  const scale = levelScaleSchema.safeParse({
    lowest: f.NiveauLaagste ?? 0,
    highest: f.NiveauHoogste ?? 3,
    titles: parsedTitles.success ? parsedTitles.data : [],
  });
  if (!parsedTitles.success || !scale.success) {
    throw new ValidationError(
      `De niveauschaal van deze functie is ongeldig (Laagste niveau ${String(f.NiveauLaagste ?? 'leeg')}, Hoogste niveau ${String(f.NiveauHoogste ?? 'leeg')}${parsedTitles.success ? '' : ', Titels van de niveaus geen geldige lijst'}): ${scale.success ? '' : (scale.error.issues[0]?.message ?? '')} Importeer de functie opnieuw of maak de drie kolommen leeg (0 tot 3).`,
      { request: `Functies item ${itemId}` },
    );
  }
  return scale.data;
}
