import { functionDescriptionSchema, type FunctionDescription } from '../../src/domain/schema';
import { parseDocument } from '../../src/import/parse';
import { FB_SAMPLE, FP_SAMPLE, parseOk, readFixture, readSample } from './fixtures/parse-helpers';
import { renderFunctiebeschrijving, renderFunctieprofiel, wrap } from './fixtures/render';

/**
 * Generality: documents the parser has never seen. Each variant is derived from a seed in the
 * test (or hand-written in fixtures/) and must parse to the object its content stands for.
 */

const fbText = readSample(FB_SAMPLE);
const fpText = readSample(FP_SAMPLE);
const fb = parseOk(fbText, FB_SAMPLE);
const fp = parseOk(fpText, FP_SAMPLE);

const messages = (w: readonly { message: string }[]): string[] => w.map((x) => x.message);

function expectSameContent(
  text: string,
  expected: FunctionDescription,
  warnings: readonly { message: string }[],
): void {
  const got = parseOk(text, 'variant.txt');
  expect(got.description).toEqual(expected);
  expect(messages(got.warnings)).toEqual(messages(warnings));
}

// ── text-level transformations of the seeds ────────────────────────────────────────────────

const lines = (text: string): string[] => text.split('\n');
const withoutBlankLines = (text: string): string =>
  lines(text)
    .filter((l) => l.trim() !== '')
    .join('\n');

/** Replaces whole lines (compared trimmed); fails loudly when a line is not in the seed. */
function replaceLines(text: string, replacements: Record<string, string | string[]>): string {
  const seen = new Set<string>();
  const out = lines(text).flatMap((l) => {
    const r = replacements[l.trim()];
    if (r === undefined) return [l];
    seen.add(l.trim());
    return Array.isArray(r) ? r : [r];
  });
  const missing = Object.keys(replacements).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new Error(`niet in het voorbeeld: ${missing.join(' | ')}`);
  return out.join('\n');
}

/** Wraps every line longer than `width` again, as a narrower page would; footers stay whole. */
function rewrapLines(text: string, width: number): string {
  return lines(text)
    .flatMap((l) =>
      l.length > width && !/Pagina \d+ van \d+/.test(l) ? wrap(l.trim(), width) : [l],
    )
    .join('\n');
}

const FOOTER = 'Stad Tienen  Functiebeschrijving deskundige ICT      Pagina 16 van 16';

