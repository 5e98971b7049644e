/**
 * Registers the app-shell worker (sw.js, shell-worker.ts) once the first screen is up, so its
 * install — the page and the build's scripts, mostly from the HTTP cache by then — does not
 * compete with the first load. A worker is an optimisation: where there is none (iOS Teams'
 * WKWebView without app-bound domains, a browser that refuses third-party storage) or it fails,
 * the tab runs as without one and nothing is reported.
 *
 * A development build (`webpack --mode development`) emits no sw.js and unregisters a worker a
 * production build left on the same origin, so an edit is never hidden behind a cached shell.
 */

export const SHELL_WORKER_URL = '/sw.js';

interface WindowWithWorkers {
  readonly navigator: Navigator;
}

export function registerShellWorker(win: WindowWithWorkers, production: boolean): Promise<void> {
  if (!('serviceWorker' in win.navigator)) return Promise.resolve();
  const container = win.navigator.serviceWorker;
  const work = production
    ? // `updateViaCache: 'none'`: every update check asks the server for sw.js itself.
      container
        .register(SHELL_WORKER_URL, { scope: '/', updateViaCache: 'none' })
        .then(() => undefined)
    : container
        .getRegistrations()
        .then((registrations) => Promise.all(registrations.map((r) => r.unregister())))
        .then(() => undefined);
  return work.catch(() => undefined);
}
