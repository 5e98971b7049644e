import type { FunctionDescription } from '../../src/domain/schema';
import { formatIssue } from '../../src/import/issues';
import { parseDocument } from '../../src/import/parse';
import { normaliseCareerPath } from '../../src/import/parse-grades';
import { compileProfile, parseProfileJson } from '../../src/import/profile';
import { parseErrors, parseOk } from './fixtures/parse-helpers';

/**
 * The house styles of issue 13, each written out in the test and read to an expectation written
 * by hand: heading forms, general data forms, grade notations, bullets, noise, kept sections,
 * and a city's own words through a layout profile. The documents name no real city.
 */

const COMPETENCIES = [
  'Competenties',
  '• Samenwerken',
  'Werkt met anderen aan een gezamenlijk resultaat.',
  'Werkt samen:',
  '- Deelt informatie met collega’s',
  '- Helpt collega’s bij drukte',
];

const expectedCompetency = {
  name: 'Samenwerken',
  block: null,
  cluster: null,
  definition: 'Werkt met anderen aan een gezamenlijk resultaat.',
  requiredLevel: null,
  levelTitle: 'Werkt samen:',
  indicators: ['Deelt informatie met collega’s', 'Helpt collega’s bij drukte'],
  levels: [],
};

/** A functieprofiel with the given head, and sections in the given heading style. */
function profileDoc(head: readonly string[], headings = defaultHeadings): string {
  return [
    ...head,
    headings.doel,
    'Je beheert het archief van het bestuur.',
    headings.taken,
    '– Archiefbeheer',
    '– Dienstverlening aan bezoekers',
    ...COMPETENCIES,
  ].join('\n');
}
const defaultHeadings = { doel: 'Doel van de functie', taken: 'Resultaatsgebieden' };

const base: Omit<FunctionDescription, 'title' | 'key'> = {
  schemaVersion: 2,
  kind: 'functieprofiel',
  organisation: null,
  department: null,
  service: null,
  grade: null,
  careerPath: null,
  gradeAsWritten: null,
  careerPathAsWritten: null,
  purpose: 'Je beheert het archief van het bestuur.',
  mainTasks: [],
  position: null,
  resultAreas: [
    { title: 'Archiefbeheer', tasks: [] },
    { title: 'Dienstverlening aan bezoekers', tasks: [] },
  ],
  competencies: [expectedCompetency],
  levelScale: { lowest: 0, highest: 3, titles: [] },
  technicalKnowledge: [],
  approval: null,
};
const archivaris = { ...base, title: 'Archivaris', key: 'archivaris' };

describe('headings in every form', () => {
  it.each([
    ['numbered with a dot', { doel: '2. Doel van de functie', taken: '3. Resultaatsgebieden' }],
    [
      'numbered 2.3.',
      { doel: '2.3. Hoofddoel van de functie', taken: '2.4. Kernresultaatgebieden' },
    ],
    ['Roman numbers', { doel: 'II. DOEL VAN DE FUNCTIE', taken: 'III Resultaatgebieden' }],
    ['capitals with a closing dot', { doel: 'DOEL VAN DE FUNCTIE.', taken: 'RESULTAATSGEBIEDEN.' }],
    ['■ as heading marker', { doel: '■ Doel', taken: '■ Resultaatsgebieden:' }],
  ])('finds sections headed %s', (_what, headings) => {
    const text = profileDoc(['Functieprofiel archivaris'], headings);
    expect(parseOk(text, 'a.txt').description).toEqual(archivaris);
  });
});

