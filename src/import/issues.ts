/**
 * A problem found while reading one document. `line` is the 1-based line in the text the parser
 * received (null when the problem is about the document as a whole); `message` is Dutch and says
 * what is wrong, so that HR can fix the document without asking IT.
 */
export type ImportIssue = {
  file: string;
  line: number | null;
  message: string;
  /** A PDF's page (1-based): its rebuilt text has no line numbers a person could find. */
  page?: number;
};

/** "deskundige-ict.txt: regel 512: competentie 'Integriteit' heeft geen aangevinkt niveau" */
export function formatIssue(i: ImportIssue): string {
  if (i.page !== undefined) return `${i.file}: pagina ${i.page}: ${i.message}`;
  return i.line === null ? `${i.file}: ${i.message}` : `${i.file}: regel ${i.line}: ${i.message}`;
}

/** Issues on lines of a PDF's rebuilt text → issues on its pages. */
export function onPages(
  issues: readonly ImportIssue[],
  pageOfLine: readonly number[],
): ImportIssue[] {
  return issues.map((i) => {
    const page = i.line === null ? undefined : pageOfLine[i.line - 1];
    return page === undefined ? i : { file: i.file, line: null, page, message: i.message };
  });
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
