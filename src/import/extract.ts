import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { docxText } from './extract-docx';
import { ExtractError } from './extract-error';
import { pdfTextWithPages } from './extract-pdf';
import { decodeText } from './extract-txt';

export { ExtractError, type ExtractErrorCode } from './extract-error';

/**
 * Documents → plain text, one line per line (txt, pdf) or per paragraph (docx), so that the
 * parser sees the same line structure whatever the source, and its line numbers point at
 * something a person can find in the file. One file per source format: extract-txt.ts,
 * extract-docx.ts (mammoth), extract-pdf.ts (pdf-parse in a worker thread).
 */

export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.pdf'] as const;
type SupportedExtension = (typeof SUPPORTED_EXTENSIONS)[number];

/** Far above any function description (the seeds are < 100 kB); guards memory, not policy. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

function isSupported(ext: string): ext is SupportedExtension {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(ext);
}

function extensionOf(fileName: string): string {
  return extname(fileName).toLowerCase();
}

function unsupported(fileName: string): ExtractError {
  const ext = extensionOf(fileName);
  const hint =
    ext === '.doc'
      ? ' Open het in Word en sla het op als .docx.'
      : ' Sla het document op als .docx, .pdf of .txt (UTF-8).';
  const what =
    ext === '' ? 'bestand zonder extensie' : `bestandstype '${ext}' wordt niet ondersteund`;
  return new ExtractError('unsupported-type', `${what}.${hint}`, fileName);
}

/** The text, and for a PDF the page of each of its lines (1-based), for messages by page. */
export type ExtractedDocument = { text: string; pageOfLine: readonly number[] | null };

export async function extractText(filePath: string): Promise<string> {
  return (await extractDocument(filePath)).text;
}

export async function extractDocument(filePath: string): Promise<ExtractedDocument> {
  const fileName = basename(filePath);
  // Checked before reading so that an unsupported 2 GB video is refused without loading it.
  if (!isSupported(extensionOf(fileName))) throw unsupported(fileName);
  let buf: Buffer;
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) {
      throw new ExtractError('unreadable', 'dit is een map, geen bestand.', fileName);
    }
    if (info.size > MAX_FILE_BYTES) {
      throw new ExtractError(
        'too-large',
        `bestand te groot (${Math.round(info.size / 1024 / 1024)} MB; maximaal ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
        fileName,
      );
    }
    buf = await readFile(filePath);
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw fileSystemError(err, fileName);
  }
  return extractDocumentFromBuffer(buf, fileName);
}

function fileSystemError(err: unknown, fileName: string): ExtractError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ExtractError(
      'not-found',
      'bestand niet gevonden. Controleer het pad.',
      fileName,
      null,
      {
        cause: err,
      },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ExtractError('unreadable', 'geen leesrechten op dit bestand.', fileName, null, {
      cause: err,
    });
  }
  return new ExtractError(
    'unreadable',
    `kan het bestand niet lezen (${code ?? 'onbekende fout'}).`,
    fileName,
    null,
    {
      cause: err,
    },
  );
}

export async function extractTextFromBuffer(buf: Buffer, fileName: string): Promise<string> {
  return (await extractDocumentFromBuffer(buf, fileName)).text;
}

export async function extractDocumentFromBuffer(
  buf: Buffer,
  fileName: string,
): Promise<ExtractedDocument> {
  const ext = extensionOf(fileName);
  if (!isSupported(ext)) throw unsupported(fileName);
  if (buf.length > MAX_FILE_BYTES) {
    throw new ExtractError(
      'too-large',
      `bestand te groot (maximaal ${MAX_FILE_BYTES / 1024 / 1024} MB).`,
      fileName,
    );
  }
  let text: string;
  let pageOfLine: readonly number[] | null = null;
  switch (ext) {
    case '.txt':
      text = decodeText(buf, fileName);
      break;
    case '.docx':
      text = await docxText(buf, fileName);
      break;
    case '.pdf': {
      const pdf = await pdfTextWithPages(buf, fileName);
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