describe('a functiebeschrijving in other shapes', () => {
  const d = fb.description;
  const same = (text: string): void => expectSameContent(text, d, fb.warnings);

  it('without blank lines', () => same(withoutBlankLines(fbText)));

  it('with Windows line endings, with the same line numbers', () => {
    const got = parseOk(fbText.replace(/\n/g, '\r\n'), FB_SAMPLE);
    expect(got.description).toEqual(d);
    expect(got.warnings).toEqual(fb.warnings);
  });

  it('with non-breaking spaces, tabs and runs of spaces', () => {
    const noisy = lines(fbText)
      .map((l, i) =>
        i % 3 === 0
          ? l.replace(/ /g, '\u00a0')
          : i % 3 === 1
            ? l.replace(/ /g, ' \t ')
            : `\u00a0${l}  `,
      )
      .join('\n');
    same(noisy);
  });

  it.each([
    ['☑', '□'],
    ['✔', '☐'],
    ['■', '□'],
    ['[x]', '[ ]'],
    ['[X]', '[]'],
  ])('with ticks %s and %s', (ticked, unticked) => {
    same(fbText.replace(/☒/g, ticked).replace(/☐/g, unticked));
  });

  it.each([60, 45])('with lines wrapped again at %i characters', (width) => {
    same(rewrapLines(withoutBlankLines(fbText), width));
  });

  it('with a compound wrapped after its hyphen, and an elliptic compound wrapped before "en"', () => {
    same(
      replaceLines(fbText, {
        '‒ Gaat actief op zoek naar collega’s uit andere afdelingen met het oog op informatie-uitwisseling.':
          [
            '‒ Gaat actief op zoek naar collega’s uit andere afdelingen met het oog op informatie-',
            'uitwisseling.',
          ],
        '‒ Kan een verslag opmaken (kop- en voettekst, alinea, paginanummering, opsomming,…).': [
          '‒ Kan een verslag opmaken (kop-',
          'en voettekst, alinea, paginanummering, opsomming,…).',
        ],
      }),
    );
  });

  it('with level number, box and first indicator on one line (PDF extraction)', () => {
    const src = lines(withoutBlankLines(fbText)).map((l) => l.trim());
    const out: string[] = [];
    for (let i = 0; i < src.length; i++) {
      const [a, b, c] = [src[i] ?? '', src[i + 1] ?? '', src[i + 2] ?? ''];
      if (/^[0-3]$/.test(a) && /^[☐☒]$/.test(b) && c.startsWith('‒')) {
        out.push(`${a} ${b} ${c}`);
        i += 2;
      } else out.push(a);
    }
    expect(out.length).toBeLessThan(src.length - 200);
    same(out.join('\n'));
  });

  it('with each box before its level number (another column order)', () => {
    const src = lines(withoutBlankLines(fbText));
    for (let i = 0; i + 1 < src.length; i++) {
      if (/^\s*[0-3]\s*$/.test(src[i] ?? '') && /^\s*[☐☒]\s*$/.test(src[i + 1] ?? '')) {
        [src[i], src[i + 1]] = [src[i + 1] ?? '', src[i] ?? ''];
        i++;
      }
    }
    same(src.join('\n'));
  });

  it('with box, level number and first indicator on one line, box first', () => {
    const src = lines(withoutBlankLines(fbText)).map((l) => l.trim());
    const out: string[] = [];
    for (let i = 0; i < src.length; i++) {
      const [a, b, c] = [src[i] ?? '', src[i + 1] ?? '', src[i + 2] ?? ''];
      if (/^[0-3]$/.test(a) && /^[☐☒]$/.test(b) && c.startsWith('‒')) {
        out.push(`${b} ${a} ${c.replace(/^‒\s*/, '')}`);
        i += 2;
      } else out.push(a);
    }
    same(out.join('\n'));
  });

  it('with cluster name and "Keuze niveau en duiding" in separate cells (Word table)', () => {
    same(
      lines(fbText)
        .flatMap((l) => {
          const m = /^(.+?) Keuze niveau en duiding\s*$/.exec(l);
          return m ? [m[1] ?? '', 'Keuze niveau en duiding'] : [l];
        })
        .join('\n'),
    );
  });

  it('with other spellings of the headings', () => {
    same(
      replaceLines(fbText, {
        'I. Algemeen': 'I ALGEMEEN',
        'Doel van de functie': 'DOEL VAN DE FUNCTIE:',
        'II. Inhoudelijke taakafspraken': 'II Inhoudelijke Taakafspraken',
        'Functionele loopbaan: B1-B3': 'Functionele loopbaan :   B1-B3',
        'Afdeling: Algemeen beheer': ['Afdeling', 'Algemeen beheer'],
        'III. Competenties': '3. COMPETENTIES',
        'BLOK 1: TECHNISCHE COMPETENTIES': 'Blok 1 – Technische competenties',
        'BLOK 2: GEDRAGSCOMPETENTIES': 'blok 2 - Gedragscompetenties',
        'Wetgeving Keuze niveau en duiding': 'Wetgeving   keuze Niveau en Duiding',
        'Taakafspraak 2: Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.':
          'TAAKAFSPRAAK 2 - Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
        'Taakafspraak 3: Behartigt de werking van de eigen dienst.':
          'Taakafspraak 3 – Behartigt de werking van de eigen dienst.',
      }),
    );
  });

  it('without "Functienaam:", taking the title from the page footer', () => {
    same(replaceLines(fbText, { 'Functienaam: Deskundige ICT': [] }));
  });

  it('with another organisation’s footer in the middle of an indicator and of a name', () => {
    const herent = 'Gemeente Herent   Functiebeschrijving deskundige ICT   Pagina 3 van 9';
    const text = replaceLines(fbText, {
      [FOOTER]: [],
      'Kennis van de wetgeving m.b.t. de': ['Kennis van de wetgeving m.b.t. de', herent],
      '‒ Kent de wettelijke bevoegdheden van het college van burgemeester en schepenen, het vast bureau, de':
        [
          '‒ Kent de wettelijke bevoegdheden van het college van burgemeester en schepenen, het vast bureau, de',
          '',
          `  ${herent.replace('3 van 9', '4 van 9')}`,
        ],
    });
    expectSameContent(text, { ...d, organisation: 'Gemeente Herent' }, fb.warnings);
  });

  it('keeps a wrapped line that starts with a number and a capital inside its indicator', () => {
    const text = replaceLines(fbText, {
      '‒ Kan een project plannen, opstarten, opvolgen en afwerken.': [
        '‒ Kan een project plannen, opstarten, opvolgen en afwerken, ook',
        '3 ICT-projecten tegelijk.',
      ],
    });
    const expected = d.competencies.map((c) =>
      c.name !== 'Projectmatig werken'
        ? c
        : {
            ...c,
            indicators: c.indicators.map((i) =>
              i.startsWith('Kan een project plannen')
                ? 'Kan een project plannen, opstarten, opvolgen en afwerken, ook 3 ICT-projecten tegelijk.'
                : i,
            ),
            levels: c.levels.map((l) => ({
              ...l,
              indicators: l.indicators.map((i) =>
                i.startsWith('Kan een project plannen')
                  ? 'Kan een project plannen, opstarten, opvolgen en afwerken, ook 3 ICT-projecten tegelijk.'
                  : i,
              ),
            })),
          },
    );
    expectSameContent(text, { ...d, competencies: expected }, fb.warnings);
  });

  it('keeps wrapped lines that read like a heading or an approval inside their indicator', () => {
    const text = replaceLines(fbText, {
      '‒ Heeft voldoende kennis om anderen te helpen.': [
        '‒ Heeft voldoende kennis om anderen te helpen met',
        'competenties',
      ],
      '‒ Kent de procedures in detail en kan ze plaatsen in de bredere context.': [
        '‒ Kent de procedures die door de raad zijn',
        'vastgesteld op 9 februari 2023 en kan ze plaatsen in de bredere context.',
      ],
    });
    const expected = JSON.parse(
      JSON.stringify(d)
        .replaceAll(
          'Heeft voldoende kennis om anderen te helpen.',
          'Heeft voldoende kennis om anderen te helpen met competenties',
        )
        .replaceAll(
          'Kent de procedures in detail en kan ze plaatsen in de bredere context.',
          'Kent de procedures die door de raad zijn vastgesteld op 9 februari 2023 en kan ze plaatsen in de bredere context.',
        ),
    ) as FunctionDescription;
    expectSameContent(text, expected, fb.warnings);
  });

  it('with a running page header and a footer split over two lines', () => {
    const header = 'Functiebeschrijving deskundige ICT';
    const text = replaceLines(fbText, {
      [FOOTER]: ['Stad Tienen   Functiebeschrijving deskundige ICT', 'Pagina 16 van 16'],
      'Kennis van de wetgeving m.b.t. de': ['Kennis van de wetgeving m.b.t. de', header],
      '‒ Heeft een uitgebreide kennis van het Decreet Lokaal Bestuur en van het administratief recht.':
        [
          header,
          '‒ Heeft een uitgebreide kennis van het Decreet Lokaal Bestuur en van het administratief recht.',
        ],
      '‒ Evalueert regelmatig of de opdrachten op tijd kunnen afgewerkt worden en onderneemt acties als er bijsturingen':
        [
          '‒ Evalueert regelmatig of de opdrachten op tijd kunnen afgewerkt worden en onderneemt acties als er bijsturingen',
          'Pagina 12 van 16',
          `  ${header.toUpperCase()}  `,
        ],
    });
    same(text);
  });

  it('with indicators that lost their bullets (a PDF without bullet glyphs)', () => {
    const src = lines(withoutBlankLines(fbText));
    const start = src.findIndex((l) => l.trim() === 'III. Competenties');
    const text = src
      .map((l, i) =>
        i > start
          ? l.replace(/^(\s*(?:[0-3]\s+)?(?:[☐☒]\s+)?)‒\s*/, '$1').replace(' 0 ‒ ', ' 0 ')
          : l,
      )
      .join('\n');
    expect(text).not.toMatch(/Competenties[^]*‒/);
    same(text);
  });

  it('with levels written "Niveau n" and a typed X for the ticked level (others left empty)', () => {
    const text = lines(fbText)
      .map((l) =>
        l
          .replace(/^\s*([0-3])\s*$/, 'Niveau $1:')
          .replace(/^\s*☒\s*$/, 'X')
          .replace(/^\s*☐\s*$/, ''),
      )
      .join('\n');
    same(text);
  });

  it('with a definition under some competency names, and a colon after a name', () => {
    const text = replaceLines(fbText, {
      Tekstverwerking: [
        'Tekstverwerking:',
        'Teksten opmaken met een tekstverwerker. Ook sjablonen',
        'gebruiken.',
      ],
      'Kennis van de wetgeving m.b.t. de': 'Kennis van de wetgeving m.b.t. de',
      gemeente: ['gemeente', 'Het Decreet Lokaal Bestuur kennen.'],
    });
    const definitions: Record<string, string> = {
      Tekstverwerking: 'Teksten opmaken met een tekstverwerker. Ook sjablonen gebruiken.',
      'Kennis van de wetgeving m.b.t. de gemeente': 'Het Decreet Lokaal Bestuur kennen.',
    };
    expectSameContent(
      text,
      {
        ...d,
        competencies: d.competencies.map((c) => ({
          ...c,
          definition: definitions[c.name] ?? null,
        })),
      },
      fb.warnings,
    );
  });

  it('with the approval among the general data at the top', () => {
    const text = replaceLines(fbText, {
      'Goedkeuring besluit algemeen directeur van 9 februari 2023.': [],
      'Functionele loopbaan: B1-B3': [
        'Functionele loopbaan: B1-B3',
        'Goedgekeurd door het college van burgemeester en schepenen op 3 mrt. 2022',
      ],
    });
    expectSameContent(
      text,
      {
        ...d,
        approval: {
          approvedBy: 'college van burgemeester en schepenen',
          decisionDate: '2022-03-03',
        },
      },
      fb.warnings,
    );
  });

  it('with another approval body and a numeric date', () => {
    const text = replaceLines(fbText, {
      'Goedkeuring besluit algemeen directeur van 9 februari 2023.':
        'Vastgesteld bij besluit van de gemeenteraad van 12/01/2021',
    });
    expectSameContent(
      text,
      { ...d, approval: { approvedBy: 'gemeenteraad', decisionDate: '2021-01-12' } },
      fb.warnings,
    );
  });

  it('with invented competency and cluster names, also wrapped and on a level line', () => {
    const text = replaceLines(fbText, {
      'PC-vaardigheden Keuze niveau en duiding': 'Luchtkastelen Keuze niveau en duiding',
      Tekstverwerking: 'Zeepbellen blazen',
      'Kennis van de wetgeving m.b.t. de': 'Regenbogen ontwarren volgens de',
      gemeente: 'maankalender',
      'Relatie – netwerking 0 ‒ N.v.t.': 'Wolken – tellen 0 ‒ N.v.t.',
      'Procedures, werkmiddelen en werking': 'e-Loket van de',
      'eigen aan de opdracht': 'sterrenwacht bedienen',
      Klantgerichtheid: 'Rekenen tot 3 en terug',
    });
    const rename: Record<string, string> = {
      Tekstverwerking: 'Zeepbellen blazen',
      'Kennis van de wetgeving m.b.t. de gemeente': 'Regenbogen ontwarren volgens de maankalender',
      'Relatie – netwerking': 'Wolken – tellen',
      'Procedures, werkmiddelen en werking eigen aan de opdracht':
        'e-Loket van de sterrenwacht bedienen',
      Klantgerichtheid: 'Rekenen tot 3 en terug',
    };
    const expected: FunctionDescription = {
      ...d,
      competencies: d.competencies.map((c) => ({
        ...c,
        name: rename[c.name] ?? c.name,
        cluster: c.cluster === 'PC-vaardigheden' ? 'Luchtkastelen' : c.cluster,
      })),
    };
    expectSameContent(text, expected, fb.warnings);
  });
});

