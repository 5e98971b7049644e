/**
 * Text normalisation shared by the hash, the diff and the compare view, so that all three agree on
 * when two pieces of text are "the same".
 */
import { keyFromTitle } from './key';

/**
 * Unicode NFC. Text from PDFs, Word and macOS can spell "ë" as one code point or as "e" plus a
 * combining diaeresis; they look identical, so they must hash and compare identically.
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * THE key of a competency, wherever competencies are matched: across versions (diff), across
 * roles (compare, the catalogue's competency filter, the competency page) and in the dictionary,
 * where it is stored as CompetentieKey. It is the name's slug, so case, accents, spaces and
 * punctuation do not make another competency ("Coördinatie " and "coordinatie", "Klant-gerichtheid"
 * and "klant gerichtheid" are one each), and it is URL-safe for the deep link `competency/<key>`. A name without letters or
 * digits still gets a key.
 */
export function competencyKey(name: string): string {
  return keyFromTitle(name) || 'competentie';
}

/**
 * How tasks are matched across roles in the compare view: the same task copied between documents
 * often differs only in a closing full stop, a typographic apostrophe or a dash. Stricter than
 * `competencyKey` on purpose: a task is a sentence, and other punctuation can change its meaning.
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
