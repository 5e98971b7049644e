import fc from 'fast-check';
import { functionDescriptionSchema } from '../../src/domain/schema';
import { formatIssue } from '../../src/import/issues';
import { parseDocument } from '../../src/import/parse';
import {
  allIndicators,
  allStrings,
  FB_SAMPLE,
  FP_SAMPLE,
  parseErrors,
  parseOk,
  readSample,
} from './fixtures/parse-helpers';

/** Documents the parser must refuse, with the line and a Dutch reason, and never a crash. */

const fbText = readSample(FB_SAMPLE);
const fpText = readSample(FP_SAMPLE);
const fbLines = fbText.split('\n');
const fpLines = fpText.split('\n');
const full = parseOk(fbText, FB_SAMPLE).description;

/** 0-based index of the first line at or after `from` whose trimmed text satisfies `test`. */
function findLine(lines: readonly string[], test: (t: string) => boolean, from = 0): number {
  const i = lines.findIndex((l, n) => n >= from && test(l.trim()));
  if (i < 0) throw new Error('regel niet gevonden in het voorbeeld');
  return i;
}

/** The document cut just before the 0-based line `at`. */
function cutBefore(lines: readonly string[], at: number): string {
  return lines.slice(0, at).join('\n');
}

function withLine(lines: readonly string[], at: number, text: string): string {
  return lines.map((l, i) => (i === at ? text : l)).join('\n');
}

describe('empty and foreign documents', () => {
  it.each([
    ['an empty file', ''],
    ['only white space', '  \n\n\u00a0\t\n \r\n'],
  ])('refuses %s as "leeg document"', (_what, text) => {
    expect(parseDocument(text, 'leeg.txt')).toEqual({
      ok: false,
      errors: [{ file: 'leeg.txt', line: null, message: expect.stringMatching(/^leeg document/) }],
    });
  });

  it('refuses text that is not a function description', () => {
    const text = [
      'Notulen van de vergadering van 3 maart',
      'Aanwezig: Jan, Piet, Mieke',
      '- Het budget voor 2024 is goedgekeurd.',
      '- Volgende vergadering: 7 april.',
    ].join('\n');
    const errors = parseErrors(text, 'notulen.txt');
    expect(errors).toEqual([
      {
        file: 'notulen.txt',
        line: null,
        message: expect.stringMatching(/geen functiebeschrijving of functieprofiel/),
      },
    ]);
  });
});

describe('tick boxes', () => {
  const name = findLine(fbLines, (t) => t === 'Integriteit');
  const ticked = findLine(fbLines, (t) => t === '☒', name);
  const lastUnticked = findLine(fbLines, (t) => t === '☐', ticked + 1);

  it('refuses a competency without a ticked level, on the line of its name', () => {
    const errors = parseErrors(withLine(fbLines, ticked, '☐'), FB_SAMPLE);
    expect(errors).toEqual([
      {
        file: FB_SAMPLE,
        line: name + 1,
        message: "competentie 'Integriteit' heeft geen aangevinkt niveau",
      },
    ]);
    expect(formatIssue(errors[0]!)).toBe(
      `${FB_SAMPLE}: regel ${name + 1}: competentie 'Integriteit' heeft geen aangevinkt niveau`,
    );
  });

  it('refuses a competency with two ticked levels, naming both', () => {
    const errors = parseErrors(withLine(fbLines, lastUnticked, '☒'), FB_SAMPLE);
    expect(errors).toEqual([
      {
        file: FB_SAMPLE,
        line: name + 1,
        message: expect.stringMatching(
          /^competentie 'Integriteit' heeft meer dan één aangevinkt niveau \(2 en 3\)/,
        ),
      },
    ]);
  });
});

