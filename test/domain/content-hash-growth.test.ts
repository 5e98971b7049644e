import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  CONTENT_FIELDS,
  canonicalContentJson,
  contentHash,
  contentOf,
  canonicalVersionForm,
  createContentHasher,
  type ShapeRules,
} from '../../src/domain/content-hash';
import {
  competencySchema,
  functionDescriptionObjectSchema,
  functionContentSchema,
  functionDescriptionSchema,
  migrateInterchange,
  levelIndicatorsSchema,
  resultAreaSchema,
  type FunctionDescription,
} from '../../src/domain/schema';
import { deriveStatus } from '../../src/domain/status';
import { FB_SAMPLE, FP_SAMPLE, parseOk, readSample } from '../import/fixtures/parse-helpers';
import { clone, deskundigeIct } from './fixture';

/*
 * The model grows (docs/approval.md, "Wanneer het model groeit"): a test-only extension adds
 * optional fields at the top level, inside result areas, competencies and their levels, and one
 * added object, all empty unless a test fills them — as every role stored before them would be.
 */

const text = z.string().min(1);

const extendedObjectSchema = functionDescriptionObjectSchema.extend({
  reference: text.nullable().default(null),
  tags: z.array(text).default([]),
  occupancy: z
    .object({ fte: z.number().nullable(), note: text.nullable() })
    .nullable()
    .default(null),
  resultAreas: z.array(resultAreaSchema.extend({ weight: z.number().nullable().default(null) })),
  competencies: z.array(
    competencySchema.extend({
      code: text.nullable().default(null),
      levels: z.array(levelIndicatorsSchema.extend({ examples: z.array(text).default([]) })),
    }),
  ),
});
// Read like the product's: a version-1 object (a stored snapshot) migrated first.
const extendedSchema = z.preprocess(migrateInterchange, extendedObjectSchema);
type ExtendedDescription = z.infer<typeof extendedObjectSchema>;
type ExtendedContent = Omit<ExtendedDescription, 'approval'>;

const extendedFields: ShapeRules<ExtendedContent> = {
  ...CONTENT_FIELDS,
  reference: 'added',
  tags: 'added',
  occupancy: { since: 'added', shape: { fte: 'added', note: 'added' } },
  resultAreas: {
    since: 'v1',
    shape: { ...CONTENT_FIELDS.resultAreas.shape, weight: 'added' },
  },
  competencies: {
    since: 'v1',
    shape: {
      ...CONTENT_FIELDS.competencies.shape,
      code: 'added',
      levels: {
        since: 'v1',
        shape: { ...CONTENT_FIELDS.competencies.shape.levels.shape, examples: 'added' },
      },
    },
  },
};
const extended = createContentHasher<ExtendedContent>(extendedFields, {
  canonicalForm: canonicalVersionForm,
});

/** What the approval service parses a stored snapshot with, today and after the extension. */
const snapshotSchema = functionContentSchema;
const extendedSnapshotSchema = z.preprocess(
  migrateInterchange,
  extendedObjectSchema.omit({ approval: true }),
);

const seeds: [string, FunctionDescription][] = [FB_SAMPLE, FP_SAMPLE].map((file) => [
  file,
  parseOk(readSample(file), file).description,
]);

describe('a field added to the model, left empty', () => {
  it.each(seeds)('leaves the hash of %s as it is under today’s schema', async (_file, seed) => {
    const grown = extendedSchema.parse(seed);
    // The extension really is there, empty, at every depth the test claims.
    expect(grown).toMatchObject({ reference: null, tags: [], occupancy: null });
    expect(grown.competencies.length).toBeGreaterThan(0);
    expect(grown.competencies.every((c) => c.code === null)).toBe(true);
    expect(grown.competencies.flatMap((c) => c.levels).every((l) => l.examples.length === 0)).toBe(
      true,
    );
    expect(grown.resultAreas.every((a) => a.weight === null)).toBe(true);

    expect(extended.canonicalContentJson(grown)).toBe(canonicalContentJson(seed));
    expect(await extended.contentHash(grown)).toBe(await contentHash(seed));
  });

  it('leaves the hash alone when the new fields are absent rather than null', async () => {
    const d = deskundigeIct();
    expect(await extended.contentHash(d as unknown as ExtendedContent)).toBe(await contentHash(d));
  });

  it('counts an added object whose own fields are all empty as empty', async () => {
    const grown = extendedSchema.parse(deskundigeIct());
    grown.occupancy = { fte: null, note: null };
    expect(await extended.contentHash(grown)).toBe(await contentHash(deskundigeIct()));
  });

  it('keeps the new fields, empty ones too, in the content (only the hash leaves them out)', () => {
    const grown = extendedSchema.parse(deskundigeIct());
    const content = extended.contentOf(grown);
    expect(content).toMatchObject({ reference: null, tags: [], occupancy: null });
    expect(content.competencies[0]).toHaveProperty('code', null);
    expect(extendedSnapshotSchema.parse(content)).toEqual(content);
  });
});