describe('general data in every form', () => {
  const expected = {
    ...archivaris,
    department: 'Cultuur',
    service: 'Erfgoed',
    grade: 'Archivaris',
    careerPath: 'B1-B3',
  };
  it.each([
    [
      '"Label: waarde"',
      ['Afdeling: Cultuur', 'Dienst: Erfgoed', 'Graadnaam: Archivaris', 'Salarisschaal: B1-B3'],
    ],
    [
      'label line, then value line',
      ['Afdeling', 'Cultuur', 'Dienst', 'Erfgoed', 'Graad', 'Archivaris', 'Weddeschaal', 'B1-B3'],
    ],
    [
      'table rows in text',
      [
        '| Afdeling | Cultuur |',
        '| Dienst | Erfgoed |',
        '| Graadnaam | Archivaris |',
        '| Functionele loopbaan | B1 – B3 |',
      ],
    ],
    [
      'a flattened table (all labels, then all values)',
      [
        'Afdeling',
        'Dienst',
        'Graad',
        'Functionele loopbaan',
        'Cultuur',
        'Erfgoed',
        'Archivaris',
        'B1-B3',
      ],
    ],
    [
      'one label for two values, a repeated label, "/" for none, Niveau as the range',
      [
        'Afdeling/dienst: Cultuur – Erfgoed',
        'Afdeling/dienst: Cultuur – Erfgoed',
        'Graad: Archivaris',
        'Niveau: (B1-B3)',
        'Standplaats: /',
      ],
    ],
  ])('reads %s', (_what, head) => {
    const text = profileDoc(['Functieprofiel archivaris', 'Identificatiegegevens', ...head]);
    expect(parseOk(text, 'a.txt').description).toEqual(expected);
  });

  it('takes "Niveau" holding a family level for neither, and says so on its line', () => {
    const text = profileDoc(['Functieprofiel archivaris', 'Algemeen', 'Niveau: B', 'Graad: B1-B3']);
    const r = parseOk(text, 'a.txt');
    expect(r.description.careerPath).toBe('B1-B3');
    expect(r.description.grade).toBeNull();
    expect(r.warnings).toContainEqual({
      file: 'a.txt',
      line: 3,
      message: "gegeven 'Niveau: B' is geen graad of loopbaan en is niet overgenomen",
    });
  });
});

describe('grade notations', () => {
  it.each([
    ['B1-B3', 'B1-B3'],
    ['B1-B2-B3', 'B1-B3'],
    ['B1 – B3', 'B1-B3'],
    ['(B1-B3)', 'B1-B3'],
    ['B1-3', 'B1-B3'],
    ['C1 - C3', 'C1-C3'],
    ['A1a-A3a', 'A1a-A3a'],
    ['A1a2a3a', 'A1a-A3a'],
    ['B4-B5', 'B4-B5'],
    ['E1/E3', 'E1-E3'],
    ['C1-C2 / D1-D3', 'C1-C2 / D1-D3'],
    ['BV1-BV3', 'BV1-BV3'],
    ['Decretale graad', 'Decretale graad'],
    ['rang Cv', 'rang Cv'],
  ])('%s → %s', (written, normal) => {
    expect(normaliseCareerPath(written)).toBe(normal);
  });

  it('says so when the notation was rewritten, with the text as written', () => {
    const r = parseOk(profileDoc(['Functieprofiel archivaris', 'Weddeschaal: A1a2a3a']), 'a.txt');
    expect(r.description.careerPath).toBe('A1a-A3a');
    expect(r.warnings.map((w) => w.message)).toContain(
      "functionele loopbaan 'A1a2a3a' is overgenomen als 'A1a-A3a'",
    );
  });
});

describe('noise', () => {
  it('drops page markers, a contents page with dot leaders and a numbered running footer', () => {
    const text = profileDoc([
      'Functieprofiel archivaris',
      'Inhoud',
      'Doel van de functie ........................ 2',
      'Resultaatsgebieden ......................... 2',
      'Competenties ............................... 3',
      '(2)',
      '2/7',
      'Pagina 3 van 7',
      'Versie 4 – personeelsdienst 2024',
      'Versie 4 – personeelsdienst 2024',
      'Versie 4 – personeelsdienst 2024',
    ])
      .replace(
        'Je beheert het archief van het bestuur.',
        'Je beheert het archief van het bestuur. Versie 4 – personeelsdienst 2024',
      )
      .replace('- Deelt informatie', '- 5/7\n- Deelt informatie');
    const r = parseDocument(text, 'a.txt');
    // "- 5/7" is a bullet of its own, and stays: only whole lines are page markers.
    expect(r.ok && r.description.purpose).toBe('Je beheert het archief van het bestuur.');
  });
});

describe('sections without a field of their own', () => {
  it('keeps an unknown section and the Verruimende bepaling, under their titles, and says so', () => {
    const text = [
      'Functieprofiel archivaris',
      'Doel van de functie',
      'Je beheert het archief van het bestuur.',
      'Resultaatsgebieden',
      '– Archiefbeheer',
      'Verruimende bepaling: de medewerker springt bij in andere diensten.',
      ...COMPETENCIES,
      'IV. Arbeidsvoorwaarden',
      'Voltijds, met glijdende werkuren.',
      '– Maaltijdcheques',
    ].join('\n');
    const r = parseOk(text, 'a.txt');
    expect(r.description.otherSections).toEqual([
      { title: 'Verruimende bepaling', text: 'de medewerker springt bij in andere diensten.' },
      { title: 'Arbeidsvoorwaarden', text: 'Voltijds, met glijdende werkuren.\n– Maaltijdcheques' },
    ]);
    expect(r.description.competencies).toEqual([expectedCompetency]);
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [6, "de 'Verruimende bepaling' heeft geen eigen veld: ze is bewaard bij 'Andere onderdelen'"],
      [
        13,
        "onderdeel 'Arbeidsvoorwaarden' heeft geen eigen veld: het is bewaard bij 'Andere onderdelen'",
      ],
    ]);
  });
});