describe('truncated documents', () => {
  const klant = findLine(fbLines, (t) => t === 'Klantgerichtheid');

  it('names the last competency when its levels were cut off', () => {
    const level2 = findLine(fbLines, (t) => t === '2', klant);
    const errors = parseErrors(cutBefore(fbLines, level2), FB_SAMPLE);
    expect(errors).toContainEqual({
      file: FB_SAMPLE,
      line: klant + 1,
      message: expect.stringMatching(/^competentie 'Klantgerichtheid' mist de niveaus 2 en 3/),
    });
  });

  it('names a competency whose name is the last line of the document', () => {
    const errors = parseErrors(cutBefore(fbLines, klant + 1), FB_SAMPLE);
    expect(errors).toEqual([
      {
        file: FB_SAMPLE,
        line: klant + 1,
        message: expect.stringMatching(/^competentie 'Klantgerichtheid' heeft geen niveaus/),
      },
    ]);
  });

  it('reports a level cut right after its box', () => {
    const level3 = findLine(fbLines, (t) => t === '3', klant);
    const errors = parseErrors(cutBefore(fbLines, level3 + 3), FB_SAMPLE);
    expect(errors).toEqual([
      {
        file: FB_SAMPLE,
        line: level3 + 1,
        message: "niveau 3 van competentie 'Klantgerichtheid' heeft geen omschrijving",
      },
    ]);
  });

  it('imports a description that is complete but has no competency section, with a warning', () => {
    // Some cities keep competencies apart: the document ends after a finished section.
    const at = findLine(fbLines, (t) => t === 'III. Competenties');
    const r = parseOk(cutBefore(fbLines, at), FB_SAMPLE);
    expect(r.description.competencies).toEqual([]);
    expect(r.warnings).toContainEqual({
      file: FB_SAMPLE,
      line: null,
      message: expect.stringMatching(/geen onderdeel 'Competenties'/),
    });
  });

  it('refuses a document that stops in the middle of a sentence, on that line', () => {
    const at = findLine(fbLines, (t) => t.startsWith('Verruimende bepaling'));
    const text = `${cutBefore(fbLines, at)}\nVerruimende bepaling: op vraag van de`;
    expect(parseErrors(text, FB_SAMPLE)).toEqual([
      {
        file: FB_SAMPLE,
        line: at + 1,
        message: expect.stringMatching(
          /^het document stopt midden in het onderdeel 'Verruimende bepaling'.*afgebroken/,
        ),
      },
    ]);
  });

  it('refuses a document that stops right after a heading', () => {
    const at = findLine(fbLines, (t) => t === 'III. Competenties');
    expect(parseErrors(cutBefore(fbLines, at + 1), FB_SAMPLE)[0]?.message).toMatch(
      /het onderdeel 'Competenties' (ontbreekt|bevat geen enkele competentie)|stopt na het kopje/,
    );
  });

  it('lists every missing section when cut before the task agreements', () => {
    const at = findLine(fbLines, (t) => t === 'II. Inhoudelijke taakafspraken');
    expect(parseErrors(cutBefore(fbLines, at), FB_SAMPLE)).toEqual([
      {
        file: FB_SAMPLE,
        line: null,
        message: expect.stringMatching(
          /^het document is onvolledig: de onderdelen 'Inhoudelijke taakafspraken' en 'Competenties' ontbreken/,
        ),
      },
    ]);
  });

  it('reports a functieprofiel cut inside a competency or before its competencies', () => {
    const coachen = findLine(fpLines, (t) => t === '• Coachen');
    const errors = parseErrors(cutBefore(fpLines, coachen + 4), FP_SAMPLE);
    expect(errors).toEqual([
      {
        file: FP_SAMPLE,
        line: coachen + 1,
        message: expect.stringMatching(/^competentie 'Coachen' heeft geen gedragsindicatoren/),
      },
    ]);
    // Cut before its competency heading, after a finished list: imported without competencies.
    const heading = findLine(fpLines, (t) => t === 'Competenties');
    expect(parseOk(cutBefore(fpLines, heading), FP_SAMPLE).warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/geen onderdeel 'Competenties'/) }),
    );
  });

  it('either refuses a cut anywhere in the competencies, or keeps an exact prefix of them', () => {
    const start = findLine(fbLines, (t) => t === 'III. Competenties');
    const end = findLine(fbLines, (t) => t.startsWith('Goedkeuring'));
    const names = new Set(full.competencies.map((c) => c.name));
    for (let at = start + 1; at < end; at++) {
      const r = parseDocument(cutBefore(fbLines, at), FB_SAMPLE);
      if (!r.ok) {
        // A refusal names a competency of the document (its name may be cut short too), or the
        // empty section, at a real line.
        const named = r.errors.some((e) => {
          const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
          return (
            [...names].some((n) => quoted !== '' && n.startsWith(quoted)) ||
            /Competenties/.test(e.message)
          );
        });
        expect({ at, named }).toEqual({ at, named: true });
        for (const e of r.errors)
          expect(e.line === null || (e.line >= 1 && e.line <= at)).toBe(true);
        continue;
      }
      const got = r.description.competencies;
      const n = got.length;
      expect(got.slice(0, n - 1)).toEqual(full.competencies.slice(0, n - 1));
      const last = got[n - 1]!;
      const whole = full.competencies[n - 1]!;
      expect({ ...last, levels: [], indicators: [] }).toEqual({
        ...whole,
        levels: [],
        indicators: [],
      });
      // Only the last level can be short: the cut fell among its indicators.
      expect(last.levels.slice(0, -1)).toEqual(whole.levels.slice(0, -1));
      const lastLevel = last.levels.at(-1)!.indicators;
      const wholeLevel = whole.levels.at(-1)!.indicators;
      expect(lastLevel.slice(0, -1)).toEqual(wholeLevel.slice(0, lastLevel.length - 1));
      expect(wholeLevel[lastLevel.length - 1]!.startsWith(lastLevel.at(-1)!)).toBe(true);
    }
  });
});

