/** The languages the UI speaks: Dutch (nl-BE) first, English second (DESIGN §1). */
export type Locale = 'nl' | 'en';

// Our own month names rather than Intl: ICU data differs between browsers and Node builds
// (small-icu Node prints "M02"), and a label must read the same everywhere.
const MONTHS: Record<Locale, readonly string[]> = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/**
 * "2023-02-09" → "9 februari 2023" (nl) or "9 February 2023" (en). Reads the digits as written,
 * never through `Date`, so a decision date cannot move a day with the viewer's time zone. An ISO
 * date-time is accepted and its date part is used as written.
 */
export function formatIsoDate(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso);
  const month = match ? MONTHS[locale][Number(match[2]) - 1] : undefined;
  const day = match ? Number(match[3]) : 0;
  // Date.UTC only checks that the day exists in that month; no time zone is involved.
  const exists =
    match !== null &&
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, day)).getUTCDate() === day;
  if (!match || month === undefined || !exists) {
    throw new RangeError(`Ongeldige datum "${iso}": verwacht JJJJ-MM-DD, bv. 2023-02-09.`);
  }
  return `${day} ${month} ${match[1]}`;
}
