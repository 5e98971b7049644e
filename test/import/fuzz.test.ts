import fc from 'fast-check';
import { functionDescriptionSchema } from '../../src/domain/schema';
import { parseDocument } from '../../src/import/parse';
import { readSeed, SEED_FILES } from './document-fixtures';

/**
 * Damaged documents must never crash the importer: they import, or they are refused with reasons
 * a person can act on. Each run draws new cases; a failure prints the seed and path to replay it.
 */

const seeds = SEED_FILES.map((file) => ({ file, text: readSeed(file) }));

/** Characters that matter to the parser, plus some that never should. */
const noise = fc.constantFrom(
  '☒',
  '☐',
  '‒',
  '−',
  '–',
  '-',
  ':',
  '.',
  ' ',
  '\n',
  '\t',
  '0',
  '1',
  '2',
  '3',
  'a',
  'Z',
  'ë',
  '’',
  'BLOK',
  'Niveau',
  'Taakafspraak',
  '\u00a0',
  '\u200b',
  '😀',
  '\ufffd',
);

type Mutation = (lines: string[]) => string[];

const truncate: fc.Arbitrary<Mutation> = fc
  .double({ min: 0, max: 1, noNaN: true })
  .map((at) => (lines) => {
    const text = lines.join('\n');
    return text.slice(0, Math.floor(text.length * at)).split('\n');
  });

const deleteLines: fc.Arbitrary<Mutation> = fc
  .array(fc.nat(), { minLength: 1, maxLength: 40 })
  .map((picks) => (lines) => {
    const drop = new Set(picks.map((p) => p % Math.max(1, lines.length)));
    return lines.filter((_, i) => !drop.has(i));
  });

const duplicateLines: fc.Arbitrary<Mutation> = fc
  .array(fc.nat(), { minLength: 1, maxLength: 20 })
  .map((picks) => (lines) => {
    const out = [...lines];
    for (const p of picks) {
      const i = p % Math.max(1, out.length);
      out.splice(i, 0, out[i] ?? '');
    }
    return out;
  });

const mutateChars: fc.Arbitrary<Mutation> = fc
  .array(fc.tuple(fc.nat(), fc.oneof(noise, fc.string({ maxLength: 3 })), fc.boolean()), {
    minLength: 1,
    maxLength: 30,
  })
  .map((edits) => (lines) => {
    let text = lines.join('\n');
    for (const [p, s, replace] of edits) {
      const i = p % Math.max(1, text.length);
      text = text.slice(0, i) + s + text.slice(replace ? i + 1 : i);
    }
    return text.split('\n');
  });

const mutations = fc.array(fc.oneof(truncate, deleteLines, duplicateLines, mutateChars), {
  minLength: 1,
  maxLength: 4,
});

/** An issue text a user can read: words, not a stack trace or a JavaScript value. */
function isReadableDutch(message: string): boolean {
  return (
    /[a-zà-ÿ]{3,}/i.test(message) &&
    !/\b(undefined|NaN|TypeError|RangeError|Cannot read|is not a function|\[object Object\])/.test(
      message,
    )
  );
}

describe('parseDocument on damaged seeds', () => {
  it.each(seeds)('never throws on $file: valid object or readable reasons', ({ file, text }) => {
    fc.assert(
      fc.property(mutations, (ms) => {
        const damaged = ms.reduce((lines, m) => m(lines), text.split('\n')).join('\n');
        const lineCount = damaged.split('\n').length;
        const result = parseDocument(damaged, file);
        if (result.ok) {
          expect(functionDescriptionSchema.safeParse(result.description).success).toBe(true);
          for (const w of result.warnings) expect(w.message.trim()).not.toBe('');
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(e.file).toBe(file);
            expect(isReadableDutch(e.message)).toBe(true);
            // A line number must point into the document the user has.
            if (e.line !== null) {
              expect(Number.isInteger(e.line)).toBe(true);
              expect(e.line).toBeGreaterThanOrEqual(1);
              expect(e.line).toBeLessThanOrEqual(lineCount);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        const result = parseDocument(text, 'willekeurig.txt');
        if (result.ok)
          expect(functionDescriptionSchema.safeParse(result.description).success).toBe(true);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
