import { isoDateSchema, type Approval } from '../domain/schema';
import type { IssueLog } from './issues';
import { APPROVAL_START } from './parse-sections';
import { joinText, type SourceLine } from './parse-text';

/** "Goedkeuring besluit algemeen directeur van 9 februari 2023." → who approved, and when. */

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  maa: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const DATE = String.raw`(\d{1,2})\s*(?:(\p{L}+)\.?\s*|[./-](\d{1,2})[./-])(\d{4})`;
// "Goedkeuring besluit algemeen directeur van 9 februari 2023." — the body is read from the line.
const APPROVAL = new RegExp(
  String.raw`^(?:goedkeuring|goedgekeurd|vastgesteld|bekrachtigd)(?:\s+(?:bij|door))?(?:\s+(?:het\s+)?besluit)?(?:\s+van)?(?:\s+(?:de|het))?\s+(.+?)\s+(?:van|op|d\.\s?d\.|dd\.?)\s+${DATE}\s*\.?$`,
  'iu',
);

export function approvalOf(lines: readonly SourceLine[], log: IssueLog): Approval | null {
  const first = lines[0];
  if (!first || !APPROVAL_START.test(first.text)) return null;
  for (let n = 1; n <= Math.min(3, lines.length); n++) {
    const text = joinText(lines.slice(0, n).map((l) => l.text));
    const m = APPROVAL.exec(text);
    if (!m) continue;
    const day = Number(m[2]);
    const month = m[3] !== undefined ? MONTHS[m[3].toLowerCase()] : Number(m[4]);
    const iso = `${m[5] ?? ''}-${String(month ?? 0).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (month === undefined || !isoDateSchema.safeParse(iso).success) {
      log.warn(
        first.line,
        `de datum in de goedkeuringsregel is geen geldige datum: '${text}'; de goedkeuring is niet overgenomen`,
      );
      return null;
    }
    const rest = lines.slice(n);
    if (rest.length > 0) {
      log.warn(
        rest[0]?.line ?? null,
        `tekst na de goedkeuringsregel is niet overgenomen: '${joinText(rest.map((l) => l.text))}'`,
      );
    }
    return { approvedBy: joinText([m[1] ?? '']), decisionDate: iso };
  }
  log.warn(
    first.line,
    `goedkeuringsregel niet begrepen (verwacht bv. 'Goedkeuring besluit algemeen directeur van 9 februari 2023.'); de goedkeuring is niet overgenomen`,
  );
  return null;
}

/** Some templates state the approval among the general data at the top. */
export function approvalInHeader(lines: readonly SourceLine[], log: IssueLog): Approval | null {
  const at = lines.findIndex((l) => APPROVAL_START.test(l.text) && APPROVAL.test(l.text));
  return at < 0 ? null : approvalOf(lines.slice(at, at + 1), log);
}
