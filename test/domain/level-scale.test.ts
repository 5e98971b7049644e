import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalContentJson, contentHash, contentOf } from '../../src/domain/content-hash';
import { compareLevels, levelName, sameScale } from '../../src/domain/levels';
import {
  functionContentSchema,
  functionDescriptionSchema,
  migrateInterchange,
  type Competency,
  type FunctionContent,
  type FunctionDescription,
  type LevelScale,
} from '../../src/domain/schema';
import { clone, competency, deskundigeIct } from './fixture';

/*
 * Schema version 2 (issue 13): every description carries its level scale; version-1 objects are
 * read as version 2 on 0–3; content that version 1 could say hashes exactly as it always did.
 */

/** The same description as a version-1 object, as files and snapshots of before hold it. */
function asVersion1(d: FunctionDescription): Record<string, unknown> {
  const v1: Record<string, unknown> = { ...clone(d), schemaVersion: 1 };
  delete v1.levelScale;
  delete v1.gradeAsWritten;
  delete v1.careerPathAsWritten;
  return v1;
}

/** A competency with every level of `scale` and `required` ticked. */
function onScale(name: string, scale: LevelScale, required: number | null): Competency {
  const levels = [];
  for (let level = scale.lowest; level <= scale.highest; level++) {
    levels.push({ level, indicators: [`${name}: indicator niveau ${level}`] });
  }
  return {
    ...competency(name, null),
    requiredLevel: required,
    indicators: levels.find((l) => l.level === required)?.indicators ?? [],
    levels,
  };
}

function withScale(scale: LevelScale, required: number[]): FunctionDescription {
  const d = deskundigeIct();
  return functionDescriptionSchema.parse({
    ...d,
    levelScale: scale,
    competencies: required.map((level, i) => onScale(`Competentie ${i + 1}`, scale, level)),
  });
}

const ONE_TO_FIVE: LevelScale = { lowest: 1, highest: 5, titles: [] };
const ZERO_TO_THREE: LevelScale = { lowest: 0, highest: 3, titles: [] };
const VO_TITLES: LevelScale = {
  lowest: 1,
  highest: 4,
  titles: [
    { level: 1, title: 'Handelt vanuit eigen ervaring' },
    { level: 2, title: 'Handelt binnen het team' },
    { level: 3, title: 'Handelt op het niveau van de entiteit' },
    { level: 4, title: 'Handelt op het niveau van de organisatie' },
  ],
};

describe('reading the interchange format', () => {
  it('migrates a version-1 object to version 2 on the 0–3 scale, nothing else changed', () => {
    const v1 = asVersion1(deskundigeIct());
    const read = functionDescriptionSchema.parse(v1);
    expect(read.schemaVersion).toBe(2);
    expect(read.levelScale).toEqual({ lowest: 0, highest: 3, titles: [] });
    expect(read.gradeAsWritten).toBeNull();
    expect(read.careerPathAsWritten).toBeNull();
    expect(read.competencies).toEqual(v1.competencies);
    expect(read.title).toBe(v1.title);
  });

  it('migrates by one function, which leaves version 2 and non-objects alone', () => {
    const v2 = deskundigeIct();
    expect(migrateInterchange(v2)).toBe(v2);
    expect(migrateInterchange('tekst')).toBe('tekst');
    expect(migrateInterchange(null)).toBeNull();
    // Version 1 had no scale: whatever such an object says about one means nothing.
    const odd = { ...asVersion1(v2), levelScale: ONE_TO_FIVE };
    expect(migrateInterchange(odd)).toMatchObject({ levelScale: ZERO_TO_THREE });
  });

  it('refuses a version-1 level outside 0–3, naming the level and the scale', () => {
    const v1 = asVersion1(deskundigeIct());
    (v1.competencies as Competency[])[0]!.requiredLevel = 4;
    const result = functionDescriptionSchema.safeParse(v1);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(
      `${(v1.competencies as Competency[])[0]!.name}: Niveau 4 ligt buiten de niveauschaal van dit document (0 tot 3).`,
    );
  });

  it('accepts levels 1 to 5 on a 1–5 scale and refuses 0 and 6 there', () => {
    const d = withScale(ONE_TO_FIVE, [5, 1, 3]);
    expect(d.competencies.map((c) => c.requiredLevel)).toEqual([5, 1, 3]);
    for (const bad of [0, 6]) {
      const raw = clone(d);
      raw.competencies[1]!.levels[0]!.level = bad;
      const result = functionDescriptionSchema.safeParse(raw);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(
        `Niveau ${bad} ligt buiten de niveauschaal van dit document (1 tot 5).`,
      );
      expect(result.error?.issues[0]?.path).toEqual(['competencies', 1, 'levels', 0, 'level']);
    }
  });

  it('refuses a scale that is no scale, and titles off the scale or out of order', () => {
    const d = deskundigeIct();
    const messages = (levelScale: unknown) =>
      functionDescriptionSchema
        .safeParse({ ...d, levelScale })
        .error?.issues.map((i) => i.message) ?? [];
    expect(messages({ lowest: 3, highest: 3 })[0]).toMatch(/niveauschaal 3–3 is geen schaal/);
    expect(messages({ lowest: 0, highest: 11 })[0]).toMatch(/tussen 0 en 10/);
    expect(messages({ lowest: 0, highest: 3, titles: [{ level: 4, title: 'Meester' }] })[0]).toBe(
      'Niveau 4 ligt buiten de niveauschaal van dit document (0 tot 3).',
    );
    expect(
      messages({
        lowest: 0,
        highest: 3,
        titles: [
          { level: 2, title: 'B' },
          { level: 1, title: 'A' },
        ],
      })[0],
    ).toMatch(/oplopende volgorde/);
  });
});

