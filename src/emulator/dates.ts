/**
 * SharePoint keeps dates in the site's time zone. The emulated site is in Brussels, so a
 * date-only column stores local midnight and Graph answers it in UTC ("2023-02-08T23:00:00Z" for
 * 9 February in winter). Code that forgets this shows the day before — the emulator makes that
 * visible instead of hiding it behind a UTC-only world.
 */

export const SITE_TIME_ZONE = 'Europe/Brussels';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SITE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out['year'] ?? 0,
    month: out['month'] ?? 0,
    day: out['day'] ?? 0,
    hour: out['hour'] ?? 0,
    minute: out['minute'] ?? 0,
    second: out['second'] ?? 0,
  };
}

/** Minutes the site's zone is ahead of UTC at `instant`. */
function offsetMinutes(instant: number): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** UTC instant of local midnight on the given calendar date in the site's zone. */
function localMidnight(year: number, month: number, day: number): number {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - offsetMinutes(guess) * 60_000;
  // Across a DST change the offset at the guess can differ from the one at the result.
  instant = guess - offsetMinutes(instant) * 60_000;
  return instant;
}

export function isoSeconds(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time with an explicit offset or Z: SharePoint refuses ambiguous local times. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses what a client may send for a date column; null when it is not a date. */
export function parseDateInput(value: string): number | null {
  const d = DATE_ONLY.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const t = Date.UTC(y, m - 1, day);
    const check = new Date(t);
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== day) return null;
    return localMidnight(y, m, day);
  }
  if (!DATE_TIME.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** The stored (and returned) value of a date-only column for a written value. */
export function dateOnlyValue(value: string): string | null {
  const d = DATE_ONLY.exec(value);
  if (d) {
    if (parseDateInput(value) === null) return null;
    return isoSeconds(localMidnight(Number(d[1]), Number(d[2]), Number(d[3])));
  }
  const t = parseDateInput(value);
  if (t === null) return null;
  const p = localParts(t);
  return isoSeconds(localMidnight(p.year, p.month, p.day));
}

export function dateTimeValue(value: string): string | null {
  const t = parseDateInput(value);
  return t === null ? null : isoSeconds(t);
}
