import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExtractError,
  type ExtractErrorCode,
  extractText,
  extractTextFromBuffer,
} from '../../src/import/extract';
import { CheckBox, Document, Packer, Paragraph, TextRun } from 'docx';
import { docxOf, pdfOf } from './document-fixtures';

async function expectExtractError(
  promise: Promise<unknown>,
  code: ExtractErrorCode,
  message: RegExp,
): Promise<ExtractError> {
  const err: unknown = await promise.then(
    () => {
      throw new Error('expected an ExtractError, got text');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractError);
  const extractError = err as ExtractError;
  expect(extractError.code).toBe(code);
  expect(extractError.message).toMatch(message);
  return extractError;
}

describe('.txt', () => {
  const txt = (s: string | Buffer): Promise<string> =>
    extractTextFromBuffer(typeof s === 'string' ? Buffer.from(s, 'utf8') : s, 'doc.txt');

  it('keeps the lines, strips a UTF-8 BOM and turns CRLF and CR into LF', async () => {
    const text = await txt(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Eén\r\n\r\n☒ twee\rdrie\n')]),
    );
    expect(text).toBe('Eén\n\n☒ twee\ndrie\n');
  });

  it('reads UTF-16 with a byte order mark (Notepad "Unicode")', async () => {
    const body = Buffer.from('Functieprofiel\n☐ niveau', 'utf16le');
    expect(await txt(Buffer.concat([Buffer.from([0xff, 0xfe]), body]))).toBe(
      'Functieprofiel\n☐ niveau',
    );
  });

  it('rejects NUL bytes as binary content', async () => {
    await expectExtractError(
      txt(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41])),
      'binary',
      /geen tekstbestand \(binaire inhoud\)/,
    );
  });

  it('rejects control characters as binary content and says on which line', async () => {
    const err = await expectExtractError(
      txt('regel een\nregel twee\x07\n'),
      'binary',
      /binaire inhoud.*U\+0007/,
    );
    expect(err.line).toBe(2);
  });

  it('rejects text that is not UTF-8 and names the first bad line', async () => {
    // "café" in Windows-1252 on line 3.
    const err = await expectExtractError(
      txt(
        Buffer.concat([Buffer.from('een\ntwee\ncaf'), Buffer.from([0xe9]), Buffer.from('\nvier')]),
      ),
      'encoding',
      /geen geldige UTF-8-tekst.*UTF-8/,
    );
    expect(err.line).toBe(3);
  });

  it('rejects an empty or blank file', async () => {
    await expectExtractError(txt(''), 'empty', /leeg/);
    await expectExtractError(txt(' \n\n\t\n'), 'empty', /leeg/);
  });
});

describe('file names and the file system', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fw-extract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an unknown extension, with a hint for old .doc files', async () => {
    await expectExtractError(
      extractTextFromBuffer(Buffer.from('x'), 'profiel.rtf'),
      'unsupported-type',
      /'\.rtf'.*\.docx, \.pdf of \.txt/,
    );
    await expectExtractError(
      extractTextFromBuffer(Buffer.from('x'), 'profiel.doc'),
      'unsupported-type',
      /sla het op als \.docx/,
    );
    await expectExtractError(
      extractTextFromBuffer(Buffer.from('x'), 'profiel'),
      'unsupported-type',
      /zonder extensie/,
    );
  });

  it('reads the extension case-insensitively', async () => {
    const path = join(dir, 'PROFIEL.TXT');
    await writeFile(path, 'Functieprofiel\n');
    expect(await extractText(path)).toBe('Functieprofiel\n');
  });

  it('reports a missing file and a directory as such', async () => {
    await expectExtractError(
      extractText(join(dir, 'bestaat-niet.txt')),
      'not-found',
      /niet gevonden/,
    );
    await mkdir(join(dir, 'map.txt'));
    await expectExtractError(extractText(join(dir, 'map.txt')), 'unreadable', /map/);
  });
});