describe('the content hash across schema versions', () => {
  it('hashes a version-1 object exactly as its migrated version 2, written as version 1', async () => {
    const v2 = deskundigeIct();
    const v1 = asVersion1(v2) as unknown as FunctionContent;
    expect(canonicalContentJson(v2)).toBe(canonicalContentJson(v1));
    expect(await contentHash(v2)).toBe(await contentHash(v1));
    expect(canonicalContentJson(v2)).toContain('"schemaVersion":1');
    expect(canonicalContentJson(v2)).not.toContain('levelScale');
  });

  it('hashes a 1–5 document differently from the same one on 0–3, and writes it as version 2', async () => {
    const onFive = withScale(ONE_TO_FIVE, [1, 2, 3]);
    const onThree = withScale(ZERO_TO_THREE, [1, 2, 3]);
    // Same words, same numbers; only the scale differs.
    onThree.competencies = onFive.competencies.map((c) => ({
      ...c,
      levels: c.levels.filter((l) => l.level <= 3),
    }));
    onFive.competencies = onThree.competencies.map((c) => clone(c));
    expect(await contentHash(onFive)).not.toBe(await contentHash(onThree));
    expect(canonicalContentJson(onFive)).toContain('"schemaVersion":2');
    expect(canonicalContentJson(onFive)).toContain('"levelScale":{"highest":5,"lowest":1}');
    expect(canonicalContentJson(onThree)).toContain('"schemaVersion":1');
  });

  it('changes the hash when a 0–3 document gains level titles or its grade as written', async () => {
    const plain = deskundigeIct();
    const titled = clone(plain);
    titled.levelScale = { lowest: 0, highest: 3, titles: [{ level: 3, title: 'Expert' }] };
    const written = clone(plain);
    written.careerPathAsWritten = 'B1 – B3';
    const base = await contentHash(plain);
    expect(await contentHash(titled)).not.toBe(base);
    expect(await contentHash(written)).not.toBe(base);
    expect(canonicalContentJson(written)).toContain('"careerPathAsWritten":"B1 – B3"');
    expect(canonicalContentJson(written)).toContain('"schemaVersion":2');
  });

  it.each([
    ['a 1–4 document with titles', () => withScale(VO_TITLES, [4, 2])],
    ['a 1–5 document', () => withScale(ONE_TO_FIVE, [5])],
    ['a 0–3 document', () => deskundigeIct()],
  ])('keeps %s as its snapshot, which reads back and re-hashes the same', async (_n, make) => {
    const d = make();
    const snapshot = canonicalContentJson(d);
    const reread = functionContentSchema.parse(JSON.parse(snapshot));
    expect(reread).toEqual(contentOf(d));
    expect(canonicalContentJson(reread)).toBe(snapshot);
    expect(await contentHash(reread)).toBe(await contentHash(d));
  });

  it('reads every stored decision snapshot of before as version 2 on 0–3', () => {
    const stored = JSON.parse(
      readFileSync(join(__dirname, 'fixtures', 'stored-decisions.json'), 'utf8'),
    ) as { decisions: { snapshot: string }[] };
    expect(stored.decisions.length).toBeGreaterThan(0);
    for (const { snapshot } of stored.decisions) {
      const read = functionContentSchema.parse(JSON.parse(snapshot));
      expect(read.levelScale).toEqual(ZERO_TO_THREE);
      expect(canonicalContentJson(read)).toBe(snapshot);
    }
  });
});

describe('levels on different scales', () => {
  const role = (key: string, d: FunctionDescription): FunctionContent => ({
    ...contentOf(d),
    key,
    title: key,
  });

  it('does not call one role higher across scales: the row is not comparable, with its reason', () => {
    const a = role('a', withScale(ONE_TO_FIVE, [5, 2]));
    const b = role('b', withScale(ZERO_TO_THREE, [3, 2]));
    const result = compareLevels([a, b]);
    expect(result.scalesDiffer).toBe(true);
    expect(result.scales).toEqual([ONE_TO_FIVE, ZERO_TO_THREE]);
    expect(result.rows.map((r) => r.relation)).toEqual(['other-scales', 'other-scales']);
    expect(result.rows.every((r) => r.highest.length === 0)).toBe(true);
    expect(result.roles.map((r) => r.higher)).toEqual([0, 0]);
    expect(result.sameLevel).toBe(0);
  });

  it('compares as before on one scale, whatever the titles', () => {
    const a = role('a', withScale(VO_TITLES, [4]));
    const b = role('b', withScale({ lowest: 1, highest: 4, titles: [] }, [2]));
    const result = compareLevels([a, b]);
    expect(result.scalesDiffer).toBe(false);
    expect(result.rows[0]).toMatchObject({ relation: 'different', highest: [0] });
    expect(sameScale(VO_TITLES, { lowest: 1, highest: 4, titles: [] })).toBe(true);
  });

  it('names a level by the document’s title, else ours on 0–3, else by number and scale', () => {
    expect(levelName(VO_TITLES, 2, 'nl')).toEqual({
      kind: 'title',
      level: 2,
      title: 'Handelt binnen het team',
    });
    expect(levelName(ZERO_TO_THREE, 2, 'nl')).toEqual({
      kind: 'ours',
      level: 2,
      name: 'Gevorderd',
    });
    expect(levelName(ONE_TO_FIVE, 3, 'en')).toEqual({
      kind: 'numbered',
      level: 3,
      lowest: 1,
      highest: 5,
    });
  });
});