describe('a functieprofiel in other shapes', () => {
  const same = (text: string): void => expectSameContent(text, fp.description, fp.warnings);

  it('without blank lines', () => same(withoutBlankLines(fpText)));
  it('with one bullet for both names and indicators', () => {
    same(
      lines(fpText)
        .map((l) => l.replace(/^\s*[-–]\s+(?=\p{Lu})/u, '• '))
        .join('\n'),
    );
  });

  it('with Windows line endings', () => same(fpText.replace(/\n/g, '\r\n')));
  it('with non-breaking spaces', () => same(fpText.replace(/ /g, '\u00a0')));
  it.each([60, 45])('with lines wrapped again at %i characters', (width) => {
    same(rewrapLines(withoutBlankLines(fpText), width));
  });
});

// ── the same content written out again in other shapes ─────────────────────────────────────

const INVENTED_A = [
  'Zeepbellen',
  'Wolken',
  'Regenbogen',
  'Kastelen',
  'Vlinders',
  'Schelpen',
  'Ballonnen',
];
const INVENTED_B = ['blazen', 'tellen', 'ontwarren', 'bouwen', 'vangen', 'sorteren'];

/**
 * Distinct invented names; every fourth is long enough to wrap, some carry a dash or a digit.
 * `tail` ends the long ones: in a functiebeschrijving a wrapped name may even continue with a
 * capital ("Noordzee"), because the name runs up to level 0. In a functieprofiel nothing marks
 * where a name ends and its definition starts except that capital (see docs/importer.md).
 */
