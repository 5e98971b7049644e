import { z } from 'zod';
import { LEVEL_BOUNDS } from '../domain/schema';

/**
 * A layout profile: what differs between cities' house styles, as data rather than code — the
 * words of their headings and labels, which label holds the graad name and which the range,
 * extra bullet characters and the level scale. `DEFAULT_PROFILE` covers the conventions surveyed
 * in issue 13; a city's own file (`npm run import -- --profile stad-x.json …`) adds to it. The
 * parser knows no city: every city-specific word comes from a profile.
 */

export const PROFILE_SECTIONS = [
  'algemeen',
  'doel',
  'plaats',
  'taken',
  'resultaat',
  'competenties',
  'vaktechnisch',
] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export const PROFILE_LABELS = [
  'title',
  'department',
  'service',
  /** One label holding both ("Afdeling/dienst: Vrije tijd – Sport"). */
  'departmentAndService',
  'grade',
  'careerPath',
  /** "Niveau", "Graad": a graad name or a range, told apart by the value. */
  'gradeOrRange',
] as const;
export type ProfileLabel = (typeof PROFILE_LABELS)[number];

const words = z.array(z.string().trim().min(1).max(80)).max(100);

export const layoutProfileSchema = z
  .object({
    /** For messages only ("profiel stad-x"). */
    name: z.string().trim().min(1).max(80).optional(),
    /** Heading words per section, compared in lower case; "(hoofd)doel" means both spellings. */
    headings: z.partialRecord(z.enum(PROFILE_SECTIONS), words).optional(),
    /** Label words per field. A label named here is taken from every other field it had. */
    labels: z.partialRecord(z.enum(PROFILE_LABELS), words).optional(),
    /** Extra bullet characters, one character each. */
    bullets: z
      .array(z.string().refine((s) => [...s].length === 1, 'één teken per opsommingsteken'))
      .max(20)
      .optional(),
    /**
     * The scale of the city's level tables (0 to 10 at most: the lists hold levels 0 to 10).
     * Without it the scale is read from each document (`documentScale` in parse-levelled.ts).
     */
    levelScale: z
      .object({
        lowest: z.number().int().min(LEVEL_BOUNDS.lowest).max(LEVEL_BOUNDS.highest),
        highest: z.number().int().min(LEVEL_BOUNDS.lowest).max(LEVEL_BOUNDS.highest),
      })
      .refine((s) => s.lowest < s.highest, 'lowest moet kleiner zijn dan highest')
      .optional(),
  })
  .strict();
export type LayoutProfile = z.infer<typeof layoutProfileSchema>;

/** The conventions of the documents surveyed in issue 13, city names nowhere. */
export const DEFAULT_PROFILE = {
  name: 'standaard',
  headings: {
    algemeen: [
      'algemeen',
      'algemene gegevens',
      'algemene informatie',
      'identificatie',
      'identificatiegegevens',
      'functiegegevens',
      'functie-identificatie',
    ],
    doel: [
      '(hoofd)doel van de functie',
      '(hoofd)doel',
      'doelstelling',
      'doelstelling van de functie',
      'functiedoel',
      'doel en context',
      'missie van de functie',
    ],
    plaats: [
      'plaats in de organisatie',
      'plaats in de organisatiestructuur',
      'positie in de organisatie',
      'situering in de organisatie',
    ],
    taken: [
      '(inhoudelijke) taakafspraken',
      'taken en verantwoordelijkheden',
      'taken',
      'functie-inhoud',
      'functieinhoud',
      'kerntaken',
      'opdrachten',
    ],
    resultaat: [
      '(kern)resulta(a)t(s)gebieden',
      '(kern)resultaatgebieden en taken',
      'resultaatsgebieden en taken',
    ],
    competenties: [
      'competenties',
      'competentieprofiel',
      // Not "Gedragscompetenties" alone: that is a block header inside the section.
      'gedragscompetenties en vaktechnische competenties',
      'profiel',
      'functieprofiel en competenties',
    ],
    vaktechnisch: [
      'vaktechnische competenties',
      'vaktechnische kennis',
      'vaktechnische vaardigheden',
      'kennis',
      'kennis en vaardigheden',
    ],
  },
  labels: {
    title: ['functienaam', 'functietitel', 'functie-benaming', 'functiebenaming', 'functie'],
    department: ['afdeling', 'cluster/afdeling', 'departement'],
    service: ['dienst', 'team'],
    departmentAndService: [
      'afdeling/dienst',
      'afdeling / dienst',
      'afdeling - dienst',
      'afdeling en dienst',
      'dienst/afdeling',
    ],
    grade: ['graadnaam', 'graadbenaming', 'functionele graad'],
    careerPath: [
      'functionele loopbaan',
      'loopbaan',
      'weddeschaal',
      'salarisschaal',
      'salarisschalen',
      'weddeschalen',
      'barema',
    ],
    gradeOrRange: ['graad', 'niveau', 'rang'],
  },
  bullets: [],
} as const satisfies LayoutProfile;

