import { contentHash } from '../../src/domain/content-hash';
import { functionDescriptionSchema } from '../../src/domain/schema';
import { formatIssue } from '../../src/import/issues';
import { parseDocument } from '../../src/import/parse';
import { compileProfile, parseProfileJson } from '../../src/import/profile';
import { parseErrors, parseOk } from './fixtures/parse-helpers';

/**
 * Level scales per document (issue 13, item 2): documents written here in the test, on 0–3 with
 * ☒, on 1–4 with level titles, on 1–5, a profile that quotes only the required level, and a plain
 * list without levels. The documents name no real city.
 */

function levelledDoc(competencies: readonly string[], head: readonly string[] = []): string {
  return [
    'Functiebeschrijving archivaris',
    ...head,
    'Doel van de functie',
    'Je beheert het archief.',
    'Taakafspraken',
    'Taakafspraak 1: Beheert het archief.',
    '– Ordent bestanden.',
    'Competenties',
    ...competencies,
  ].join('\n');
}

/** One competency's table: level lines "n ☐/☒" then its lines. */
function table(name: string, levels: [number, string[]][], ticked: number): string[] {
  return [
    name,
    ...levels.flatMap(([n, lines]) => [
      `${n} ${n === ticked ? '☒' : '☐'} ${lines[0]}`,
      ...lines.slice(1),
    ]),
  ];
}

const TITLES_1_4 = [
  'Handelt vanuit eigen ervaring',
  'Handelt binnen het team',
  'Handelt op het niveau van de entiteit',
  'Handelt op het niveau van de organisatie',
];

