import { z } from 'zod';
import { CONTENT_HASH_PATTERN, type ContentHash } from '../../domain/content-hash';
import {
  ALL_LEVELS,
  LEVEL_BOUNDS,
  levelSchema,
  type CompetencyBlock,
  type Level,
  type LevelIndicators,
} from '../../domain/schema';
import { ValidationError } from '../errors';
import type { BLOCK_CHOICES, LevelNumber } from '../lists';
import { optNumber, readLines, writeLines } from './fields';

/**
 * What several lists' mappings share: the item envelope around `fields`, the readers where the
 * domain is stricter than the column (a content hash, a level), and the competency texts that a
 * role's copy and the dictionary both carry.
 */

// ── Domain-specific readers (overrides of the generated ones) ──────────────────────────────────

export const levelValue = optNumber.refine(
  (v) => v === null || levelSchema.safeParse(v).success,
  `niveau moet een geheel getal van ${LEVEL_BOUNDS.lowest} tot ${LEVEL_BOUNDS.highest} zijn`,
) as z.ZodType<Level | null>;

export const hashValue = z
  .string()
  .regex(CONTENT_HASH_PATTERN, 'verwacht sha256:<64 hex>')
  .transform((v) => v as ContentHash);

export const optHash = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : v))
  .refine((v) => v === null || CONTENT_HASH_PATTERN.test(v), 'verwacht sha256:<64 hex>')
  .transform((v) => v as ContentHash | null);

// ── Competency texts ───────────────────────────────────────────────────────────────────────────

type BlockChoice = (typeof BLOCK_CHOICES)[number];

export function blockToChoice(block: CompetencyBlock | null): BlockChoice | null {
  return block === 'technical' ? 'Technisch' : block === 'behavioural' ? 'Gedrag' : null;
}

export function blockFromChoice(choice: BlockChoice | null): CompetencyBlock | null {
  return choice === 'Technisch' ? 'technical' : choice === 'Gedrag' ? 'behavioural' : null;
}

/** Niveau0 … Niveau10: one column per level any scale may hold. */
type LevelFields = { [N in LevelNumber as `Niveau${N}`]: string | null };

const levelField = (level: Level): keyof LevelFields => `Niveau${level as LevelNumber}`;

/** Every level column, so that an update clears the levels a document no longer shows. */
export function levelColumns(levels: readonly LevelIndicators[]): LevelFields {
  const columns = Object.fromEntries(ALL_LEVELS.map((l) => [levelField(l), null])) as LevelFields;
  // The schema holds every level within LEVEL_BOUNDS, so each has its column.
  for (const l of levels) columns[levelField(l.level)] = writeLines(l.indicators);
  return columns;
}

/** The levels with indicators, lowest first; a row of before has only Niveau0 … Niveau3 filled. */
export function levelsFrom(fields: LevelFields): LevelIndicators[] {
  const out: LevelIndicators[] = [];
  for (const level of ALL_LEVELS) {
    const lines = readLines(fields[levelField(level)]);
    if (lines.length > 0) out.push({ level, indicators: lines });
  }
  return out;
}

// ── Item envelope ──────────────────────────────────────────────────────────────────────────────

const identitySchema = z
  .object({
    user: z
      .object({
        id: z.string().nullish(),
        displayName: z.string().nullish(),
        email: z.string().nullish(),
      })
      .optional(),
    application: z
      .object({ id: z.string().optional(), displayName: z.string().optional() })
      .optional(),
  })
  .optional();

export function itemSchema<F extends z.ZodType>(fields: F) {
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
        // Graph may leave the user's id out (nullable in its identity type): then '' and the
        // e-mail, by which status.ts matches the creator.
        id: item.createdBy?.user?.id ?? item.createdBy?.application?.id ?? '',
        displayName:
          item.createdBy?.user?.displayName ?? item.createdBy?.application?.displayName ?? '',
        ...(item.createdBy?.user?.email ? { email: item.createdBy.user.email } : {}),
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

export function requireLookup(value: string | null, list: string, itemId: string): string {
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
