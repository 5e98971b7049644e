import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  emulatorPermissions,
  emulatorSharePoint,
  emulatorTokens,
  LOCAL_SITE,
  PERSONAS,
} from '../../src/cli/local-stack';
import { startEmulator } from '../../src/emulator/server';
import {
  createGraphClient,
  type Exchange,
  type GraphClientOptions,
  type GraphHttp,
} from '../../src/graph/client';
import {
  type PermissionWriter,
  provision,
  type SharePointProvisioning,
} from '../../src/graph/provision';
import { principalLogins } from '../../src/graph/provision-sharepoint';
import { SharePointRest } from '../../src/graph/sharepoint-rest';
import { DirectoryRepository } from '../../src/graph/repositories/directory';
import { createRepositories, type Repositories } from '../../src/graph/repositories';
import { loadSiteLists, resolveSiteId, type SiteLists, type SiteRef } from '../../src/graph/site';
import { createLocalPersonaTokenProvider } from '../../src/auth/local-personas';
import type { FunctionDescription } from '../../src/domain/schema';
import { formatReport, writeDescriptions } from '../../src/graph/import-writer';
import type { TabRepositories } from '../../src/tab/shared/host-context';
import { createTabRepositories, type TabRepositoryOptions } from '../../src/tab/host/repositories';
import type { ApprovalService } from '../../src/services/approval';
import { createServices } from '../../src/services';
import { LOCAL_GROUPS } from '../../src/services/identity';
import { startedAround } from '../support/started-around';
import {
  LOCAL_APPROVAL_CHANNEL,
  type ApprovalChannelSettings,
} from '../../src/teams/approval-card';

/**
 * What an integration test runs against: the real graph client and either the in-process
 * emulator (always) or a real tenant (when GRAPH_TENANT_TEST=1 and its variables are set).
 * Nothing is mocked between the client and the server.
 */

export type Persona = keyof typeof PERSONAS;

export interface Target {
  name: 'emulator' | 'tenant';
  site: SiteLists;
  siteId: string;
  siteRef: SiteRef;
  /** A client acting as the persona, reporting every HTTP exchange to `log` when given. */
  client(persona: Persona, extra?: Partial<GraphClientOptions>): GraphHttp;
  repos(persona: Persona, extra?: Partial<GraphClientOptions>): Repositories;
  /** The emulator's control API for list grants (tests only); null on a tenant. */
  permissions: PermissionWriter | null;
  /** SharePoint REST on the site as IT, as provisioning uses it (both targets). */
  sharePoint: SharePointProvisioning;
  /** Emulator control API (faults, reset); null on a tenant. */
  control: Control | null;
  close(): Promise<void>;
}

export interface Control {
  url: string;
  addFaults(rules: unknown[]): Promise<void>;
  /** How often each active rule matched and fired. */
  faults(): Promise<{ seen: number; fired: number }[]>;
  clearFaults(): Promise<void>;
}