describe('documents on their own level scale', () => {
  it('reads a 0–3 document with ☒ on 0–3, which hashes as a version-1 document', async () => {
    const text = levelledDoc([
      ...table(
        'Nauwkeurigheid',
        [
          [0, ['‒ N.v.t.']],
          [1, ['‒ Werkt nauwkeurig.']],
          [2, ['‒ Controleert het eigen werk.']],
          [3, ['‒ Controleert het werk van anderen.']],
        ],
        2,
      ),
    ]);
    const d = parseOk(text, 'nul-drie.txt').description;
    expect(d.levelScale).toEqual({ lowest: 0, highest: 3, titles: [] });
    expect(d.competencies[0]).toMatchObject({
      requiredLevel: 2,
      levelTitle: null,
      indicators: ['Controleert het eigen werk.'],
    });
    const asV1 = { ...d, schemaVersion: 1 } as Record<string, unknown>;
    delete asV1.levelScale;
    delete asV1.gradeAsWritten;
    delete asV1.careerPathAsWritten;
    expect(await contentHash(d)).toBe(await contentHash(functionDescriptionSchema.parse(asV1)));
  });

  it('reads a 1–4 document with level titles as its scale, the titles kept once', () => {
    const levels = (name: string): [number, string[]][] =>
      TITLES_1_4.map((title, i) => [i + 1, [title, `‒ ${name}: gedrag ${i + 1}.`]]);
    const text = levelledDoc([
      ...table('Samenwerken', levels('Samenwerken'), 3),
      ...table('Klantgerichtheid', levels('Klantgerichtheid'), 1),
    ]);
    const d = parseOk(text, 'een-vier.txt').description;
    expect(d.levelScale).toEqual({
      lowest: 1,
      highest: 4,
      titles: TITLES_1_4.map((title, i) => ({ level: i + 1, title })),
    });
    expect(d.competencies.map((c) => [c.name, c.requiredLevel, c.levelTitle])).toEqual([
      ['Samenwerken', 3, 'Handelt op het niveau van de entiteit'],
      ['Klantgerichtheid', 1, 'Handelt vanuit eigen ervaring'],
    ]);
    // The title is the level's name, not one of its indicators.
    expect(d.competencies[0]!.levels[2]).toEqual({
      level: 3,
      indicators: ['Samenwerken: gedrag 3.'],
    });
    expect(d.competencies[0]!.indicators).toEqual(['Samenwerken: gedrag 3.']);
  });

  it('keeps a first line that differs per competency as an indicator, not a title', () => {
    const levels = (name: string): [number, string[]][] =>
      [1, 2, 3, 4].map((n) => [n, [`${name} op niveau ${n}`, `‒ Gedrag ${n}.`]]);
    const text = levelledDoc([
      ...table('Samenwerken', levels('Samenwerken'), 2),
      ...table('Plannen', levels('Plannen'), 4),
    ]);
    const d = parseOk(text, 'eigen.txt').description;
    expect(d.levelScale).toEqual({ lowest: 1, highest: 4, titles: [] });
    expect(d.competencies[0]!.levels[1]!.indicators).toEqual([
      'Samenwerken op niveau 2',
      'Gedrag 2.',
    ]);
  });

  it('reads a 1–5 document on 1–5, with "Niveau n:" lines', () => {
    const competency = (name: string, ticked: number) => [
      name,
      ...[1, 2, 3, 4, 5].flatMap((n) => [
        `Niveau ${n}: ${n === ticked ? '☒' : '☐'}`,
        `‒ ${name} ${n}.`,
      ]),
    ];
    const text = levelledDoc([...competency('Integriteit', 5), ...competency('Plannen', 2)]);
    const d = parseOk(text, 'een-vijf.txt').description;
    expect(d.levelScale).toEqual({ lowest: 1, highest: 5, titles: [] });
    expect(d.competencies.map((c) => c.requiredLevel)).toEqual([5, 2]);
    expect(d.competencies[0]!.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a competency cut off short of the 1–5 scale, on its line', () => {
    const text = levelledDoc([
      'Integriteit',
      ...[1, 2, 3, 4, 5].map((n) => `${n} ${n === 3 ? '☒' : '☐'} ‒ Integer ${n}.`),
      'Plannen',
      ...[1, 2, 3].map((n) => `${n} ${n === 1 ? '☒' : '☐'} ‒ Plant ${n}.`),
    ]);
    expect(parseErrors(text, 'kort.txt').map(formatIssue)).toContain(
      "kort.txt: regel 14: competentie 'Plannen' mist de niveaus 4 en 5. Is het document volledig?",
    );
  });

  it('refuses a level outside the scale a profile fixes, naming level, scale and line', () => {
    const profile = parseProfileJson(
      '{"name": "stad-x", "levelScale": {"lowest": 1, "highest": 4}}',
    );
    if (!profile.ok) throw new Error(profile.message);
    const text = levelledDoc([
      'Integriteit',
      ...[1, 2, 3, 4, 5].map((n) => `${n} ${n === 3 ? '☒' : '☐'} ‒ Integer ${n}.`),
    ]);
    const r = parseDocument(text, 'vijf.txt', compileProfile(profile.profile));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map(formatIssue)).toEqual([
      'vijf.txt: regel 13: niveau 5 ligt buiten de schaal van dit document (1 tot 4): controleer het niveau of kies een profiel met die schaal',
    ]);
  });

  it('accepts a 0..10 scale in a profile and refuses 11', () => {
    expect(parseProfileJson('{"levelScale": {"lowest": 0, "highest": 10}}').ok).toBe(true);
    expect(parseProfileJson('{"levelScale": {"lowest": 0, "highest": 11}}').ok).toBe(false);
  });

  it('reads a profile that quotes only the required level', () => {
    const text = [
      'Functieprofiel archivaris',
      'Doel van de functie',
      'Je beheert het archief.',
      'Resultaatsgebieden',
      '– Archiefbeheer',
      'Competenties',
      '• Samenwerken',
      'Werkt met anderen aan een gezamenlijk resultaat.',
      'Niveau 3: Bevordert de samenwerking:',
      '- Deelt informatie met collega’s',
      '• Plannen',
      'Ordent het werk in de tijd.',
      'Niveau 2: Plant het eigen werk:',
      '- Maakt een weekplanning',
    ].join('\n');
    const d = parseOk(text, 'profiel.txt').description;
    expect(d.levelScale).toEqual({ lowest: 0, highest: 3, titles: [] });
    expect(d.competencies.map((c) => [c.name, c.requiredLevel, c.levelTitle])).toEqual([
      ['Samenwerken', 3, 'Niveau 3: Bevordert de samenwerking:'],
      ['Plannen', 2, 'Niveau 2: Plant het eigen werk:'],
    ]);
  });

  it('reads a plain list of competencies without levels on the default scale', () => {
    const text = [
      'Functieprofiel archivaris',
      'Doel van de functie',
      'Je beheert het archief.',
      'Resultaatsgebieden',
      '– Archiefbeheer',
      'Competenties',
      '• Samenwerken',
      'Werkt met anderen aan een gezamenlijk resultaat.',
      'Werkt samen:',
      '- Deelt informatie met collega’s',
    ].join('\n');
    const d = parseOk(text, 'lijst.txt').description;
    expect(d.levelScale).toEqual({ lowest: 0, highest: 3, titles: [] });
    expect(d.competencies[0]).toMatchObject({ requiredLevel: null, levels: [] });
  });

  it('keeps a range as written when normalising changed it, and not when only spacing did', () => {
    const withRange = (range: string) =>
      parseOk(
        levelledDoc(
          table(
            'Nauwkeurigheid',
            [
              [0, ['‒ N.v.t.']],
              [1, ['‒ Werkt nauwkeurig.']],
              [2, ['‒ Controleert.']],
              [3, ['‒ Bepaalt.']],
            ],
            1,
          ),
          [`Functionele loopbaan: ${range}`],
        ),
        'loopbaan.txt',
      ).description;
    expect(withRange('B1-B2-B3')).toMatchObject({
      careerPath: 'B1-B3',
      careerPathAsWritten: 'B1-B2-B3',
    });
    expect(withRange('B1 – B3')).toMatchObject({ careerPath: 'B1-B3', careerPathAsWritten: null });
    expect(withRange('C1-C2 / D1-D3')).toMatchObject({
      careerPath: 'C1-C2 / D1-D3',
      careerPathAsWritten: null,
    });
  });
});
