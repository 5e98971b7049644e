import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

/** Document fixtures built in the test, so that no binary test file has to be trusted or kept. */

export const SEED_FILES = [
  'functiebeschrijving-deskundige-ict.txt',
  'functieprofiel-leidinggevende.txt',
] as const;

export function readSeed(file: string): string {
  return readFileSync(join(__dirname, '..', '..', 'src', 'samples', file), 'utf8');
}

/**
 * pdfkit's built-in fonts are WinAnsi only: ☒, ☐ and the minus/figure dashes would come out as
 * other glyphs. DejaVu Sans has them all, and ships as an npm package, so CI needs no font install.
 */
export const PDF_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

export function docxOf(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return Packer.toBuffer(doc);
}

/** One `text()` call per line: pdfkit wraps a long line at the page width, as Word does. */
export function pdfOf(
  pages: readonly (readonly string[])[],
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, ...options });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('body', PDF_FONT);
    pdf.font('body').fontSize(11);
    pages.forEach((lines, i) => {
      if (i > 0) pdf.addPage();
      for (const line of lines) pdf.text(line);
    });
    pdf.end();
  });
}
