import { docxText } from './extract-docx';
import { ExtractError } from './extract-error';
import { pdfTextOf, type PdfPagesReader } from './extract-pdf-text';
import { decodeText } from './extract-txt';
import { onPages, type ImportIssue } from './issues';
import { parseDocument, type ParseResult } from './parse';
import type { CompiledProfile } from './profile';

/**
 * A document's bytes → its text, and → the interchange object: the part of the importer that
 * runs the same in Node (the CLI, extract.ts) and in the tab's Web Worker. Nothing here touches
 * the file system or worker_threads; the one thing that differs, how a PDF's pages are read with
 * pdf.js, comes in as a `PdfPagesReader` (extract-pdf.ts in Node, the tab's worker in a browser).
 */

export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.pdf'] as const;
export type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

/** Far above any function description (the seeds are < 100 kB); guards memory, not policy. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The text, and for a PDF the page of each of its lines (1-based), for messages by page. */
export type ExtractedDocument = { text: string; pageOfLine: readonly number[] | null };

export function isSupported(ext: string): ext is SupportedExtension {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

/** ".PDF" → ".pdf"; "" without an extension. Works on a bare file name and on a path. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function unsupported(fileName: string): ExtractError {
  const ext = extensionOf(fileName);
  const hint =
    ext === '.doc'
      ? ' Open het in Word en sla het op als .docx.'
      : ' Sla het document op als .docx, .pdf of .txt (UTF-8).';
  const what =
    ext === '' ? 'bestand zonder extensie' : `bestandstype '${ext}' wordt niet ondersteund`;
  return new ExtractError('unsupported-type', `${what}.${hint}`, fileName);
}

/** Refused by its size alone, so that a 2 GB file is never read into memory. */
export function tooLarge(size: number, fileName: string): ExtractError | null {
  if (size <= MAX_FILE_BYTES) return null;
  return new ExtractError(
    'too-large',
    `bestand te groot (${Math.round(size / 1024 / 1024)} MB; maximaal ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
    fileName,
  );
}

export async function extractBytes(
  bytes: Uint8Array,
  fileName: string,
  readPdfPages: PdfPagesReader,
): Promise<ExtractedDocument> {
  const ext = extensionOf(fileName);
  if (!isSupported(ext)) throw unsupported(fileName);
  const large = tooLarge(bytes.length, fileName);
  if (large) throw large;
  let text: string;
  let pageOfLine: readonly number[] | null = null;
  switch (ext) {
    case '.txt':
      text = decodeText(bytes, fileName);
      break;
    case '.docx':
      text = await docxText(bytes, fileName);
      break;
    case '.pdf': {
      const pdf = await pdfTextOf(bytes, fileName, readPdfPages);
      text = pdf.text;
      pageOfLine = pdf.pageOfLine;
      break;
    }
  }
  if (text.trim() === '') throw emptyError(ext, fileName);
  return { text, pageOfLine };
}

function emptyError(ext: SupportedExtension, fileName: string): ExtractError {
  const message =
    ext === '.pdf'
      ? 'dit PDF-bestand bevat geen tekst: gebruik het Word-bestand of laat het eerst herkennen (tekstherkenning, OCR): het is wellicht een scan zonder tekstlaag.'
      : 'het bestand is leeg: er staat geen tekst in.';
  return new ExtractError('empty', message, fileName);
}

/**
 * Extracted text → the parse result, with a PDF's issues on its pages. Never rejects: a batch
 * reports every file, it does not stop at the first bad one.
 */
export function parseExtracted(
  doc: ExtractedDocument,
  fileName: string,
  profile?: CompiledProfile,
): ParseResult {
  try {
    const result = parseDocument(doc.text, fileName, profile);
    const pages = doc.pageOfLine;
    if (pages === null) return result;
    return result.ok
      ? { ...result, warnings: onPages(result.warnings, pages) }
      : { ok: false, errors: onPages(result.errors, pages) };
  } catch (err) {
    // A parser bug must not hide the other files of the batch; it is still an error (exit 1).
    return failed({
      file: fileName,
      line: null,
      message: `interne fout in de inlezer: ${describe(err)}. Meld dit aan IT.`,
    });
  }
}

/** Bytes → the parse result (the browser's whole path; the CLI reads the file first). */
export async function importBytes(
  bytes: Uint8Array,
  fileName: string,
  readPdfPages: PdfPagesReader,
  profile?: CompiledProfile,
): Promise<ParseResult> {
  let doc: ExtractedDocument;
  try {
    doc = await extractBytes(bytes, fileName, readPdfPages);
  } catch (err) {
    return failed(extractIssue(err, fileName));
  }
  return parseExtracted(doc, fileName, profile);
}

export function extractIssue(err: unknown, fileName: string): ImportIssue {
  return err instanceof ExtractError
    ? { file: fileName, line: err.line, message: err.message }
    : { file: fileName, line: null, message: `kan het bestand niet lezen: ${describe(err)}` };
}

function failed(issue: ImportIssue): ParseResult {
  return { ok: false, errors: [issue] };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