describe('a layout profile', () => {
  const profileJson = JSON.stringify({
    name: 'stad-x',
    headings: { doel: ['Opdracht van de functie'], resultaat: ['Wat verwachten we'] },
    labels: { grade: ['Niveau'], careerPath: ['Schaal'], department: ['Cluster'] },
    bullets: ['➢'],
  });
  const text = [
    'Functieprofiel archivaris',
    'Cluster: Cultuur',
    'Niveau: Archivaris',
    'Schaal: B1-B3',
    'Opdracht van de functie',
    'Je beheert het archief van het bestuur.',
    'Wat verwachten we',
    '➢ Archiefbeheer',
    '➢ Dienstverlening aan bezoekers',
    ...COMPETENCIES,
  ].join('\n');

  it('adds a city’s headings, labels and bullets without code', () => {
    const parsed = parseProfileJson(profileJson);
    if (!parsed.ok) throw new Error(parsed.message);
    const r = parseDocument(text, 'a.txt', compileProfile(parsed.profile));
    expect(r.ok && r.description).toEqual({
      ...archivaris,
      department: 'Cultuur',
      grade: 'Archivaris',
      careerPath: 'B1-B3',
    });
  });

  it('is needed: the default profile does not know those words', () => {
    const r = parseDocument(text, 'a.txt');
    expect(
      r.ok && [r.description.department, r.description.purpose, r.description.resultAreas],
    ).toEqual([null, null, []]);
  });

  it('is validated, naming the field', () => {
    expect(parseProfileJson('{"labels": {"graad": ["x"]}}')).toEqual({
      ok: false,
      message: expect.stringMatching(/^ongeldig profiel: labels/),
    });
    expect(parseProfileJson('{"levelScale": {"lowest": 3, "highest": 1}}')).toEqual({
      ok: false,
      message: expect.stringMatching(/lowest moet kleiner zijn dan highest/),
    });
    expect(parseProfileJson('{nee')).toEqual({
      ok: false,
      message: expect.stringMatching(/^geen geldige JSON/),
    });
  });
});

describe('what is refused, with its line', () => {
  it('refuses two different titles, naming both', () => {
    const text = profileDoc(['Functieprofiel archivaris', 'Functienaam: Bibliothecaris']);
    expect(parseErrors(text, 'a.txt').map(formatIssue)).toEqual([
      "a.txt: regel 1: twee verschillende functietitels: 'archivaris' in de titel bovenaan en 'Bibliothecaris' bij de functienaam (regel 2). Houd er één over.",
    ]);
    const twice = profileDoc(['Functienaam: Archivaris', 'Functienaam: Bibliothecaris']);
    expect(parseErrors(twice, 'b.txt').map(formatIssue)).toEqual([
      "b.txt: regel 2: twee verschillende functietitels: 'Archivaris' (regel 1) en 'Bibliothecaris' (regel 2). Houd er één over.",
    ]);
  });

  it('refuses a level outside the scale, on its line', () => {
    const text = [
      'Functiebeschrijving archivaris',
      'Doel van de functie',
      'Je beheert het archief.',
      'Taakafspraken',
      'Taakafspraak 1: Beheert het archief.',
      '– Ordent bestanden.',
      'Competenties',
      'Nauwkeurigheid',
      '0 ☐ ‒ N.v.t.',
      '1 ☐ ‒ Werkt nauwkeurig.',
      '2 ☐ ‒ Controleert het eigen werk.',
      '3 ☐ ‒ Controleert het werk van anderen.',
      '4 ☒ ‒ Bepaalt de normen.',
    ].join('\n');
    expect(parseErrors(text, 'a.txt')).toContainEqual({
      file: 'a.txt',
      line: 13,
      message: expect.stringMatching(
        /^niveau 4 ligt buiten de schaal van dit document \(0 tot 3\)/,
      ),
    });
  });
});
