/**
 * Text normalisation shared by the hash, the diff and the compare view, so that all three agree on
 * when two pieces of text are "the same".
 */

/**
 * Unicode NFC. Text from PDFs, Word and macOS can spell "ë" as one code point or as "e" plus a
 * combining diaeresis; they look identical, so they must hash and compare identically.
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * How competencies are matched across versions and roles: case-insensitive, trimmed, with runs
 * of white space collapsed ("Klantgerichtheid " and "klantgerichtheid" are one competency).
 */
export function competencyKey(name: string): string {
  return nfc(name).trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * How tasks are matched across roles in the compare view. Looser than `competencyKey`: the same
 * task copied between documents often differs only in a closing full stop, a typographic
 * apostrophe or a dash.
 */
export function taskKey(task: string): string {
  return nfc(task)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.;:,]+$/, '');
}
