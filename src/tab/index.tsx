import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasPotentialHost } from '../teams/frame';
import type { HostMode, TeamsSession } from '../teams/teams-client';
import { App } from './app/App';
import { viewLoaders } from './app/lazy-views';
import { bootHost, type Sighting, type TenantBootDependencies } from './host/boot';
import { earlyHost, type ShownHost } from './host/boot-early';
import { BootFailure } from './host/BootFailure';
import { HostRoot } from './host/HostRoot';
import { READY_MARK } from './host/marks';
import { subPageIdFromUrl } from './host/plain-browser';
import { registerShellWorker } from './sw/register';

/**
 * The tab's entry point: boot the host glue, then render. teams-js is only fetched when there is
 * a frame or opener that could be Teams — and then in parallel with the runtime config — so a
 * plain browser never loads it and Teams does not wait for it longer than necessary. MSAL is
 * fetched only in tenant mode, so local mode never loads it.
 */

const container = document.getElementById('root');
if (!container) throw new Error('#root ontbreekt in index.html');
const root = createRoot(container);

const teamsClient = hasPotentialHost(window)
  ? import(/* webpackChunkName: "teams" */ '../teams/teams-client.js')
  : null;

async function connect(mode: HostMode): Promise<TeamsSession | null> {
  if (!teamsClient) return null;
  const { connectToTeams } = await teamsClient;
  return connectToTeams({ mode });
}

/*
 * The data layer (Graph client, repositories, services) is a chunk of its own: the first screen —
 * the skeleton, or a warm open's stored catalogue (host/boot-early.ts) — renders without it, and
 * the initial scripts stay within their budget (issue 15: 250 KB gzip). A cold open requests it
 * at once, so it downloads while the runtime config is read; a warm open that shows the stored
 * catalogue at once requests it after that first screen (or when boot needs it first), so its
 * evaluation does not hold up the stored list (issue 15: warm ≤ 0.3 s).
 */
type DataLayer = typeof import('./host/repositories.js');
let dataLayerLoad: Promise<DataLayer> | null = null;
const dataLayer = (): Promise<DataLayer> =>
  (dataLayerLoad ??= import(/* webpackChunkName: "data" */ './host/repositories.js'));

const tenant: TenantBootDependencies = {
  createTokenProvider: async (options) => {
    const { createMsalTokenProvider } = await import(
      /* webpackChunkName: "msal" */ '../auth/msal-token-provider.js'
    );
    return createMsalTokenProvider(options);
  },
};

/** Each attempt remounts the failure view, so it starts from the new error, not the old one. */
let attempt = 0;

function render(booted: ShownHost): void {
  root.render(
    <StrictMode>
      <HostRoot booted={booted} window={window} App={App} />
    </StrictMode>,
  );
}

function fail(error: unknown): void {
  attempt += 1;
  root.render(<BootFailure key={attempt} error={error} onBooted={render} onRetry={start} />);
}

function start(): void {
  // A warm open shows the last user's stored catalogue while boot identifies the user
  // (host/boot-early.ts): at once, or as soon as boot has seen who is at the device (the Teams
  // context, MSAL's cached sign-in). Once, and never after boot has settled; a retry after a
  // failure waits for boot.
  const opensEarly = attempt === 0;
  let settled = false;
  let shownEarly = false;
  const showEarly = (sighting?: Sighting): void => {
    if (!opensEarly || settled || shownEarly) return;
    const early = earlyHost(window, booting, sighting);
    if (!early) return;
    shownEarly = true;
    render(early);
  };
  const booting = bootHost({
    window,
    fetch: (input, init) => window.fetch(input, init),
    connect,
    createRepositories: async (options) => (await dataLayer()).createTabRepositories(options),
    readSignedInUser: async (options) => (await dataLayer()).readSignedInUser(options),
    tenant,
    onSighting: showEarly,
  });
  showEarly();
  if (!shownEarly) void dataLayer().catch(() => undefined);
  booting.then(
    (booted) => {
      settled = true;
      render(booted);
    },
    (error: unknown) => {
      settled = true;
      fail(error);
    },
  );
}

start();

/*
 * A deep link's view is fetched at once, beside the runtime config, instead of after boot (its
 * queries start only once its chunk is there): one round trip less for a role or a comparison
 * opened from a link. In Teams the link arrives with the context; those wait, as before.
 */
const linkedView = subPageIdFromUrl(window)?.split('/')[0];
if (linkedView === 'role' || linkedView === 'compare' || linkedView === 'competency') {
  void viewLoaders[linkedView]().catch(() => undefined);
}

/*
 * The app-shell service worker (sw/register.ts) is registered once the first screen is up, so
 * its install does not compete with the first load; a warm open then gets the page and scripts
 * without a round trip. Only production builds have one (webpack defines NODE_ENV by mode).
 */
const registerWorker = (): void => {
  void registerShellWorker(window, process.env.NODE_ENV === 'production');
};

/*
 * The role page is where nearly every open goes next: its chunk is fetched once the first screen
 * is up (HostRoot's ready mark), so a click on a role waits only for the role's data (issue 15:
 * role ≤ 0.6 s after the click; one round trip saved over a city's network).
 */
if (typeof PerformanceObserver === 'function') {
  const watch = new PerformanceObserver((entries, observer) => {
    if (!entries.getEntriesByName(READY_MARK).length) return;
    observer.disconnect();
    void dataLayer().catch(() => undefined);
    void viewLoaders.role().catch(() => undefined);
    registerWorker();
  });
  try {
    watch.observe({ type: 'mark', buffered: true });
  } catch {
    // An older engine without mark observation: the chunk loads on the click, as before, and
    // the worker once the page has loaded.
    window.addEventListener('load', registerWorker, { once: true });
  }
} else {
  window.addEventListener('load', registerWorker, { once: true });
}
