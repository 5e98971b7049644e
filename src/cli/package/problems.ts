import { existsSync, readFileSync } from 'node:fs';
import type { JsonValue } from './template';

/**
 * What `npm run package` reports: every problem at once, each as `file: /json/pointer: what is
 * wrong`, so IT fixes them all before the upload.
 */

export interface PackageProblem {
  /** Relative to the project root, with forward slashes, e.g. `manifest/manifest.template.json`. */
  file: string;
  /** JSON pointer inside the file; null when the problem is the file itself. */
  pointer: string | null;
  message: string;
}

export function formatProblem(problem: PackageProblem): string {
  return problem.pointer === null
    ? `${problem.file}: ${problem.message}`
    : `${problem.file}: ${problem.pointer}: ${problem.message}`;
}

export class PackageError extends Error {
  override readonly name = 'PackageError';
  constructor(
    readonly problems: PackageProblem[],
    hints: string[] = [],
  ) {
    super(
      [
        `Het app-pakket is niet gemaakt: ${problems.length} ${problems.length === 1 ? 'probleem' : 'problemen'}.`,
        ...problems.map((problem) => `  ${formatProblem(problem)}`),
        ...hints,
      ].join('\n'),
    );
  }
}

/** A JSON file, or undefined with the reason added to `problems` (missing, not JSON). */
export function readJson(
  file: string,
  displayName: string,
  problems: PackageProblem[],
): JsonValue | undefined {
  if (!existsSync(file)) {
    problems.push({ file: displayName, pointer: null, message: 'bestand niet gevonden' });
    return undefined;
  }
  try {
    // A byte order mark is legal in a file saved by Notepad but not in JSON.
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as JsonValue;
  } catch (error) {
    problems.push({
      file: displayName,
      pointer: null,
      message: `geen geldige JSON (${error instanceof Error ? error.message : String(error)})`,
    });
    return undefined;
  }
}