/** A profile as the parser asks it: default and city words together, as patterns. */
export type CompiledProfile = {
  readonly name: string;
  readonly headings: readonly (readonly [ProfileSection, RegExp])[];
  labelOf(label: string): ProfileLabel | null;
  readonly bullets: string;
  /** The profile's fixed scale; null: each document's own (read from its tables). */
  readonly levelScale: { readonly lowest: number; readonly highest: number } | null;
};

/** "(hoofd)doel van de functie" → "(?:hoofd)?doel van de functie", the rest literal. */
function wordPattern(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(\([^()]*\))/)
    .map((part) =>
      part.startsWith('(') && part.endsWith(')')
        ? `(?:${escape(part.slice(1, -1))})?`
        : escape(part).replace(/ /g, '\\s*'),
    )
    .join('');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Normalised as a label is compared: lower case, one space, spaces around "/" and "-" gone. */
export function labelWords(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([/\-–])\s*/g, '$1')
    .trim();
}

export function compileProfile(profile: LayoutProfile | undefined): CompiledProfile {
  const headings: [ProfileSection, RegExp][] = [];
  for (const section of PROFILE_SECTIONS) {
    const phrases = [
      ...(profile?.headings?.[section] ?? []),
      ...(DEFAULT_PROFILE.headings[section] as readonly string[]),
    ];
    headings.push([section, new RegExp(`^(?:${phrases.map(wordPattern).join('|')})$`, 'u')]);
  }
  // The city's words first: a label it names means what it says, whatever the default said.
  const labels = new Map<string, ProfileLabel>();
  for (const field of PROFILE_LABELS) {
    for (const l of profile?.labels?.[field] ?? []) labels.set(labelWords(l), field);
  }
  for (const field of PROFILE_LABELS) {
    for (const l of DEFAULT_PROFILE.labels[field] as readonly string[]) {
      if (!labels.has(labelWords(l))) labels.set(labelWords(l), field);
    }
  }
  return {
    name: profile?.name ?? DEFAULT_PROFILE.name,
    headings,
    labelOf: (label) => labels.get(labelWords(label)) ?? null,
    bullets: (profile?.bullets ?? []).join(''),
    levelScale: profile?.levelScale ?? null,
  };
}

let active: CompiledProfile = compileProfile(undefined);
const compiledDefault = active;

/** The profile of the document being parsed (parsing is synchronous: one at a time). */
export function activeProfile(): CompiledProfile {
  return active;
}

/**
 * Runs one parse with `profile`. The line-level helpers (bullets, headings, labels) are called
 * from every part of the parser; a module-level profile for the duration of one synchronous
 * parse spares threading it through each of them.
 */
export function withProfile<T>(profile: CompiledProfile | undefined, run: () => T): T {
  const before = active;
  active = profile ?? compiledDefault;
  try {
    return run();
  } finally {
    active = before;
  }
}

/** A profile file's text → the profile, or a Dutch reason naming the field. */
export function parseProfileJson(
  text: string,
): { ok: true; profile: LayoutProfile } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      message: `geen geldige JSON (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  const parsed = layoutProfileSchema.safeParse(json);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    message: `ongeldig profiel: ${first?.path.join('.') || '(hoofdniveau)'}: ${first?.message ?? ''}`,
  };
}
