import { spawn } from 'node:child_process';
import type { TenantRuntimeConfig } from '../../teams/runtime-config';
import { ensureTabBuild } from './build';
import { readTabServerEnv } from './config';
import { startTabServer, type TabServer } from './server';
import { tlsFor } from './tls';

/** What `npm start` does with the tab server: build, serve, print the URLs, open a browser. */

/**
 * Opens `url` in the desktop browser, only where a person is sitting: never with CI set, never
 * without a terminal, never on a Linux machine without a display.
 */
export interface OpenBrowserOptions {
  isTTY?: boolean;
  platform?: NodeJS.Platform;
  spawn?: (
    program: string,
    args: string[],
  ) => { on(event: 'error', listener: () => void): unknown; unref(): void };
}

export function openInBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  options: OpenBrowserOptions = {},
): boolean {
  const isTTY = options.isTTY ?? process.stdout.isTTY === true;
  if (env.CI || env.BROWSER === 'none' || !isTTY) return false;
  const platform = options.platform ?? process.platform;
  const command =
    platform === 'darwin'
      ? ['open', url]
      : platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : env.DISPLAY || env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : null;
  if (!command) return false;
  const [program, ...args] = command as [string, ...string[]];
  const launch =
    options.spawn ??
    ((file: string, argv: string[]) => spawn(file, argv, { detached: true, stdio: 'ignore' }));
  const child = launch(program, args);
  child.on('error', () => undefined);
  child.unref();
  return true;
}

export interface LocalTabOptions {
  root: string;
  /** The emulator's root URL, e.g. http://127.0.0.1:53001 */
  emulatorUrl: string;
  /** The site the local stack provisioned the lists on. */
  site: { hostname: string; path: string };
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** `npm start -- --https`: serve with the local certificate. */
  https?: boolean;
}

/**
 * What `npm start` does for the tab in local mode: build if needed, serve on PORT (default
 * 53000), print the URLs, and open the local Teams host unless CI is set.
 */
export async function startLocalTab(options: LocalTabOptions): Promise<TabServer> {
  const { port } = readTabServerEnv(options.env ?? process.env);
  const log = options.log ?? ((line: string) => console.log(line));
  await ensureTabBuild(options.root, log);
  const emulatorUrl = options.emulatorUrl.replace(/\/+$/, '');
  const server = await startTabServer({
    root: options.root,
    port,
    config: { mode: 'local', emulatorUrl, graphBaseUrl: `${emulatorUrl}/v1.0`, site: options.site },
    tls: await tlsFor(options.root, options.https, log),
  });
  log(`Functiewijzer (tabblad):    ${server.url}`);
  log(`Lokale Teams-host:          ${server.teamsHostUrl ?? ''}`);
  if (server.teamsHostUrl) openInBrowser(server.teamsHostUrl, options.env ?? process.env);
  return server;
}

export interface TenantTabOptions {
  root: string;
  /** The validated tenant configuration (`loadTenantConfig`), as `/config.json` serves it. */
  config: TenantRuntimeConfig;
  /** TAB_ENDPOINT: where Teams will load the tab from, compared with where it is served. */
  tabEndpoint: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  https?: boolean;
}

/**
 * `npm start -- --env <name>`: the tab against the real tenant, no emulator and no local Teams
 * host. Meant for sideloading into a Teams client, so it says when TAB_ENDPOINT (which the app
 * package sends Teams to) is not the address it serves.
 */
export async function startTenantTab(options: TenantTabOptions): Promise<TabServer> {
  const { port } = readTabServerEnv(options.env ?? process.env);
  const log = options.log ?? ((line: string) => console.log(line));
  await ensureTabBuild(options.root, log);
  const server = await startTabServer({
    root: options.root,
    port,
    config: options.config,
    tls: await tlsFor(options.root, options.https, log),
  });
  log(`Functiewijzer (tabblad, tenant):  ${server.url}`);
  if (new URL(server.url).origin !== new URL(options.tabEndpoint).origin) {
    log(
      `Let op: TAB_ENDPOINT is ${options.tabEndpoint}; Teams laadt het tabblad daar, niet op ${server.url}.`,
    );
  }
  return server;
}
