import type { CatalogueEntry } from '../../shared/host-context';

/**
 * Search over titles, tasks and competency names, in memory: the index is built once per
 * catalogue, so a keystroke costs no network and no re-normalisation. Case and diacritics do not
 * matter ("competentie" finds "Compétentie", "kopieren" finds "kopiëren").
 *
 * Built for 2,000 roles with some 60 texts each: one normalised haystack per role answers "does
 * it match" with one `includes` per word; why a role matched is only worked out for the rows on
 * screen (`reason`), because that is the expensive part and a list shows a dozen rows.
 */

export type MatchReason =
  { field: 'title' } | { field: 'competency'; text: string } | { field: 'task'; text: string };

export interface SearchResult {
  /** How many roles match. */
  size: number;
  has(key: string): boolean;
  /** Why `key` matched; computed on first request and remembered. */
  reason(key: string): MatchReason | null;
}

export interface SearchIndex {
  /** The matching roles, or null when the query is empty (no search: everything). */
  search(query: string): SearchResult | null;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITE_SPACE = /\s+/g;
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Lower case, no diacritics. White space is left alone: query terms never contain any, and
 * collapsing it is the costliest step over 2,000 roles' worth of text.
 */
function fold(text: string): string {
  // Most catalogue text is plain ASCII; NFKD is only needed where there is something to strip.
  const stripped = NOT_ASCII.test(text)
    ? text.normalize('NFKD').replace(COMBINING_MARKS, '')
    : text;
  return stripped.toLowerCase();
}

/** Lower case, no diacritics, single spaces. */
export function normaliseText(text: string): string {
  return fold(text).replace(WHITE_SPACE, ' ').trim();
}

function terms(query: string): string[] {
  return normaliseText(query)
    .split(' ')
    .filter((term) => term !== '');
}

interface IndexedRole {
  entry: CatalogueEntry;
  /** Every searchable text of the role, normalised and joined. */
  haystack: string;
}

// A separator no query term can contain (terms have no control characters or spaces).
const SEPARATOR = '\u0001';

export interface IncrementalSearchIndex extends SearchIndex {
  /**
   * Indexes more roles for about `budgetMs`; true once every role is indexed. A search before
   * that finishes the rest first, so results are always complete.
   */
  work(budgetMs: number): boolean;
}

/** An index that is built in small slices (see `work`), so building never blocks a frame. */
export function createSearchIndex(entries: readonly CatalogueEntry[]): IncrementalSearchIndex {
  const roles = new Map<string, IndexedRole>();
  let next = 0;
  const work = (budgetMs: number): boolean => {
    const deadline = performance.now() + budgetMs;
    while (next < entries.length) {
      const entry = entries[next]!;
      next += 1;
      const parts = [entry.title];
      for (const competency of entry.competencies) parts.push(competency.name);
      for (const task of entry.tasks) parts.push(task);
      // One fold per role rather than per text: far fewer calls for the same characters.
      roles.set(entry.key, { entry, haystack: fold(parts.join(SEPARATOR)) });
      if (next % 50 === 0 && performance.now() > deadline) break;
    }
    return next >= entries.length;
  };

  /**
   * The field that explains the match best: the one containing most of the words, earlier
   * fields (title, then competencies, then tasks) winning ties — a title match says the most.
   */
  const explain = (entry: CatalogueEntry, queryTerms: readonly string[]): MatchReason => {
    const score = (text: string) => {
      const value = fold(text);
      let count = 0;
      for (const term of queryTerms) if (value.includes(term)) count += 1;
      return count;
    };
    let best: MatchReason = { field: 'title' };
    let bestScore = score(entry.title);
    if (bestScore === queryTerms.length) return best;
    const fields: Array<['competency' | 'task', string]> = [
      ...entry.competencies.map((c): ['competency', string] => ['competency', c.name]),
      ...entry.tasks.map((task): ['task', string] => ['task', task]),
    ];
    for (const [field, text] of fields) {
      const value = score(text);
      if (value > bestScore) {
        best = { field, text };
        bestScore = value;
        if (value === queryTerms.length) break;
      }
    }
    return best;
  };

  return {
    work,
    search(query) {
      const queryTerms = terms(query);
      if (queryTerms.length === 0) return null;
      work(Number.POSITIVE_INFINITY);
      const matches = new Set<string>();
      for (const [key, role] of roles) {
        if (queryTerms.every((term) => role.haystack.includes(term))) matches.add(key);
      }
      const reasons = new Map<string, MatchReason>();
      return {
        size: matches.size,
        has: (key) => matches.has(key),
        reason(key) {
          const role = roles.get(key);
          if (!role || !matches.has(key)) return null;
          let reason = reasons.get(key);
          if (!reason) {
            reason = explain(role.entry, queryTerms);
            reasons.set(key, reason);
          }
          return reason;
        },
      };
    },
  };
}

export function buildSearchIndex(entries: readonly CatalogueEntry[]): SearchIndex {
  const index = createSearchIndex(entries);
  index.work(Number.POSITIVE_INFINITY);
  return index;
}

/**
 * A stretch of `text` around the first place a query term occurs, at most `max` characters,
 * with an ellipsis where it was cut: a long task is shown by the part that matched.
 */
export function snippetAround(text: string, query: string, max = 90): string {
  if (text.length <= max) return text;
  const queryTerms = terms(query);
  // Map each normalised character back to its original position; normalising can change length.
  let folded = '';
  const origin: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const piece = normaliseCharacter(text.charAt(index));
    folded += piece;
    for (let k = 0; k < piece.length; k += 1) origin.push(index);
  }
  const hits = queryTerms.map((term) => folded.indexOf(term)).filter((hit) => hit >= 0);
  const at = hits.length > 0 ? (origin[Math.min(...hits)] ?? 0) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(max / 3), text.length - max));
  const end = Math.min(text.length, start + max);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

function normaliseCharacter(character: string): string {
  return character.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(/\s/g, ' ');
}
