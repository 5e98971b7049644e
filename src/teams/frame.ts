/**
 * True when there may be a Teams host: a parent frame or an opener (Teams on the web and on the
 * desktop), or the native interface Teams mobile injects into its top-level webview
 * (`window.nativeInterface`, teams-js' frameless path). Kept apart from teams-client.ts so the
 * tab can decide without loading teams-js at all in a plain browser; whether a host really is
 * there, `app.initialize()` decides.
 */
export function hasPotentialHost(win: Window): boolean {
  if ('nativeInterface' in win && (win as { nativeInterface?: unknown }).nativeInterface != null) {
    return true;
  }
  try {
    return win.parent !== win.self || win.opener != null;
  } catch {
    // A cross-origin opener can throw on access: there is someone out there.
    return true;
  }
}
