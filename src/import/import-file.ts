import { basename } from 'node:path';
import { ExtractError, extractDocument, type ExtractedDocument } from './extract';
import { onPages, type ImportIssue } from './issues';
import { parseDocument, type ParseResult } from './parse';
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
  try {
    const result = parseDocument(doc.text, file, profile);
    const pages = doc.pageOfLine;
    if (pages === null) return result;
    return result.ok
      ? { ...result, warnings: onPages(result.warnings, pages) }
      : { ok: false, errors: onPages(result.errors, pages) };
  } catch (err) {
    // A parser bug must not hide the other files of the batch; it is still an error (exit 1).
    return failed({
      file,
      line: null,
      message: `interne fout in de inlezer: ${describe(err)}. Meld dit aan IT.`,
    });
  }
}

function failed(issue: ImportIssue): ParseResult {
  return { ok: false, errors: [issue] };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
