import { activeProfile } from './profile';
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
  | 'goedkeuring'
  /** A headed part the model has no field for: kept as an "other section" under its title. */
  | 'overig';

export type Section = { kind: SectionKind; line: number; lines: SourceLine[]; title?: string };

// "■ " as a heading marker, then "II. ", "II ", "3) ", "2.3. ", "B. " before a heading.
const MARKER = /^[■▪●◆►]\s*/u;
const NUMBERING = /^(?:[IVX]{1,4}[.)]?\s+|(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*|[A-H])[.)]\s*)/u;
const ROMAN_NUMBERING = /^[IVX]{1,5}[.)]?\s+/u;
const ARABIC_NUMBERING = /^\d{1,2}(?:\.\d{1,2})*[.)]\s*/u;

/** "III. COMPETENTIES." → "COMPETENTIES" and how it was numbered or marked. */
function headingText(text: string): {
  words: string;
  numbered: 'roman' | 'arabic' | 'marker' | null;
} {
  let rest = text;
  let numbered: 'roman' | 'arabic' | 'marker' | null = null;
  if (MARKER.test(rest)) {
    rest = rest.replace(MARKER, '');
    numbered = 'marker';
  }
  if (ROMAN_NUMBERING.test(rest)) numbered = 'roman';
  else if (ARABIC_NUMBERING.test(rest)) numbered = 'arabic';
  return { words: rest.replace(NUMBERING, ''), numbered };
}

export function headingOf(text: string): { kind: SectionKind; rest: string } | null {
  const colon = text.indexOf(':');
  // Headings are short; a long line can only be one when text follows its colon.
  if ((colon < 0 ? text.length : colon) > 60) return null;
  const unnumbered = headingText(text).words;
  // A heading starts with a capital; a wrapped line that happens to read "competenties" does not.
  if (!/^\p{Lu}/u.test(unnumbered)) return null;
  // "Doel van de functie: …" may carry its first line after the colon.
  const m = /^([^:]+?)\s*(?::\s*(.*))?$/u.exec(unnumbered);
  // "DOEL VAN DE FUNCTIE." — a heading in capitals may close with a dot.
  const words = (m?.[1] ?? '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\.$/u, '');
  for (const [kind, re] of activeProfile().headings) {
    if (re.test(words)) return { kind, rest: (m?.[2] ?? '').trim() };
  }
  return null;
}

/**
 * A heading the vocabulary does not know, so that its section is kept rather than read as part
 * of the one before: numbered in Roman numerals ("IV. Arbeidsvoorwaarden"), or numbered or
 * marked (■) and in capitals ("4. ARBEIDSVOORWAARDEN"). Inside the competency section only the
 * Roman form counts: there a number or a ■ is a level or a ticked box.
 */
export function unknownHeadingOf(text: string, inCompetencies: boolean): string | null {
  if (text.length > 70 || text.includes(':')) return null;
  const { words, numbered } = headingText(text);
  if (numbered === null || !/^\p{Lu}/u.test(words)) return null;
  const title = words.replace(/\s*\.$/u, '').trim();
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3 || /[.!?;,]$/u.test(title)) return null;
  const capitals = !/\p{Ll}/u.test(title);
  if (numbered === 'roman') return title;
  if (inCompetencies) return null;
  return capitals ? title : null;
}

const VERRUIMEND = /^verruimende\s+bepaling\b\s*[:.\-–—‒−]?\s*(.*)$/iu;

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
  lines.forEach((l, i) => {
    const h = headingOf(l.text);
    // "Taken en verantwoordelijkheden" / "doorgeven, …": a wrapped sentence, not a heading.
    const wrapped = h !== null && h.rest === '' && /^\p{Ll}/u.test(lines[i + 1]?.text ?? '');
    if (h && !wrapped) {
      open(h.kind, l.line);
      if (h.rest !== '') current.lines.push({ text: h.rest, line: l.line });
      return;
    }
    // The "Verruimende bepaling" (a clause widening the tasks) has no field: an other section.
    const widening = current.kind === 'head' ? null : VERRUIMEND.exec(l.text);
    if (widening) {
      open('overig', l.line);
      current.title = 'Verruimende bepaling';
      if ((widening[1] ?? '') !== '') current.lines.push({ text: widening[1] ?? '', line: l.line });
      return;
    }
    const unknown =
      current.kind === 'head' ? null : unknownHeadingOf(l.text, current.kind === 'competenties');
    if (unknown !== null) {
      open('overig', l.line);
      current.title = unknown;
      return;
    }
    if (APPROVAL_START.test(l.text) && current.kind !== 'head') {
      open('goedkeuring', l.line);
      current.lines.push(l);
      return;
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
  });
  return sections;
}