describe('any damage gives a result, never an exception', () => {
  const seeds = [
    { file: FB_SAMPLE, lines: fbLines },
    { file: FP_SAMPLE, lines: fpLines },
  ];
  const damage = fc.record({
    seed: fc.constantFrom(...seeds),
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    drop: fc.array(fc.nat(), { maxLength: 25 }),
    insert: fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          '☒',
          '☐',
          '0',
          '3',
          '‒',
          '• X',
          'BLOK 9:',
          'Taakafspraak',
          'Keuze niveau en duiding',
          'Pagina 1 van 2',
          'Goedkeuring',
          '',
        ),
      ),
      { maxLength: 10 },
    ),
  });

  it('returns a schema-valid description or readable Dutch errors with real line numbers', () => {
    fc.assert(
      fc.property(damage, ({ seed, cut, drop, insert }) => {
        const dropped = new Set(drop.map((d) => d % seed.lines.length));
        const lines = seed.lines.filter((_, i) => !dropped.has(i));
        for (const [at, text] of insert) lines.splice(at % (lines.length + 1), 0, text);
        const joined = lines.join('\n');
        const text = joined.slice(0, Math.floor(joined.length * cut));
        const r = parseDocument(text, seed.file);
        const lineCount = text.split('\n').length;
        if (r.ok) {
          expect(functionDescriptionSchema.safeParse(r.description).success).toBe(true);
          for (const t of allIndicators(r.description))
            expect(t).not.toMatch(/^[☐☒]|^[0-3]$|Pagina \d/);
          for (const { text: s } of allStrings(r.description)) expect(s).toBe(s.trim());
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.message).not.toMatch(/interne fout|undefined|NaN|\[object/);
            expect(e.line === null || (e.line >= 1 && e.line <= lineCount)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const r = parseDocument(text, 'willekeurig.txt');
        if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/interne fout/);
      }),
      { numRuns: 300 },
    );
  });
});
