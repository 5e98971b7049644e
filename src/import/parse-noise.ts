import { headingOf } from './parse-sections';
import { boxOf, bulletOf, escapeRegExp, type SourceLine } from './parse-text';

/**
 * Layout that is not content, beside the page footers of parse-footers.ts: page markers on a
 * line of their own ("(2)", "2/7", "- 2 -", "Pagina 2"), the lines of a contents page (dot
 * leaders and a page number), and a running header or footer with a number repeated on many
 * pages — also when it is glued to the end of a line of content.
 */

const PAGE_MARKER =
  /^(?:\(\s*\d{1,3}\s*\)|\d{1,3}\s*\/\s*\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]|p(?:agina|ag\.|\.)\s*\d{1,3}(?:\s*(?:van|\/)\s*\d{1,3})?)$/iu;
// "2.1 Doel van de functie ........ 3", "Competenties … 5", "Profiel ____ 7"
const CONTENTS_LINE = /(?:\.{4,}|…{2,}|(?:\.\s){3,}|_{4,})\s*\d{1,3}$/u;
const CONTENTS_HEADING = /^(?:inhoud|inhoudstafel|inhoudsopgave|inhoudsindex)\s*:?$/iu;

/** How often a line must repeat to be a running header or footer rather than content. */
const RUNNING_MIN = 3;

/** The shape of a running line: digits vary from page to page ("Versie 2 – pagina 4"). */
const shapeOf = (text: string): string => text.toLowerCase().replace(/\d+/g, '#');

/** Content can repeat too: lists, levels and boxes never count as a running line. */
function mayBeRunning(text: string): boolean {
  return (
    text.length >= 12 &&
    /\p{L}{3}/u.test(text) &&
    bulletOf(text) === null &&
    boxOf(text) === null &&
    !/^\d/u.test(text) &&
    headingOf(text) === null &&
    !/keuze niveau/iu.test(text)
  );
}

export function dropNoise(lines: readonly SourceLine[]): SourceLine[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (!mayBeRunning(l.text)) continue;
    const shape = shapeOf(l.text);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  // Only lines with a number that changes or repeats (a page, a version, a date) count: wrapped
  // text repeats too ("de organisatie."), and a running line without a number that names the
  // layout is a footer parse-footers.ts knows.
  const running = [...counts]
    .filter(([shape, n]) => n >= RUNNING_MIN && shape.includes('#'))
    .map(([shape]) => shape);
  // Longest first, so a footer that contains a shorter running line is cut whole.
  running.sort((a, b) => b.length - a.length);
  const gluedAt = running.map(
    (r) => new RegExp(`\\s${escapeRegExp(r).replace(/#/g, '\\d+')}$`, 'iu'),
  );
  const out: SourceLine[] = [];
  for (const l of lines) {
    if (PAGE_MARKER.test(l.text) || CONTENTS_LINE.test(l.text) || CONTENTS_HEADING.test(l.text)) {
      continue;
    }
    if (running.length === 0) {
      out.push(l);
      continue;
    }
    const shape = shapeOf(l.text);
    if (running.includes(shape)) continue;
    // "… van de dienst. Stad X – Functiebeschrijving": the running line glued to the end.
    const glued = gluedAt.find((re) => re.test(l.text));
    if (glued !== undefined) {
      const text = l.text.replace(glued, '').trimEnd();
      if (text !== '') out.push({ text, line: l.line });
      continue;
    }
    out.push(l);
  }
  return out;
}
