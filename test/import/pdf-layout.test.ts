import fc from 'fast-check';
import { layoutText, type PdfItem, type PdfPage } from '../../src/import/pdf-layout';

/** The PDF text rebuilt from item positions, on hand-placed items and on arbitrary ones. */

const H = 10;
const item = (s: string, x: number, y: number): PdfItem => ({ s, x, y, w: s.length * 5, h: H });
const page = (items: PdfItem[]): PdfPage => ({ width: 595, height: 842, items });

describe('lines and cells by position', () => {
  it('puts items in reading order by y then x, whatever their order in the file', () => {
    const laid = layoutText([
      page([item('tweede regel', 56, 120), item('eerste', 56, 100), item('regel', 90, 100)]),
    ]);
    expect(laid.text).toBe('eerste regel\ntweede regel');
  });

  it('keeps a dash column detached from its items with the items', () => {
    const laid = layoutText([
      page([
        item('‒', 56, 100),
        item('Houdt de registers bij.', 70, 100),
        item('‒', 56, 112),
        item('Plant.', 70, 112),
      ]),
    ]);
    expect(laid.text).toBe('‒ Houdt de registers bij.\n‒ Plant.');
  });

  it('writes a table cell after cell, a wrapped cell as one line', () => {
    const laid = layoutText([
      page([
        item('Functionele', 60, 100),
        item('B1-B3', 200, 100),
        item('loopbaan', 60, 111),
        item('Graad', 60, 130),
        item('Deskundige', 200, 130),
      ]),
    ]);
    expect(laid.text).toBe('Functionele loopbaan\nB1-B3\nGraad\nDeskundige');
  });

  it('drops a footer and a header at the same place on most pages, and names each line’s page', () => {
    const pages = [1, 2, 3].map((n) =>
      page([
        item('Stad X – functiebeschrijving', 56, 40),
        item(`Tekst van pagina ${n}.`, 56, 300),
        item(`Pagina ${n} van 3`, 56, 800),
      ]),
    );
    expect(layoutText(pages)).toEqual({
      text: 'Tekst van pagina 1.\nTekst van pagina 2.\nTekst van pagina 3.',
      pageOfLine: [1, 2, 3],
    });
  });
});

describe('arbitrary items', () => {
  const arbitraryItem = fc.record({
    s: fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'B', ' ', '\n', '‒', '☒', '1') }),
    x: fc.double({ min: -50, max: 700, noNaN: true }),
    y: fc.double({ min: -50, max: 900, noNaN: true }),
    w: fc.double({ min: 0, max: 300, noNaN: true }),
    h: fc.double({ min: 0, max: 30, noNaN: true }),
  });
  const arbitraryPage = fc.record({
    width: fc.constant(595),
    height: fc.constant(842),
    items: fc.array(arbitraryItem, { maxLength: 40 }),
  });

  it('never throw, and give every line a page of the document', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPage, { maxLength: 4 }), (pages) => {
        const laid = layoutText(pages);
        const lines = laid.text === '' ? [] : laid.text.split('\n');
        expect(laid.pageOfLine).toHaveLength(lines.length);
        for (const p of laid.pageOfLine) {
          expect(p).toBeGreaterThanOrEqual(1);
          expect(p).toBeLessThanOrEqual(pages.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
