import type { Level } from '../domain/schema';
import { activeProfile } from './profile';

/**
 * Line-level vocabulary of the function-description layouts: how a line is cleaned, and how its
 * leading bullet, tick box or level number is recognised. Nothing here knows a competency name.
 */

/** One non-blank line of the document, cleaned, with its 1-based line number in the input. */
export type SourceLine = { readonly text: string; readonly line: number };

// PDF and Word exports use every kind of space; they must all read as one ordinary space.
const SPACE_LIKE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
// Invisible characters (soft hyphen, zero-width space/joiners, BOM) only split words apart —
// except a joiner before a pictograph, which holds an emoji sequence (👩🏽‍💻) together.
const INVISIBLE = /[\u00ad\u200b\u200c\u2060\ufeff]|\u200d(?!\p{Extended_Pictographic})/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(SPACE_LIKE, ' ')
    .replace(CONTROL, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

// A line that ends in a hyphen glued to a word ("informatie-") was wrapped inside a compound
// ("informatie-uitwisseling"), unless the next word shows a Dutch elliptic compound ("kop- en
// voettekst", "voor- of nadelen").
const WRAPPED_AT_HYPHEN = /[\p{L}\p{N}][-\u2010\u2011]$/u;
const ELLIPTIC_NEXT = /^(?:en|of|tot|noch|als|dan|,)(?:\s|$|,)/iu;

/** Pieces of one wrapped item, joined the way the line wrap split them: with one space. */
export function joinText(parts: readonly string[]): string {
  const out: string[] = [];
  let prev = '';
  for (const raw of parts) {
    const part = cleanText(raw);
    if (part === '') continue;
    const glued =
      WRAPPED_AT_HYPHEN.test(prev) && /^[\p{L}\p{N}]/u.test(part) && !ELLIPTIC_NEXT.test(part);
    if (out.length > 0 && !glued) out.push(' ');
    out.push(part);
    prev = part;
  }
  return out.join('');
}

/** A field the document has no content for is null, not ''. */
export function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}

/** `text` as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lone CR counts as a line end, as in every editor a user would open the file with. */
export function splitLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    const cleaned = cleanText(raw[i] ?? '');
    if (cleaned !== '') out.push({ text: cleaned, line: i + 1 });
  }
  return out;
}

// ── bullets ──────────────────────────────────────────────────────────────────────────────────

// U+2212 −, U+2012 ‒, U+2013 –, U+2014 —, U+2010 ‐, U+2011 ‑ and the ASCII hyphen.
const DASHES = '\u2212\u2012\u2013\u2014\u2010\u2011\\-';
// •, ·, ▪, ◦, ‣, ∙, ●, *, and the private-use Symbol-font bullets Word exports (, , ).
const DOTS = '\u2022\u00b7\u25aa\u25e6\u2023\u2219\u25cf*\uf0b7\uf02d\uf0a7';
// A dash glued to a lowercase word is a hyphenated word ("–technieken"), not a bullet.
const DASH_BULLET = new RegExp(`^([${DASHES}])(?:\\s+|$|(?=\\p{Lu}))(.*)$`, 'u');
const DOT_BULLET = new RegExp(`^([${DOTS}])\\s*(.*)$`, 'u');

export type Bullet = { char: string; text: string };

export function bulletOf(text: string): Bullet | null {
  const m = DASH_BULLET.exec(text) ?? DOT_BULLET.exec(text);
  if (!m) {
    // A city's own bullet characters, from its layout profile.
    const extra = activeProfile().bullets;
    const first = [...text][0] ?? '';
    if (extra === '' || first === '' || !extra.includes(first)) return null;
    return { char: first, text: text.slice(first.length).trim() };
  }
  return { char: m[1] ?? '', text: (m[2] ?? '').trim() };
}

// ── tick boxes and level numbers ──────────────────────────────────────────────────────────────

const TICKED = '☒☑✓✔■⊠☓✗✘✕✖▣🗹🗷';
const UNTICKED = '☐□▢❏❑⬜🗆';
// A typed "X" in the level's cell also ticks it, but only alone (or before a bullet): "X" is
// never the first word of an indicator.
const BOX = new RegExp(
  `^(?:([${TICKED}])|\\[\\s*[xX✓✔]\\s*\\]|[xX](?=\\s*$|\\s+[${DASHES}${DOTS}]\\s)|([${UNTICKED}])|\\[\\s*\\])`,
  'u',
);

export type Box = { ticked: boolean; length: number };

export function boxOf(text: string): Box | null {
  const m = BOX.exec(text);
  if (!m) return null;
  const ticked = m[2] === undefined && !/^\[\s*\]/.test(m[0]);
  return { ticked, length: m[0].length };
}

