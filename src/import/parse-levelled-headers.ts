import { isOnScale, type CompetencyBlock } from '../domain/schema';
import { leadingTokens, type SourceLine } from './parse-text';

/**
 * The headers of a functiebeschrijving's level tables ("BLOK 1: TECHNISCHE COMPETENTIES",
 * "<cluster> Keuze niveau en duiding"). Apart from the table parser because section detection
 * (parse-sections.ts) also opens the competency section at them.
 */

const CLUSTER_MARKER = /^(.*?)\s*keuze\s*niveau\s*en\s*duiding\s*:?$/iu;
const CLUSTER_MARKER_START = /(?:^|\s)keuze(?:\s+niveau(?:\s+en)?)?$/iu;
const BLOCK_HEADER = /^blok\s*(?:\d+|[IVX]+)?\s*[:.\-–—‒−]?\s*(.*)$/iu;
const BLOCK_ONLY =
  /^(technische\s+competenties|gedragscompetenties|gedragsgerichte\s+competenties)$/iu;

/** A "BLOK" header line, or a bare "Technische competenties"/"Gedragscompetenties" line. */
export function blockHeaderOf(text: string): { label: string } | null {
  if (BLOCK_ONLY.test(text)) return { label: text };
  if (!/^blok(?:\s*(?:\d+|[IVX]+)\b|\s*:)/iu.test(text)) return null;
  const m = BLOCK_HEADER.exec(text);
  return { label: (m?.[1] ?? '').trim() };
}

export function clusterHeaderOf(text: string): { name: string } | null {
  // The lazy prefix of CLUSTER_MARKER retries at every position: only run it on candidates.
  const m = /duiding\s*:?$/iu.test(text.slice(-12)) ? CLUSTER_MARKER.exec(text) : null;
  return m ? { name: (m[1] ?? '').trim() } : null;
}

export function blockKind(label: string): CompetencyBlock | null {
  if (/technisch/iu.test(label)) return 'technical';
  if (/gedrag/iu.test(label)) return 'behavioural';
  return null;
}

/** Does this section look like level tables (rather than a functieprofiel's prose)? */
export function looksLevelled(lines: readonly SourceLine[]): boolean {
  return lines.some(
    (l) =>
      blockHeaderOf(l.text) !== null ||
      clusterHeaderOf(l.text) !== null ||
      leadingTokens(l.text).some((t) => t.kind === 'level' || t.kind === 'box'),
  );
}

/** "Werking en werkmiddelen Keuze niveau en" / "duiding" → one header line. */
export function mergeWrappedMarkers(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i];
    if (!cur) continue;
    const next = lines[i + 1];
    if (next && CLUSTER_MARKER_START.test(cur.text)) {
      const joined = `${cur.text} ${next.text}`;
      if (CLUSTER_MARKER.test(joined)) {
        out.push({ text: joined, line: cur.line });
        i++;
        continue;
      }
    }
    out.push(cur);
  }
  return out;
}

const TICK_OR_BOX = '[☒☑✓✔■⊠☓✗✘✕✖▣☐□▢❏❑⬜]|\\[\\s*[xX]?\\s*\\]';
// "5 ☒", "Niveau 5:", "☐ 4 ‒ …": a level number where the table has them, whatever its value.
const ANY_LEVEL = new RegExp(
  `^(?:niveau\\s*(\\d{1,2})\\b|(\\d{1,2})[.:)]?\\s*(?:${TICK_OR_BOX})|(?:${TICK_OR_BOX})\\s*(\\d{1,2})\\b)`,
  'iu',
);

/** Every level number a level table shows, with its line. */
export function levelsShown(lines: readonly SourceLine[]): { line: number; level: number }[] {
  const out: { line: number; level: number }[] = [];
  for (const l of lines) {
    const m = ANY_LEVEL.exec(l.text);
    const level = Number(m?.[1] ?? m?.[2] ?? m?.[3] ?? Number.NaN);
    if (!Number.isNaN(level)) out.push({ line: l.line, level });
  }
  return out;
}

/** Level numbers in a level table outside the scale `lowest`..`highest`, with their lines. */
export function levelsOutsideScale(
  lines: readonly SourceLine[],
  lowest: number,
  highest: number,
): { line: number; level: number }[] {
  return levelsShown(lines).filter(({ level }) => !isOnScale(level, { lowest, highest }));
}

/**
 * The scale of a document's level tables. A profile may fix it for a city; otherwise it is read
 * from the levels the tables show, among the scales the surveyed documents use:
 * - levels within 0–3: the scale of version 1, 0 ("N.v.t.") to 3; a document may leave level 0
 *   out (then it starts at 1, as it always could) and is still on 0–3, so it hashes as before;
 * - from 1 up to 4 or 5: 1–4 (e.g. the Vlaamse overheid competentieboek) or 1–5;
 * - anything else is a 0–3 document with levels outside its scale, refused on their lines (a
 *   stray "5 ☒" among 0–3 tables is a typing error more likely than a new scale).
 */
export function documentScale(
  lines: readonly SourceLine[],
  fixed: { lowest: number; highest: number } | null,
): { lowest: number; highest: number } {
  if (fixed) return { lowest: fixed.lowest, highest: fixed.highest };
  const shown = levelsShown(lines).map((l) => l.level);
  if (shown.length === 0) return { lowest: 0, highest: 3 };
  const lowest = Math.min(...shown);
  const highest = Math.max(...shown);
  if (lowest === 1 && (highest === 4 || highest === 5)) return { lowest, highest };
  return { lowest: 0, highest: 3 };
}
