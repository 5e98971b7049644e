import { chooseLayout, LAYOUTS } from '../../src/import/layouts';
import type { ScannedDocument } from '../../src/import/layouts/layout';
import type { SectionKind } from '../../src/import/parse-sections';
import type { SourceLine } from '../../src/import/parse-text';
import { FB_SAMPLE, parseOk, readSample } from './fixtures/parse-helpers';

/**
 * The layout registry (src/import/layouts/): which layout reads a document, and the rules a newly
 * registered layout has to keep so that the others still read theirs.
 */

function scanned(
  sections: Partial<Record<SectionKind, string[]>>,
  headingWord: string | null = null,
): ScannedDocument {
  const linesOf = (kind: SectionKind): SourceLine[] =>
    (sections[kind] ?? []).map((text, i) => ({ text, line: i + 1 }));
  return {
    sections: Object.keys(sections).map((k) => ({
      kind: k as SectionKind,
      line: 1,
      lines: linesOf(k as SectionKind),
    })),
    heading: headingWord === null ? null : { word: headingWord, text: 'Deskundige' },
    has: (kind) => sections[kind] !== undefined,
    linesOf,
  };
}

describe('choosing the layout', () => {
  it('without a cover heading: task agreements, "Algemeen" or level tables make a functiebeschrijving', () => {
    expect(chooseLayout(scanned({ taken: ['Taakafspraak 1: x'] })).kind).toBe(
      'functiebeschrijving',
    );
    expect(chooseLayout(scanned({ algemeen: ['Afdeling: x'] })).kind).toBe('functiebeschrijving');
    expect(chooseLayout(scanned({ competenties: ['Integriteit', '0 ☐ ‒ N.v.t.'] })).kind).toBe(
      'functiebeschrijving',
    );
  });

  it('without a cover heading or those sections: a functieprofiel', () => {
    const doc = scanned({ doel: ['Leidt het team.'], competenties: ['• Integriteit'] });
    expect(chooseLayout(doc).kind).toBe('functieprofiel');
  });

  it('the cover heading decides over the sections', () => {
    const shapedLikeFb = { taken: ['Taakafspraak 1: x'], competenties: ['0 ☐ ‒ N.v.t.'] };
    expect(chooseLayout(scanned(shapedLikeFb, 'FUNCTIEPROFIEL')).kind).toBe('functieprofiel');
    expect(chooseLayout(scanned({ doel: ['x'] }, 'functiebeschrijving')).kind).toBe(
      'functiebeschrijving',
    );
  });

  it('a functiebeschrijving headed "Functieprofiel" keeps its level tables, titled by its heading', () => {
    const text = readSample(FB_SAMPLE);
    const fb = parseOk(text, FB_SAMPLE).description;
    const renamed = text.replace('FUNCTIEBESCHRIJVING DESKUNDIGE', 'FUNCTIEPROFIEL DESKUNDIGE');
    const got = parseOk(renamed, 'renamed.txt').description;
    expect(got.kind).toBe('functieprofiel');
    expect(got.title).toBe('Deskundige ict');
    expect(got.competencies).toEqual(fb.competencies);
    expect(got.resultAreas).toEqual(fb.resultAreas);
  });
});

describe('the registry', () => {
  it('names every layout and cover word once', () => {
    const names = LAYOUTS.map((l) => l.name);
    const words = LAYOUTS.map((l) => l.coverWord.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(LAYOUTS.map((l) => [l.name, l] as const))(
    'a cover heading with its word, in any case, chooses %s',
    (_name, layout) => {
      for (const word of [layout.coverWord, layout.coverWord.toUpperCase()]) {
        expect(chooseLayout(scanned({ doel: ['x'] }, word))).toBe(layout);
      }
    },
  );

  it('ends with a layout that recognises any document, so every document has one', () => {
    expect(LAYOUTS.at(-1)?.recognises(scanned({}))).toBe(true);
  });
});
