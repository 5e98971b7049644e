import { basename } from 'node:path';
import { ExtractError, extractText } from './extract';
import type { ImportIssue } from './issues';
import { parseDocument, type ParseResult } from './parse';

/**
 * One document on disk → the interchange object, or the reasons it could not be read. Never
 * rejects: a batch import reports every file, it does not stop at the first bad one.
 */
export async function importFile(filePath: string): Promise<ParseResult> {
  const file = basename(filePath);
  let text: string;
  try {
    text = await extractText(filePath);
  } catch (err) {
    return failed(
      err instanceof ExtractError
        ? { file, line: err.line, message: err.message }
        : { file, line: null, message: `kan het bestand niet lezen: ${describe(err)}` },
    );
  }
  try {
    return parseDocument(text, file);
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
