/**
 * A problem found while reading one document. `line` is the 1-based line in the text the parser
 * received (null when the problem is about the document as a whole); `message` is Dutch and says
 * what is wrong, so that HR can fix the document without asking IT.
 */
export type ImportIssue = { file: string; line: number | null; message: string };

/** "deskundige-ict.txt: regel 512: competentie 'Integriteit' heeft geen aangevinkt niveau" */
export function formatIssue(i: ImportIssue): string {
  return i.line === null ? `${i.file}: ${i.message}` : `${i.file}: regel ${i.line}: ${i.message}`;
}

/** Collects issues for one file, so the parsing code only states line and message. */
export class IssueLog {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  constructor(private readonly file: string) {}

  error(line: number | null, message: string): void {
    this.errors.push({ file: this.file, line, message });
  }

  warn(line: number | null, message: string): void {
    this.warnings.push({ file: this.file, line, message });
  }
}

/** "1", "1 en 2", "1, 2 en 3" */
export function listNl(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1) ?? ''}`;
}
