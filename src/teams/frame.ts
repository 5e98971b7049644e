/**
 * True when there is a page that could be a Teams host: a parent frame or an opener. Kept apart
 * from teams-client.ts so the tab can decide without loading teams-js at all in a plain browser.
 */
export function hasPotentialHost(win: Window): boolean {
  try {
    return win.parent !== win.self || win.opener != null;
  } catch {
    // A cross-origin opener can throw on access: there is someone out there.
    return true;
  }
}
