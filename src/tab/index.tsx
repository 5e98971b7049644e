import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasPotentialHost } from '../teams/frame';
import type { HostMode, TeamsSession } from '../teams/teams-client';
import { App } from './app/App';
import { bootHost, type BootedHost, type TenantBootDependencies } from './host/boot';
import { BootFailure } from './host/BootFailure';
import { HostRoot } from './host/HostRoot';
import { createTabRepositories, readSignedInUser } from './host/repositories';

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

function render(booted: BootedHost): void {
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
  bootHost({
    window,
    fetch: (input, init) => window.fetch(input, init),
    connect,
    createRepositories: createTabRepositories,
    readSignedInUser: (options) => readSignedInUser(options),
    tenant,
  }).then(render, fail);
}

start();