/** No waiting in tests: a retry's wait is recorded, not slept (there are no timing assertions). */
export function instantRetries(waits: number[] = []): Partial<GraphClientOptions> {
  return {
    retry: {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}

/** Counts the HTTP exchanges of a client: what "round trips" means in these tests. */
export function exchangeLog(): { log: Exchange[]; options: Partial<GraphClientOptions> } {
  const log: Exchange[] = [];
  return { log, options: { onExchange: (e) => log.push(e) } };
}

/** One emulator target for the tests of the file (or `describe` block) it is called in. */
export function useEmulatorTarget(): Target {
  return startedAround(startEmulatorTarget, (target) => target.close());
}

export async function startEmulatorTarget(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-it-'));
  // Never throttled by an EMULATOR_THROTTLING left in the shell: tests that want it ask for it.
  const emulator = await startEmulator({ port: 0, dataDir, quiet: true, throttling: null });
  const client = (persona: Persona, extra: Partial<GraphClientOptions> = {}): GraphHttp =>
    createGraphClient({
      baseUrl: emulator.graphBaseUrl,
      getToken: emulatorTokens(emulator.url, PERSONAS[persona]),
      ...instantRetries(),
      ...extra,
    });
  const admin = client('admin');
  const siteId = await resolveSiteId(admin, LOCAL_SITE);
  const permissions = emulatorPermissions(
    emulator.url,
    admin,
    emulatorTokens(emulator.url, PERSONAS.admin),
  );
  const sharePoint = await emulatorSharePoint(emulator.url, admin);
  await provision(admin, siteId, { sharePoint });
  const site = await loadSiteLists(admin, siteId);
  const control: Control = {
    url: emulator.url,
    async addFaults(rules) {
      const response = await fetch(`${emulator.url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ rules }),
      });
      if (!response.ok) throw new Error(`faults: HTTP ${response.status} ${await response.text()}`);
    },
    async faults() {
      const response = await fetch(`${emulator.url}/_emulator/faults`);
      const body = (await response.json()) as { rules: { seen: number; fired: number }[] };
      return body.rules;
    },
    async clearFaults() {
      const response = await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
      if (!response.ok) throw new Error(`faults wissen: HTTP ${response.status}`);
    },
  };
  return {
    name: 'emulator',
    site,
    siteId,
    siteRef: LOCAL_SITE,
    client,
    repos: (persona, extra) => createRepositories(client(persona, extra), site),
    permissions,
    sharePoint,
    control,
    async close() {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const TENANT_TOKENS: Record<Persona, string> = {
  staff: 'GRAPH_TOKEN_STAFF',
  hr: 'GRAPH_TOKEN_HR',
  approver: 'GRAPH_TOKEN_APPROVER',
  approver2: 'GRAPH_TOKEN_APPROVER2',
  admin: 'GRAPH_TOKEN_ADMIN',
};

/**
 * The tenant target, or the reason it cannot run. Tokens are delegated tokens of five test users
 * (one per role) for a test site that `npm run provision -- --tenant` has set up and whose list
 * permissions IT has set as that command prints.
 */
export function tenantTargetConfig(env: NodeJS.ProcessEnv = process.env):
  | {
      ok: true;
      siteUrl: string;
      tenantId: string;
      sharePointToken: string;
      baseUrl: string;
      site: SiteRef;
      tokens: Record<Persona, string>;
    }
  | { ok: false; reason: string } {
  if (env['GRAPH_TENANT_TEST'] !== '1') {
    return {
      ok: false,
      reason: 'GRAPH_TENANT_TEST is niet 1 (de tenantvariant draait alleen op vraag)',
    };
  }
  const missing = [
    'GRAPH_BASE_URL',
    'SHAREPOINT_SITE',
    'TENANT_ID',
    'SHAREPOINT_TOKEN_ADMIN',
    ...Object.values(TENANT_TOKENS),
  ].filter((v) => !env[v]);
  if (missing.length > 0)
    return { ok: false, reason: `ontbrekende variabelen: ${missing.join(', ')}` };
  const url = new URL(env['SHAREPOINT_SITE'] as string);
  const tokens = Object.fromEntries(
    Object.entries(TENANT_TOKENS).map(([persona, variable]) => [persona, env[variable] as string]),
  ) as Record<Persona, string>;
  return {
    ok: true,
    siteUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    tenantId: env['TENANT_ID'] as string,
    sharePointToken: env['SHAREPOINT_TOKEN_ADMIN'] as string,
    baseUrl: env['GRAPH_BASE_URL'] as string,
    site: { hostname: url.hostname, path: url.pathname.replace(/\/+$/, '') },
    tokens,
  };
}

export async function startTenantTarget(
  config: Extract<ReturnType<typeof tenantTargetConfig>, { ok: true }>,
): Promise<Target> {
  const client = (persona: Persona, extra: Partial<GraphClientOptions> = {}): GraphHttp =>
    createGraphClient({
      baseUrl: config.baseUrl,
      getToken: () => Promise.resolve(config.tokens[persona]),
      ...extra,
    });
  const siteId = await resolveSiteId(client('admin'), config.site);
  const site = await loadSiteLists(client('admin'), siteId);
  return {
    name: 'tenant',
    site,
    siteId,
    siteRef: config.site,
    client,
    repos: (persona, extra) => createRepositories(client(persona, extra), site),
    permissions: null,
    sharePoint: {
      rest: new SharePointRest({
        siteUrl: config.siteUrl,
        getToken: () => Promise.resolve(config.sharePointToken),
      }),
      principals: await principalLogins(new DirectoryRepository(client('admin')), config.tenantId),
    },
    control: null,
    close: () => Promise.resolve(),
  };
}

/**
 * Declares `body` once per target: always the emulator; the tenant when configured, otherwise a
 * line that says why it is not run (no skipped tests are committed).
 */
export function describeTargets(
  name: string,
  body: (target: () => Target, kind: Target['name']) => void,
): void {
  describe(`${name} [emulator]`, () => {
    let target: Target | undefined;
    beforeAll(async () => {
      target = await startEmulatorTarget();
    });
    afterAll(async () => {
      await target?.close();
    });
    body(() => {
      if (!target) throw new Error('emulator niet gestart');
      return target;
    }, 'emulator');
  });
  const tenant = tenantTargetConfig();
  if (!tenant.ok) {
    console.info(`${name} [tenant] niet uitgevoerd: ${tenant.reason}`);
    return;
  }
  describe(`${name} [tenant]`, () => {
    let target: Target | undefined;
    beforeAll(async () => {
      target = await startTenantTarget(tenant);
    });
    body(() => {
      if (!target) throw new Error('tenant niet bereikbaar');
      return target;
    }, 'tenant');
  });
}

/** A key no earlier run used, so tests on a shared tenant site do not collide. */
export function uniqueKey(base: string): string {
  return `${base}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * Writes descriptions into the lists as HR, without their approval lines (the tests decide
 * through the approval flow), and fails with the import's own report when any did not land.
 */
export async function writeAsHr(target: Target, docs: FunctionDescription[]): Promise<void> {
  const hr = target.repos('hr');
  const report = await writeDescriptions(docs, {
    roles: hr.roles,
    competencies: hr.competencies,
    decisions: null,
  });
  if (report.failed) throw new Error(formatReport(report));
}

/**
 * The tab's own repositories (what the Teams tab reads through), as a persona of the emulator;
 * `options` as the tab's boot would pass them (a recording fetch, what the tab opens on).
 */
export function tabRepositoriesAs(
  target: Target,
  persona: Persona,
  options: Omit<TabRepositoryOptions, 'graphBaseUrl' | 'site' | 'tokenProvider'> = {},
): TabRepositories {
  const control = target.control;
  if (!control) throw new Error('alleen tegen de emulator');
  return createTabRepositories({
    ...options,
    graphBaseUrl: `${control.url}/v1.0`,
    site: target.siteRef,
    tokenProvider: createLocalPersonaTokenProvider({
      emulatorUrl: control.url,
      initialUpn: PERSONAS[persona],
    }),
  });
}

/**
 * The approval service as a persona, on a fixed day. `channel` defaults to the emulator's
 * approvals channel; `client` adjusts that persona's Graph client (a lossy fetch, retries).
 */
export function approvalServiceAs(
  target: Target,
  persona: Persona,
  options: {
    today: string;
    channel?: ApprovalChannelSettings | null;
    client?: Partial<GraphClientOptions>;
  },
): ApprovalService {
  return createServices({
    repos: target.repos(persona, options.client),
    groups: LOCAL_GROUPS,
    channel: options.channel === undefined ? LOCAL_APPROVAL_CHANNEL : options.channel,
    today: () => options.today,
  }).approval;
}
