import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdfPagesInNode } from '../../src/import/extract-pdf';
import { importFile } from '../../src/import/import-file';
import { compileProfile, type LayoutProfile } from '../../src/import/profile';
import { parseFile } from '../../src/tab/features/import/parser/parse-file';
import { parseReplySchema } from '../../src/tab/features/import/parser/protocol';
import { refuseUnread } from '../../src/tab/features/import/parser/refuse-unread';
import { docxOf, pdfOf, readSeed, SEED_FILES } from './document-fixtures';

/*
 * The tab's Web Worker runs `parseFile` (src/tab/features/import/parser): the same bytes must give
 * the same result as `npm run import` reading them from disk (importFile), and survive the trip
 * through postMessage and the page's reply check unchanged. PDF pages are read with Node's
 * pdf.js reader here (jest cannot load pdfjs-dist's ES modules); the browser's reader is driven
 * by the e2e scenario "importeren".
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fw-browser-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nonBlankLines = (text: string): string[] =>
  text.split(/\r?\n/).filter((line) => line.trim() !== '');

async function bothWays(fileName: string, bytes: Buffer, profile: LayoutProfile | null = null) {
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  const cli = await importFile(path, profile === null ? undefined : compileProfile(profile));
  // A copy of the bytes in their own ArrayBuffer, as File.arrayBuffer() gives the page.
  const buffer = new Uint8Array(bytes).buffer;
  const reply = await parseFile({ id: 7, fileName, bytes: buffer, profile }, readPdfPagesInNode);
  // What the page receives: a structured clone of the reply, checked by its schema.
  const received = parseReplySchema.parse(structuredClone(reply));
  return { cli, worker: reply.result, received };
}

describe.each(SEED_FILES)('%s', (seed) => {
  const base = seed.replace(/\.txt$/, '');

  it.each([
    ['txt', async () => Buffer.from(readSeed(seed), 'utf8')],
    ['docx', () => docxOf(nonBlankLines(readSeed(seed)))],
    ['pdf', () => pdfOf([nonBlankLines(readSeed(seed))])],
  ] as const)('as .%s: the worker gives the CLI’s FunctionDescription', async (ext, make) => {
    const { cli, worker, received } = await bothWays(`${base}.${ext}`, await make());
    expect(cli.ok).toBe(true);
    expect(worker).toEqual(cli);
    expect(received.id).toBe(7);
    expect(received.result).toEqual(cli);
  });
});

it('a city profile chosen in the page is applied as --profile is', async () => {
  // A heading word of this profile only: without it the section is not recognised.
  const text = readSeed('functiebeschrijving-deskundige-ict.txt').replace(
    'Doel van de functie',
    'Opdrachtverklaring',
  );
  const profile: LayoutProfile = { name: 'stad-x', headings: { doel: ['opdrachtverklaring'] } };
  const withProfile = await bothWays('stad-x.txt', Buffer.from(text, 'utf8'), profile);
  expect(withProfile.worker).toEqual(withProfile.cli);
  const without = await bothWays('stad-x-zonder.txt', Buffer.from(text, 'utf8'));
  expect(without.worker).toEqual(without.cli);
  expect(withProfile.worker.ok && withProfile.worker.description.purpose).toMatch(/dienst ICT/);
  expect(without.worker).not.toEqual(withProfile.worker);
});

it('bad input gives the CLI’s messages: an image-only PDF, a .doc, a 60 MB file', async () => {
  // A PDF with pages but no text layer, as a scan without recognition.
  const scan = await pdfOf([[]]);
  const { cli, worker } = await bothWays('scan.pdf', scan);
  expect(worker).toEqual(cli);
  expect(!worker.ok && worker.errors[0]?.message).toMatch(
    /^dit PDF-bestand bevat geen tekst: gebruik het Word-bestand of laat het eerst herkennen/,
  );

  const doc = await bothWays('oud.doc', Buffer.from('x'));
  expect(doc.worker).toEqual(doc.cli);
  expect(refuseUnread({ name: 'oud.doc', size: 1 })).toEqual(doc.cli);

  // Refused by its size before it is read, with the CLI's message (which stat()s the file).
  expect(refuseUnread({ name: 'groot.pdf', size: 60 * 1024 * 1024 })).toEqual({
    ok: false,
    errors: [
      { file: 'groot.pdf', line: null, message: 'bestand te groot (60 MB; maximaal 50 MB).' },
    ],
  });
});
