import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasPotentialHost } from '../teams/frame';
import type { HostMode, TeamsSession } from '../teams/teams-client';
import { App } from './app/App';
import { bootHost, type TenantBootDependencies } from './host/boot';
import { earlyHost, type ShownHost } from './host/boot-early';
import { BootFailure } from './host/BootFailure';
import { HostRoot } from './host/HostRoot';

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
 * The data layer (Graph client, repositories, services) is a chunk of its own, requested at once
 * so it downloads while the runtime config is read: the first screen — the skeleton, or a warm
 * open's stored catalogue (host/boot-early.ts) — renders without it, and the initial scripts stay
 * within their budget (issue 15: 250 KB gzip).
 */
const dataLayer = import(/* webpackChunkName: "data" */ './host/repositories.js');

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
  const booting = bootHost({
    window,
    fetch: (input, init) => window.fetch(input, init),
    connect,
    createRepositories: async (options) => (await dataLayer).createTabRepositories(options),
    readSignedInUser: async (options) => (await dataLayer).readSignedInUser(options),
    tenant,
  });
  // A warm open shows the last user's stored catalogue while boot identifies the user
  // (host/boot-early.ts); a retry after a failure waits for boot.
  const early = attempt === 0 ? earlyHost(window, booting) : null;
  if (early) render(early);
  booting.then(render, fail);
}

start();
