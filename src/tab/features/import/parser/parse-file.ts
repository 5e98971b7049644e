import { importBytes } from '../../../../import/extract-bytes';
import type { PdfPagesReader } from '../../../../import/extract-pdf-text';
import { compileProfile } from '../../../../import/profile';
import type { ParseReply, ParseRequest } from './protocol';

/**
 * What the Web Worker does with one file: the importer's own code (src/import/extract-bytes.ts
 * and the parser behind it), the same as `npm run import` runs, with pdf.js read the browser's
 * way. Kept apart from the worker's message glue so that a test can run it in Node and compare
 * it with the CLI for the same bytes.
 */
export async function parseFile(
  request: ParseRequest,
  readPdfPages: PdfPagesReader,
): Promise<ParseReply> {
  const profile = request.profile === null ? undefined : compileProfile(request.profile);
  const result = await importBytes(
    new Uint8Array(request.bytes),
    request.fileName,
    readPdfPages,
    profile,
  );
  return { id: request.id, result };
}
