/**
 * Grade ranges (functionele loopbaan, weddeschaal) as the surveyed documents write them, in one
 * notation: "B1-B3". "B1-B2-B3", "B1 – B3", "(B1-B3)", "B1-3", "B1/B3" and "A1a2a3a" are all
 * one range from its lowest to its highest grade; "C1-C2 / D1-D3" is two ranges and stays two.
 * Text that is no range ("Decretale graad", "rang Cv") is kept as written.
 */

type Grade = { family: string; number: number; sub: string };

// A grade: a family of one to three capitals ("B", "BV"), a number, an optional sub-letter.
const GRADE = /^([A-Z]{1,3})(\d{1,2})([a-z]?)/u;
// A later grade may leave its family out ("B1-3", "A1a2a3a").
const LATER = /^([A-Z]{1,3})?(\d{1,2})([a-z]?)/u;

/** "B1-B2-B3" → the grades in order, or null when the text is not one range. */
function gradesOf(text: string): Grade[] | null {
  const first = GRADE.exec(text);
  if (!first) return null;
  const grades: Grade[] = [
    { family: first[1] ?? '', number: Number(first[2]), sub: first[3] ?? '' },
  ];
  let rest = text.slice(first[0].length);
  while (rest !== '') {
    const sep = /^[-/]/u.exec(rest);
    if (sep) rest = rest.slice(1);
    const m = LATER.exec(rest);
    // Without a separator only a sub-letter shows where a grade ends ("A1a2a3a").
    if (!m || m[0] === '' || (!sep && (grades.at(-1)?.sub ?? '') === '')) return null;
    const family = m[1] ?? grades[0]?.family ?? '';
    if (family !== grades[0]?.family) return null;
    grades.push({ family, number: Number(m[2]), sub: m[3] ?? '' });
    rest = rest.slice(m[0].length);
  }
  return grades;
}

const write = (g: Grade): string => `${g.family}${g.number}${g.sub}`;

function normaliseOne(part: string): string | null {
  const compact = part
    .replace(/[()]/g, '')
    .replace(/[–—‒−]/g, '-')
    .replace(/\s*([-/])\s*/g, '$1')
    .trim();
  const grades = gradesOf(compact);
  if (!grades) return null;
  const low = grades[0];
  const high = grades.at(-1);
  if (!low || !high) return null;
  return grades.length === 1 ? write(low) : `${write(low)}-${write(high)}`;
}

export function normaliseCareerPath(text: string): string {
  const trimmed = text.trim();
  const one = normaliseOne(trimmed);
  if (one !== null) return one;
  // "C1-C2 / D1-D3", "C1-C3 en D1-D3": two ranges of different families.
  const parts = trimmed.split(/\s+\/\s+|\s*;\s*|\s+(?:en|of)\s+/u);
  if (parts.length > 1) {
    const each = parts.map(normaliseOne);
    if (each.every((p): p is string => p !== null)) return each.join(' / ');
  }
  return trimmed.replace(/\s+/g, ' ');
}

/** Does the value read as a range of grades (rather than a graad name)? */
export function looksLikeGradeRange(text: string): boolean {
  const normal = normaliseCareerPath(text);
  return normal.split(' / ').every((p) => gradesOf(p) !== null);
}

/** Between a graad name and a range written beside it: a dash, comma, colon or slash. */
const NAME_RANGE_GLUE = /^[\s–—‒−\-,:;/]+|[\s–—‒−\-,:;/]+$/gu;

/** Does `text` name something (three letters in a row), rather than only grades? */
const hasName = (text: string): boolean => /\p{L}{3}/u.test(text);

/**
 * A graad name as it is stored: spaces collapsed, enclosing brackets and trailing punctuation
 * removed, and a range written beside the name split off ("Deskundige (B1-B3)", "B1-B3
 * Deskundige", "Deskundige – B1 – B3"); `range` is that range as written, for the career path.
 * A value that is only a range stays what it is: the label said it was the graad.
 */
export function normaliseGrade(text: string): { grade: string; range: string | null } {
  const spaced = text.replace(/\s+/gu, ' ').trim();
  const { name, range } = splitRange(spaced);
  const grade = name
    .replace(/^\((.*)\)$/u, '$1')
    .replace(/^["'“”‘’](.*)["'“”‘’]$/u, '$1')
    .replace(/\s*[.,;:]+$/u, '')
    .trim();
  return grade === '' ? { grade: spaced, range: null } : { grade, range };
}

function splitRange(text: string): { name: string; range: string | null } {
  // A bracketed range at either end: "Deskundige (B1-B3)", "(B1-B3) Deskundige".
  const bracketed =
    /^(.*?)\s*\(([^()]+)\)\s*$/u.exec(text) ?? /^\s*\(([^()]+)\)\s*(.*)$/u.exec(text);
  if (bracketed) {
    const [name, range] = text.trimEnd().endsWith(')')
      ? [bracketed[1] ?? '', bracketed[2] ?? '']
      : [bracketed[2] ?? '', bracketed[1] ?? ''];
    if (hasName(name) && looksLikeGradeRange(range)) {
      return { name: name.replace(NAME_RANGE_GLUE, ''), range: range.trim() };
    }
  }
  // Unbracketed, at either end: the most words that still read as one range ("B1 – B3").
  const words = text.split(' ');
  for (let k = words.length - 1; k >= 1; k--) {
    const ends: Array<[string, string]> = [
      [words.slice(0, words.length - k).join(' '), words.slice(words.length - k).join(' ')],
      [words.slice(k).join(' '), words.slice(0, k).join(' ')],
    ];
    for (const [name, range] of ends) {
      const bare = range.replace(NAME_RANGE_GLUE, '');
      if (bare !== '' && /\d/u.test(bare) && hasName(name) && looksLikeGradeRange(bare)) {
        return { name: name.replace(NAME_RANGE_GLUE, ''), range: bare };
      }
    }
  }
  return { name: text, range: null };
}