// "2", "2.", "Niveau 2:" — only a level when a box, a bullet, a capital or the line end follows.
// Any number a scale can hold (0 to 10: LEVEL_BOUNDS); which ones the document's scale holds is
// decided per document (parse-levelled.ts, `documentScale`), and the rest refused on their line.
const LEVEL = /^(?:niveau\s*)?(10|\d)[.:)]?(?=\s|$|[^\p{L}\p{N}])/iu;

const LEVEL_AFTER_BOX = /^(?:niveau\s*)?(10|\d)[.:)]?(?=\s|$)/iu;

export type Token =
  | { kind: 'level'; level: Level }
  | { kind: 'box'; ticked: boolean }
  | { kind: 'bullet'; char: string }
  | { kind: 'text'; text: string };

/**
 * `plainText`: also "2 Kent …" (a PDF that lost its bullet glyphs), where an indicator's capital
 * follows the number. Only for such documents: elsewhere a wrapped line may start "3 ICT-…".
 */
function levelAt(text: string, plainText: boolean): { level: Level; rest: string } | null {
  const m = LEVEL.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trimStart();
  const follows =
    rest === '' ||
    boxOf(rest) !== null ||
    bulletOf(rest) !== null ||
    (plainText && startsUpper(rest));
  return follows ? { level: Number(m[1]), rest } : null;
}

/**
 * The tokens of one line of a levelled competency table: an optional level number, tick box and
 * bullet at its start, then text. PDF extraction puts these on one line or on several ("2 ‒ Kent
 * …" then "☐ ‒ Kan …"), so the parser reads tokens, not lines.
 */
export function leadingTokens(text: string, plainText = false): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  const level = levelAt(rest, plainText);
  if (level) {
    tokens.push({ kind: 'level', level: level.level });
    rest = level.rest;
  }
  const box = boxOf(rest);
  if (box) {
    rest = rest.slice(box.length).trimStart();
    // "☐ 2 ‒ …" or "☒ 2 Kan …": a number right after a box is the level it belongs to.
    const after = level ? null : LEVEL_AFTER_BOX.exec(rest);
    if (after) {
      tokens.push({ kind: 'level', level: Number(after[1]) });
      rest = rest.slice(after[0].length).trimStart();
    }
    tokens.push({ kind: 'box', ticked: box.ticked });
  }
  const bullet = bulletOf(rest);
  if (bullet) {
    tokens.push({ kind: 'bullet', char: bullet.char });
    rest = bullet.text;
  }
  if (rest !== '') tokens.push({ kind: 'text', text: rest });
  return tokens;
}

const INLINE_LEVEL = /\s(?:niveau\s*)?(10|\d)[.:)]?(?=\s|$)/giu;

/**
 * "Relatie – netwerking 0 ‒ N.v.t.": a competency name with its first level on the same line.
 * Returns the name part and the tokens from the level on, or null when no level number there is
 * followed by a box, a bullet or the line end.
 */
export function splitInlineLevel(
  text: string,
  plainText = false,
): { before: string; tokens: Token[] } | null {
  for (const m of text.matchAll(INLINE_LEVEL)) {
    const at = m.index;
    const before = text.slice(0, at).trim();
    const fromLevel = text.slice(at).trim();
    const tokens = leadingTokens(fromLevel, plainText);
    if (before !== '' && tokens[0]?.kind === 'level') return { before, tokens };
  }
  return null;
}

// ── sentence shape ───────────────────────────────────────────────────────────────────────────

/** Wrapped continuation lines start in lower case; a new name, title or sentence does not. */
export function startsUpper(text: string): boolean {
  return /^\p{Lu}/u.test(text);
}

// "m.b.t.", "t.a.v.", "bv." at a line end do not end a sentence.
const ABBREVIATION =
  /(?:(?:^|[\s(])(?:\p{L}\.){2,}|\b(?:bv|bijv|vb|nl|resp|ca|nr|art|incl|excl|cfr|zgn|dhr|mevr)\.)$/iu;

export function endsSentence(text: string): boolean {
  return /[.!?…;]["'’”)\]]*$/u.test(text) && !ABBREVIATION.test(text);
}

/** "leidinggevende" → "Leidinggevende"; Dutch "ij" is one letter ("IJzer"). */
export function capitalise(text: string): string {
  if (/^ij/.test(text)) return `IJ${text.slice(2)}`;
  const first = text.charAt(0);
  return first.toLocaleUpperCase('nl-BE') + text.slice(1);
}
