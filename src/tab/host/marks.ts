/**
 * The performance mark HostRoot sets at the tab's first meaningful render; the browser bench
 * (src/cli/bench/browser.ts) reads it. A module of its own so Node can import it without React.
 */
export const READY_MARK = 'functiewijzer:ready';
