/**
 * The performance mark HostRoot sets at the tab's first meaningful render; the browser bench
 * (src/cli/bench/browser.ts) reads it. A module of its own so Node can import it without React.
 */
export const READY_MARK = 'functiewijzer:ready';

/**
 * Set when the catalogue's row scan has answered after its first screen (issue 15): from then on
 * every status in the list is exact. The browser bench reports it beside READY_MARK.
 */
export const STATUS_EXACT_MARK = 'functiewijzer:statuses-exact';

/**
 * Marks of a warm open's restore of the persisted cache, so a trace or `performance` shows where
 * the time between navigation and READY_MARK goes: reading the stored record, validating it,
 * and completing the catalogue with its search text after the first paint.
 */
export const RESTORE_MARKS = {
  start: 'functiewijzer:restore:start',
  read: 'functiewijzer:restore:read',
  validated: 'functiewijzer:restore:validated',
  searchText: 'functiewijzer:restore:search-text',
} as const;