describe('a field added to the model, filled', () => {
  const base = (): ExtendedDescription => extendedSchema.parse(deskundigeIct());

  it.each<[string, (d: ExtendedDescription) => void, string]>([
    ['at the top level', (d) => (d.reference = 'FB-ICT-07'), '"reference":"FB-ICT-07"'],
    ['as a list', (d) => (d.tags = ['ICT']), '"tags":["ICT"]'],
    ['as an object', (d) => (d.occupancy = { fte: 0.8, note: null }), '"occupancy":{"fte":0.8}'],
    ['in a result area', (d) => (d.resultAreas[1]!.weight = 30), '"weight":30'],
    ['in a competency', (d) => (d.competencies[2]!.code = 'K-01'), '"code":"K-01"'],
    [
      'in a level of a competency',
      (d) => (d.competencies[0]!.levels[1]!.examples = ['Een brief opmaken.']),
      '"examples":["Een brief opmaken."]',
    ],
    // Zero and false are values, not "not stated": they are written.
    ['with zero', (d) => (d.resultAreas[0]!.weight = 0), '"weight":0'],
  ])('changes the hash %s', async (_where, fill, written) => {
    const empty = base();
    const filled = base();
    fill(filled);
    expect(extended.canonicalContentJson(filled)).toContain(written);
    expect(extended.canonicalContentJson(empty)).not.toContain(written);
    expect(await extended.contentHash(filled)).not.toBe(await extended.contentHash(empty));
  });

  it('changes the hash again when the filled value changes', async () => {
    const a = base();
    const b = base();
    a.competencies[0]!.code = 'K-01';
    b.competencies[0]!.code = 'K-02';
    expect(await extended.contentHash(a)).not.toBe(await extended.contentHash(b));
  });

  it('is in the snapshot, which re-hashes to the same hash', async () => {
    const filled = base();
    filled.competencies[0]!.code = 'K-01';
    const snapshot = extended.canonicalContentJson(filled);
    const reread = extendedSnapshotSchema.parse(JSON.parse(snapshot));
    expect(reread.competencies[0]!.code).toBe('K-01');
    expect(await extended.contentHash(reread)).toBe(await extended.contentHash(filled));
  });
});

describe('the product registry', () => {
  /** Every field path of canonical form 1: the registry must never mark another one `v1`. */
  function v1Paths(shape: object, prefix = ''): string[] {
    return Object.entries(shape).flatMap(([field, rule]: [string, unknown]) => {
      const path = `${prefix}${field}`;
      if (typeof rule === 'string') return rule === 'v1' ? [path] : [];
      const nested = rule as { since: string; shape: object };
      return [...(nested.since === 'v1' ? [path] : []), ...v1Paths(nested.shape, `${path}[].`)];
    });
  }

  it('keeps the field set of canonical form 1, in which every stored hash was made', () => {
    expect(v1Paths(CONTENT_FIELDS).sort()).toEqual(
      [
        'schemaVersion',
        'key',
        'kind',
        'title',
        'organisation',
        'department',
        'service',
        'grade',
        'careerPath',
        'purpose',
        'mainTasks',
        'position',
        'resultAreas',
        'resultAreas[].title',
        'resultAreas[].tasks',
        'competencies',
        'competencies[].name',
        'competencies[].block',
        'competencies[].cluster',
        'competencies[].definition',
        'competencies[].requiredLevel',
        'competencies[].levelTitle',
        'competencies[].indicators',
        'competencies[].levels',
        'competencies[].levels[].level',
        'competencies[].levels[].indicators',
        'technicalKnowledge',
      ].sort(),
    );
  });

  it('leaves out what a caller hangs on a nested object (an item id on a competency)', async () => {
    const d = deskundigeIct();
    const tagged = clone(d);
    Object.assign(tagged.competencies[0]!, { itemId: '17' });
    Object.assign(tagged.resultAreas[0]!, { eTag: '"abc,3"' });
    expect(await contentHash(tagged)).toBe(await contentHash(d));
    expect(contentOf(tagged).competencies[0]).not.toHaveProperty('itemId');
  });
});

