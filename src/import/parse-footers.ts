import type { IssueLog } from './issues';
import { functionNameOf } from './parse-general-data';
import { nonEmpty, type SourceLine } from './parse-text';
import { coverPatterns } from './parse-title';

/**
 * Page footers and running headers: noise wherever they fall (also inside a name or an
 * indicator), and where the organisation and often the title are read from.
 */

export type Footer = { organisation: string | null; title: string | null; line: number };

const PAGE_AT_END = /^(.*?)\s*\bpagina\s+\d+\s*(?:van|\/)\s*\d+$/iu;
const PAGE_AT_START = /^pagina\s+\d+\s*(?:van|\/)\s*\d+\b\s*(.*)$/iu;

/**
 * "Stad Tienen  Functiebeschrijving deskundige ICT  Pagina 16 van 16" is layout, not content. So
 * is the same line without its page number (a footer that PDF extraction split in two, or a
 * running page header): a line naming the layout and the document's own title, other than the
 * cover title.
 */
export function dropFooters(all: readonly SourceLine[]): {
  lines: SourceLine[];
  footers: Footer[];
} {
  const kept: SourceLine[] = [];
  const footers: Footer[] = [];
  for (const l of all) {
    // The footer regexes have a lazy prefix; most lines do not mention a page at all.
    const m = /pagina/iu.test(l.text)
      ? (PAGE_AT_END.exec(l.text) ?? PAGE_AT_START.exec(l.text))
      : null;
    if (!m) {
      kept.push(l);
      continue;
    }
    const parts = coverPatterns().footer.exec((m[1] ?? '').trim());
    footers.push({
      organisation: nonEmpty(parts?.[1]?.trim() ?? ''),
      title: nonEmpty(parts?.[2]?.trim() ?? ''),
      line: l.line,
    });
  }
  const titles = new Set(
    [...footers.map((f) => f.title), functionNameOf(kept)]
      .filter((t): t is string => t !== null)
      .map(sameText),
  );
  if (titles.size === 0) return { lines: kept, footers };
  const words = coverPatterns();
  const cover = kept.findIndex((l) => words.heading.test(l.text));
  const lines: SourceLine[] = [];
  kept.forEach((l, i) => {
    const parts = i === cover || !words.mentioned.test(l.text) ? null : words.footer.exec(l.text);
    if (parts && titles.has(sameText(parts[2] ?? ''))) {
      footers.push({ organisation: nonEmpty(parts[1]?.trim() ?? ''), title: null, line: l.line });
    } else lines.push(l);
  });
  footers.sort((a, b) => a.line - b.line);
  return { lines, footers };
}

const sameText = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

export function organisationOf(footers: readonly Footer[], log: IssueLog): string | null {
  const named = footers.filter((f) => f.organisation !== null);
  const first = named[0];
  if (!first) return null;
  const other = named.find((f) => f.organisation !== first.organisation);
  if (other) {
    log.warn(
      other.line,
      `voettekst noemt een andere organisatie ('${other.organisation ?? ''}') dan eerder ('${first.organisation ?? ''}'); '${first.organisation ?? ''}' is overgenomen`,
    );
  }
  return first.organisation;
}
