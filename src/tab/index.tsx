import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasPotentialHost } from '../teams/frame';
import type { HostMode, TeamsSession } from '../teams/teams-client';
import { App } from './app/App';
import { bootHost } from './host/boot';
import { BootFailure } from './host/BootFailure';
import { HostRoot } from './host/HostRoot';
import { createTabRepositories } from './host/repositories';

/**
 * The tab's entry point: boot the host glue, then render. teams-js is only fetched when there is
 * a frame or opener that could be Teams — and then in parallel with the runtime config — so a
 * plain browser never loads it and Teams does not wait for it longer than necessary.
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

bootHost({
  window,
  fetch: (input, init) => window.fetch(input, init),
  connect,
  createRepositories: createTabRepositories,
}).then(
  (booted) => {
    root.render(
      <StrictMode>
        <HostRoot booted={booted} window={window} App={App} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(<BootFailure error={error} />);
  },
);
