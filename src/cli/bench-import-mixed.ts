import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocumentFromBuffer } from '../import/extract';
import { parseDocument } from '../import/parse';
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { round } from './bench-kit';

/**
 * Issue 13's import figure: a batch of mixed documents (.txt, .docx, .pdf) read from their bytes
 * as `npm run import` reads them — extraction (the PDF by position, in its worker thread) and
 * parsing — one after the other: documents per second and the slowest document. The documents
 * are the two samples in each format, made before timing starts (docx and pdfkit are dev tools;
 * the bench runs from the repository).
 */

const SEEDS = ['functiebeschrijving-deskundige-ict.txt', 'functieprofiel-leidinggevende.txt'];

export type BenchDocument = { fileName: string; bytes: Buffer };

export async function mixedDocuments(count: number): Promise<BenchDocument[]> {
  const font = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const samplesDir = join(__dirname, '..', 'samples');
  const kinds: BenchDocument[] = [];
  for (const seed of SEEDS) {
    const text = readFileSync(join(samplesDir, seed), 'utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    const base = seed.replace(/\.txt$/, '');
    kinds.push({ fileName: seed, bytes: Buffer.from(text, 'utf8') });
    const docx = new Document({
      sections: [{ children: lines.map((l) => new Paragraph(l)) }],
    });
    kinds.push({ fileName: `${base}.docx`, bytes: await Packer.toBuffer(docx) });
    kinds.push({
      fileName: `${base}.pdf`,
      bytes: await new Promise<Buffer>((resolve, reject) => {
        const pdf = new PDFDocument({ size: 'A4', margin: 56 });
        const chunks: Buffer[] = [];
        pdf.on('data', (c: Buffer) => chunks.push(c));
        pdf.on('end', () => resolve(Buffer.concat(chunks)));
        pdf.on('error', reject);
        pdf.registerFont('body', font);
        pdf.font('body').fontSize(11);
        for (const l of lines) pdf.text(l);
        pdf.end();
      }),
    });
  }
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length] as BenchDocument);
}

export async function readMixed(docs: readonly BenchDocument[]): Promise<Record<string, number>> {
  const times: number[] = [];
  const started = performance.now();
  for (const doc of docs) {
    const t0 = performance.now();
    const { text } = await extractDocumentFromBuffer(doc.bytes, doc.fileName);
    const result = parseDocument(text, doc.fileName);
    // Timing a document that fails would measure the error path, not the import.
    if (!result.ok) throw new Error(`${doc.fileName} does not import; fix the importer first`);
    times.push(performance.now() - t0);
  }
  const totalMs = performance.now() - started;
  return {
    importMixedDocuments: docs.length,
    importMixedDocsPerSecond: round(docs.length / (totalMs / 1000)),
    importMixedSlowestMs: round(Math.max(...times)),
  };
}
