import { extractTextFromBuffer } from '../../src/import/extract';
import { parseDocument } from '../../src/import/parse';
import { docxOf, pdfOf, readSeed, SEED_FILES } from './document-fixtures';

/**
 * The same document as .txt, .docx and .pdf must import to the same interchange object. The
 * .docx has one paragraph per non-blank line of the .txt; the .pdf lets pdfkit wrap long lines at
 * the page width, so its line breaks fall elsewhere than in the .txt — as in a real PDF export.
 */

function parsedTxt(file: string) {
  const result = parseDocument(readSeed(file), file);
  if (!result.ok) throw new Error(`seed ${file} does not parse: ${JSON.stringify(result.errors)}`);
  return result.description;
}

const nonBlankLines = (text: string): string[] =>
  text.split(/\r?\n/).filter((line) => line.trim() !== '');

describe.each(SEED_FILES)('%s', (file) => {
  const base = file.replace(/\.txt$/, '');

  it('imports from .docx to the same object as from .txt', async () => {
    const docx = await docxOf(nonBlankLines(readSeed(file)));
    const text = await extractTextFromBuffer(docx, `${base}.docx`);
    const result = parseDocument(text, `${base}.docx`);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.description).toEqual(parsedTxt(file));
  });

  it('imports from .pdf (rewrapped at the page width) to the same object as from .txt', async () => {
    const pdf = await pdfOf([nonBlankLines(readSeed(file))]);
    const text = await extractTextFromBuffer(pdf, `${base}.pdf`);
    // The fixture is only worth something if the PDF really breaks lines elsewhere.
    expect(nonBlankLines(text).length).toBeGreaterThan(nonBlankLines(readSeed(file)).length);
    const result = parseDocument(text, `${base}.pdf`);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.description).toEqual(parsedTxt(file));
  });
});