function invented(i: number, tail: string): string {
  const base = `${INVENTED_A[i % INVENTED_A.length]} ${INVENTED_B[Math.floor(i / INVENTED_A.length) % INVENTED_B.length]}`;
  if (i % 4 === 0)
    return `${base} volgens de regels van de maankalender en de getijden van de ${tail}`;
  if (i % 5 === 1) return `${base} – met beleid`;
  if (i % 7 === 2) return `${base} tot 3 keer`;
  return base;
}

function renamed(d: FunctionDescription, tail = 'Noordzee'): FunctionDescription {
  const clusters = [...new Set(d.competencies.map((c) => c.cluster))];
  return {
    ...d,
    competencies: d.competencies.map((c, i) => ({
      ...c,
      name: invented(i, tail),
      cluster:
        c.cluster === null
          ? null
          : `Cluster ${INVENTED_A[clusters.indexOf(c.cluster) % INVENTED_A.length]}`,
    })),
  };
}

describe('re-rendered functiebeschrijving', () => {
  const d = fb.description;
  // The rendering writes the Verruimende bepaling back, so its warning (kept, no own field) is the
  // seed's one warning.
  const check = (doc: FunctionDescription, text: string): void =>
    expectSameContent(text, doc, fb.warnings);

  it.each([
    ['width 60, blank lines between lines', { width: 60, blankLines: true }],
    ['width 140, no blank lines', { width: 140 }],
    [
      'width 50, levels inline, ticks ✔/□, bullet "–"',
      { width: 50, levelsInline: true, ticked: '✔', unticked: '□', bullet: '–' },
    ],
    [
      'width 72, clusters in two cells, "[x]" ticks, CRLF',
      {
        width: 72,
        clusterMarkerOwnLine: true,
        ticked: '[x]',
        unticked: '[ ]',
        eol: '\r\n' as const,
      },
    ],
  ])('%s', (_name, options) => check(d, renderFunctiebeschrijving(d, options)));

  it('with a footer of another city every 23 lines, wherever it falls', () => {
    const text = renderFunctiebeschrijving(d, {
      width: 60,
      footer: { organisation: 'Gemeente Herent', every: 23 },
    });
    expect(text.match(/Gemeente Herent/g)?.length).toBeGreaterThan(20);
    check({ ...d, organisation: 'Gemeente Herent' }, text);
  });

  it.each([40, 60, 140])('with invented names and clusters at width %i', (width) => {
    const doc = renamed(d);
    check(doc, renderFunctiebeschrijving(doc, { width }));
  });

  it.each([40, 60])('with invented names, levels inline at width %i', (width) => {
    const doc = renamed(d);
    check(doc, renderFunctiebeschrijving(doc, { width, levelsInline: true }));
  });
});

