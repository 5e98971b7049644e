import { blockHeaderOf, clusterHeaderOf } from './parse-levelled-headers';
import { type SourceLine } from './parse-text';

/**
 * Splits a document into its headed sections. Headings are recognised by their words (case,
 * numbering like "II." and a trailing ':' do not matter), never by position or blank lines.
 */

export type SectionKind =
  | 'head'
  | 'algemeen'
  | 'doel'
  | 'plaats'
  | 'taken'
  | 'resultaat'
  | 'competenties'
  | 'vaktechnisch'
  | 'goedkeuring';

export type Section = { kind: SectionKind; line: number; lines: SourceLine[] };

const HEADINGS: readonly [Exclude<SectionKind, 'head' | 'goedkeuring'>, RegExp][] = [
  ['algemeen', /^(?:algemeen|algemene gegevens|algemene informatie)$/],
  ['doel', /^(?:doel van de functie|doel|doelstelling(?: van de functie)?|functiedoel)$/],
  ['plaats', /^(?:plaats in de organisatie(?:structuur)?|positie in de organisatie)$/],
  ['taken', /^(?:inhoudelijke )?taakafspraken$/],
  ['resultaat', /^resultaa?t?s?gebieden$/],
  ['competenties', /^(?:competenties|competentieprofiel)$/],
  ['vaktechnisch', /^(?:vaktechnische competenties|vaktechnische kennis)$/],
];

// "II. ", "II ", "3) ", "B. " before a heading.
const NUMBERING = /^(?:[IVX]{1,4}[.)]?\s+|(?:[IVX]{1,4}|\d{1,2}|[A-H])[.)]\s*)/u;

export function headingOf(text: string): { kind: SectionKind; rest: string } | null {
  const colon = text.indexOf(':');
  // Headings are short; a long line can only be one when text follows its colon.
  if ((colon < 0 ? text.length : colon) > 48) return null;
  const unnumbered = text.replace(NUMBERING, '');
  // A heading starts with a capital; a wrapped line that happens to read "competenties" does not.
  if (!/^\p{Lu}/u.test(unnumbered)) return null;
  // "Doel van de functie: …" may carry its first line after the colon.
  const m = /^([^:]+?)\s*(?::\s*(.*))?$/u.exec(unnumbered);
  const words = (m?.[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  for (const [kind, re] of HEADINGS) {
    if (re.test(words)) return { kind, rest: (m?.[2] ?? '').trim() };
  }
  return null;
}

export const TASK_AGREEMENT = /^taakafspraak\b\s*(\d+)?\s*[:.\-–—‒−]?\s*(.*)$/iu;
// Capitalised, so that a wrapped line "vastgesteld." stays inside its indicator.
export const APPROVAL_START =
  /^(?:Goedkeuring|Goedgekeurd|Vastgesteld|Bekrachtigd|GOEDKEURING|GOEDGEKEURD|VASTGESTELD|BEKRACHTIGD)\b/u;

export function splitSections(lines: readonly SourceLine[]): Section[] {
  const sections: Section[] = [{ kind: 'head', line: lines[0]?.line ?? 1, lines: [] }];
  let current: Section = sections[0] as Section;
  const open = (kind: SectionKind, line: number): void => {
    current = { kind, line, lines: [] };
    sections.push(current);
  };
  for (const l of lines) {
    const h = headingOf(l.text);
    if (h) {
      open(h.kind, l.line);
      if (h.rest !== '') current.lines.push({ text: h.rest, line: l.line });
      continue;
    }
    if (APPROVAL_START.test(l.text) && current.kind !== 'head') {
      open('goedkeuring', l.line);
      current.lines.push(l);
      continue;
    }
    // Documents that skip a section heading still show what the section is by its first line.
    if (current.kind !== 'taken' && TASK_AGREEMENT.test(l.text) && /\d/.test(l.text.slice(0, 16))) {
      open('taken', l.line);
    } else if (
      current.kind !== 'competenties' &&
      (blockHeaderOf(l.text) !== null || clusterHeaderOf(l.text) !== null)
    ) {
      open('competenties', l.line);
    }
    current.lines.push(l);
  }
  return sections;
}
