import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  extensionOf,
  extractBytes,
  isSupported,
  tooLarge,
  unsupported,
  type ExtractedDocument,
} from './extract-bytes';
import { ExtractError } from './extract-error';
import { readPdfPagesInNode } from './extract-pdf';

export { ExtractError, type ExtractErrorCode } from './extract-error';
export { MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, type ExtractedDocument } from './extract-bytes';

/**
 * Documents → plain text, one line per line (txt, pdf) or per paragraph (docx), so that the
 * parser sees the same line structure whatever the source, and its line numbers point at
 * something a person can find in the file. One file per source format: extract-txt.ts,
 * extract-docx.ts (mammoth), extract-pdf.ts (pdf-parse in a worker thread). This file is the
 * Node side of the seam (the file system, worker_threads); extract-bytes.ts is what the tab's
 * Web Worker shares with it.
 */

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
    const large = tooLarge(info.size, fileName);
    if (large) throw large;
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

export async function extractTextFromBuffer(buf: Uint8Array, fileName: string): Promise<string> {
  return (await extractDocumentFromBuffer(buf, fileName)).text;
}

export function extractDocumentFromBuffer(
  buf: Uint8Array,
  fileName: string,
): Promise<ExtractedDocument> {
  return extractBytes(buf, fileName, readPdfPagesInNode);
}