// Made once by today's code before the registry existed: see fixtures/make-stored-decisions.ts.
const storedSchema = z.object({
  madeAt: z.string(),
  decisions: z.array(
    z.object({
      id: z.string(),
      outcome: z.enum(['approved', 'rejected']),
      decisionDate: z.string(),
      reason: z.string().nullable(),
      sample: z.string().optional(),
      content: functionDescriptionSchema.optional(),
      contentHash: z.string(),
      snapshot: z.string(),
    }),
  ),
});
const stored = storedSchema.parse(
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'stored-decisions.json'), 'utf8')),
);

/** The role's content as it is today: the seed as the importer reads it, or the stored content. */
function currentContent(d: (typeof stored.decisions)[number]): FunctionDescription {
  if (d.sample !== undefined) {
    // The decision predates the importer keeping the seed's Verruimende bepaling (an added
    // field): the content decided on is the seed as read then, without it.
    const asDecided = parseOk(readSample(d.sample), d.sample).description;
    delete asDecided.otherSections;
    return asDecided;
  }
  if (d.content === undefined) throw new Error(`besluit ${d.id}: geen inhoud in de fixture`);
  return d.content;
}

describe('decisions stored before the registry existed', () => {
  const cases = stored.decisions.map((d) => [d.id, d] as const);

  it('cover both seeds, a rejection and content in decomposed Unicode', () => {
    expect(stored.decisions.map((d) => d.sample).filter(Boolean)).toEqual([FB_SAMPLE, FP_SAMPLE]);
    expect(stored.decisions.some((d) => d.outcome === 'rejected')).toBe(true);
    const nfd = stored.decisions.flatMap((d) => (d.content ? [d.content.title] : []));
    expect(nfd.some((title) => title !== title.normalize('NFC'))).toBe(true);
  });

  it.each(cases)('decision %s: the current content still hashes to its hash', async (_id, d) => {
    const content = currentContent(d);
    expect(await contentHash(content)).toBe(d.contentHash);
    expect(await extended.contentHash(extendedSchema.parse(content))).toBe(d.contentHash);
  });

  it.each(cases)('decision %s: its snapshot re-hashes to its hash', async (_id, d) => {
    const today = snapshotSchema.parse(JSON.parse(d.snapshot));
    expect(canonicalContentJson(today)).toBe(d.snapshot);
    expect(await contentHash(today)).toBe(d.contentHash);

    const grown = extendedSnapshotSchema.parse(JSON.parse(d.snapshot));
    expect(extended.canonicalContentJson(grown)).toBe(d.snapshot);
    expect(await extended.contentHash(grown)).toBe(d.contentHash);
  });

  it.each(cases)('decision %s: still decides the role’s status', async (_id, d) => {
    const director = { id: 'director', displayName: 'Algemeen directeur' };
    const { status } = deriveStatus({
      currentHash: await extended.contentHash(extendedSchema.parse(currentContent(d))),
      requests: [],
      approverIds: [director.id],
      decisions: [
        {
          id: d.id,
          requestId: null,
          outcome: d.outcome,
          decisionDate: d.decisionDate,
          decidedAt: `${d.decisionDate}T10:00:00Z`,
          contentHash: d.contentHash,
          reason: d.reason,
          createdBy: director,
          imported: false,
        },
      ],
    });
    expect(status.kind).toBe(d.outcome);
  });
});