describe('.docx', () => {
  it('gives one line per paragraph, without blank lines in between', async () => {
    const text = await extractTextFromBuffer(
      await docxOf(['Doel van de functie', ' ☒ ‒ Houdt rekening', 'Eén – twee']),
      'a.docx',
    );
    expect(text.split('\n')).toEqual([
      'Doel van de functie',
      ' ☒ ‒ Houdt rekening',
      'Eén – twee',
      '',
    ]);
  });

  it('keeps an empty paragraph as one blank line', async () => {
    const text = await extractTextFromBuffer(await docxOf(['een', '', 'twee']), 'a.docx');
    expect(text).toBe('een\n\ntwee\n');
  });

  it('keeps a line break inside a paragraph as a line break, not glued words', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('Kennis van de wetgeving m.b.t. de'),
                new TextRun({ text: 'gemeente', break: 1 }),
              ],
            }),
          ],
        },
      ],
    });
    const text = await extractTextFromBuffer(await Packer.toBuffer(doc), 'a.docx');
    expect(text).toBe('Kennis van de wetgeving m.b.t. de\ngemeente\n');
  });

  it('renders Word checkbox controls as ☒ and ☐', async () => {
    const level = (checked: boolean, n: number): Paragraph =>
      new Paragraph({
        children: [
          new CheckBox({
            checked,
            checkedState: { value: '2612', font: 'MS Gothic' },
            uncheckedState: { value: '2610', font: 'MS Gothic' },
          }),
          new TextRun(` ${n} ‒ indicator`),
        ],
      });
    const doc = new Document({ sections: [{ children: [level(false, 1), level(true, 2)] }] });
    const text = await extractTextFromBuffer(await Packer.toBuffer(doc), 'a.docx');
    expect(text).toBe('☐ 1 ‒ indicator\n☒ 2 ‒ indicator\n');
  });

  it('writes a bullet before the items of a Word bullet list', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Dit omvat onder meer de volgende concrete taken:'),
            new Paragraph({ text: 'Werkt mee aan het beleid.', bullet: { level: 0 } }),
            new Paragraph({ text: 'Bereidt het beleid mee voor.', bullet: { level: 0 } }),
          ],
        },
      ],
    });
    const text = await extractTextFromBuffer(await Packer.toBuffer(doc), 'a.docx');
    expect(text.split('\n')).toEqual([
      'Dit omvat onder meer de volgende concrete taken:',
      '– Werkt mee aan het beleid.',
      '– Bereidt het beleid mee voor.',
      '',
    ]);
  });

  it('reports a corrupt or fake .docx cleanly', async () => {
    await expectExtractError(
      extractTextFromBuffer(Buffer.from('dit is geen zip'), 'a.docx'),
      'corrupt-docx',
      /geen geldig Word-document/,
    );
    const truncated = (await docxOf(['een', 'twee'])).subarray(0, 200);
    await expectExtractError(
      extractTextFromBuffer(truncated, 'a.docx'),
      'corrupt-docx',
      /beschadigd/,
    );
  });
});

describe('.pdf', () => {
  it('gives one text line per PDF line across pages, without page markers', async () => {
    const pdf = await pdfOf([
      ['Functieprofiel leidinggevende', '☐ 1 ‒ Kan', '☒ 2 − Houdt'],
      ['Pagina twee', 'Eén – laatste'],
    ]);
    const lines = (await extractTextFromBuffer(pdf, 'a.pdf'))
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines).toEqual([
      'Functieprofiel leidinggevende',
      '☐ 1 ‒ Kan',
      '☒ 2 − Houdt',
      'Pagina twee',
      'Eén – laatste',
    ]);
  });

  it('leaves the caller’s buffer intact', async () => {
    const pdf = await pdfOf([['een']]);
    const copy = Buffer.from(pdf);
    await extractTextFromBuffer(pdf, 'a.pdf');
    expect(pdf.equals(copy)).toBe(true);
  });

  it('reports a corrupt or fake PDF cleanly', async () => {
    await expectExtractError(
      extractTextFromBuffer(Buffer.from('%PDF-1.7\nrommel'), 'a.pdf'),
      'corrupt-pdf',
      /geen geldig PDF-bestand/,
    );
    const truncated = (await pdfOf([['een', 'twee']])).subarray(0, 300);
    await expectExtractError(extractTextFromBuffer(truncated, 'a.pdf'), 'corrupt-pdf', /PDF/);
  });

  it('reports a password-protected PDF as such', async () => {
    const pdf = await pdfOf([['geheim']], { userPassword: 'x', ownerPassword: 'y' });
    await expectExtractError(extractTextFromBuffer(pdf, 'a.pdf'), 'encrypted-pdf', /wachtwoord/);
  });

  it('reports a PDF without text (a scan) as empty', async () => {
    const pdf = await pdfOf([[]]);
    await expectExtractError(extractTextFromBuffer(pdf, 'a.pdf'), 'empty', /geen tekst.*scan/);
  });
});
