import { basename } from 'node:path';
import { ExtractError, extractDocument, type ExtractedDocument } from './extract';
import { parseExtracted } from './extract-bytes';
import type { ImportIssue } from './issues';
import type { ParseResult } from './parse';
import type { CompiledProfile } from './profile';

/**
 * One document on disk → the interchange object, or the reasons it could not be read. Never
 * rejects: a batch import reports every file, it does not stop at the first bad one.
 */
export async function importFile(
  filePath: string,
  profile?: CompiledProfile,
): Promise<ParseResult> {
  const file = basename(filePath);
  let doc: ExtractedDocument;
  try {
    doc = await extractDocument(filePath);
  } catch (err) {
    return failed(
      err instanceof ExtractError
        ? { file, line: err.line, message: err.message }
        : { file, line: null, message: `kan het bestand niet lezen: ${describe(err)}` },
    );
  }
  return parseExtracted(doc, file, profile);
}

function failed(issue: ImportIssue): ParseResult {
  return { ok: false, errors: [issue] };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