describe('re-rendered functieprofiel', () => {
  const d = fp.description;
  const check = (doc: FunctionDescription, text: string): void => expectSameContent(text, doc, []);

  it.each([40, 60, 140])('at width %i', (width) => check(d, renderFunctieprofiel(d, { width })));

  it.each([40, 60, 140])('with invented names at width %i', (width) => {
    const doc = renamed(d, 'zee');
    check(doc, renderFunctieprofiel(doc, { width, blankLines: width === 60 }));
  });
});

describe('hand-written documents of other cities', () => {
  it.each(['functiebeschrijving-gemeente-herent', 'functieprofiel-stad-leuven'])(
    '%s parses to its expected object',
    (name) => {
      // Written as version 1 of the format: read through the migration like any JSON file.
      const expected = functionDescriptionSchema.parse(
        JSON.parse(readFixture(`${name}.expected.json`)),
      );
      const got = parseOk(readFixture(`${name}.txt`), `${name}.txt`);
      expect(got.description).toEqual(expected);
    },
  );

  it('reports what it did not take over from the Herent document', () => {
    const r = parseDocument(readFixture('functiebeschrijving-gemeente-herent.txt'), 'herent.txt');
    expect(r.ok && r.warnings).toEqual([
      {
        file: 'herent.txt',
        line: 10,
        message: "gegeven 'Standplaats' heeft geen veld en is niet overgenomen",
      },
      { file: 'herent.txt', line: 31, message: expect.stringMatching(/Verruimende bepaling/) },
    ]);
  });
});
