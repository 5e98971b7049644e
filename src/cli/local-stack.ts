import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FunctionDescription } from '../domain/schema';
import {
  createGraphClient,
  decoratedUserAgent,
  type GraphClientOptions,
  type GraphHttp,
} from '../graph/client';
import {
  formatReport,
  notLanded,
  type ImportReport,
  progressBar,
  type ProgressStream,
  writeDescriptions,
} from '../graph/import-writer';
import { type Access, type Grant, GROUP_NAMES, type Principal } from '../graph/lists';
import { errorFromResponse, isDataError } from '../graph/errors';
import { DirectoryRepository } from '../graph/repositories/directory';
import { type Change, formatChange, type PermissionWriter, provision } from '../graph/provision';
import { principalLogins, type SharePointProvisioning } from '../graph/provision-sharepoint';
import { SharePointRest } from '../graph/sharepoint-rest';
import { createRepositories } from '../graph/repositories';
import { loadSiteLists, resolveSiteId, type SiteLists } from '../graph/site';
import { importFile } from '../import/import-file';
import { startEmulator } from '../emulator/server';
import { TENANT_ID } from '../emulator/tenant';

/**
 * The local stack: the Graph emulator, provisioned lists and (on first run) the two sample
 * descriptions, written as HR through Graph like any import. `npm start` composes this with the
 * tab server; tests and the bench start it in-process.
 */

export const DEFAULT_EMULATOR_PORT = 53001;
export const DEFAULT_EMULATOR_DATA = '.data/emulator';
export const LOCAL_SITE = {
  hostname: 'stadtienen.sharepoint.com',
  path: '/sites/functiewijzer',
} as const;

/** The personas the stack acts as: HR writes content, IT provisions, the director migrates his decisions. */
export const PERSONAS = {
  staff: 'sofie.maes@stadtienen.onmicrosoft.com',
  hr: 'hilde.janssens@stadtienen.onmicrosoft.com',
  approver: 'jan.peeters@stadtienen.onmicrosoft.com',
  approver2: 'els.wouters@stadtienen.onmicrosoft.com',
  admin: 'tom.vermeulen@stadtienen.onmicrosoft.com',
} as const;

export const SAMPLES_DIR = path.join(__dirname, '..', 'samples');

export interface LocalStackOptions {
  port?: number;
  dataDir?: string;
  /** Import the samples when the Functies list is empty (default true). */
  seed?: boolean;
  log?: (line: string) => void;
  /**
   * No "listening on" line from the emulator: a bench's `--json` prints the report object and
   * nothing else on stdout.
   */
  quiet?: boolean;
}

export interface LocalStack {
  emulator: { url: string; graphBaseUrl: string };
  siteId: string;
  site: SiteLists;
  /** What provisioning changed on this start (empty when nothing had to change). */
  provisioned: Change[];
  /** The sample import, when this start did one. */
  seeded: ImportReport | null;
  /** A Graph client acting as the given persona (UPN). */
  clientFor(upn: string, extra?: Partial<GraphClientOptions>): GraphHttp;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const emulator = await startEmulator({
    port: options.port ?? DEFAULT_EMULATOR_PORT,
    dataDir: path.resolve(options.dataDir ?? DEFAULT_EMULATOR_DATA),
    quiet: options.quiet ?? false,
  });
  try {
    const clientFor = (upn: string, extra: Partial<GraphClientOptions> = {}): GraphHttp =>
      createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, upn),
        ...extra,
      });
    const admin = clientFor(PERSONAS.admin);
    const siteId = await resolveSiteId(admin, LOCAL_SITE);
    const provisioned = await provision(admin, siteId, {
      sharePoint: await emulatorSharePoint(emulator.url, admin),
    });
    for (const change of provisioned) log(`inrichting: ${formatChange(change)}`);
    const site = await loadSiteLists(admin, siteId);

    let seeded: ImportReport | null = null;
    if (options.seed !== false) {
      const hr = createRepositories(clientFor(PERSONAS.hr), site);
      const roles = await hr.roles.catalogue();
      if (roles.roles.length === 0) {
        seeded = await seedSamples(site, clientFor, log);
      }
    }
    return {
      emulator: { url: emulator.url, graphBaseUrl: emulator.graphBaseUrl },
      siteId,
      site,
      provisioned,
      seeded,
      clientFor,
      close: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/**
 * An emulator for a one-off command (provision, import): the one `npm start` runs, when it is
 * up on EMULATOR_URL (default the standard port) — two processes must not share one data
 * directory — else one started in-process on the data directory for the duration of the command.
 */
export async function connectEmulator(env: NodeJS.ProcessEnv): Promise<{
  url: string;
  graphBaseUrl: string;
  startedHere: boolean;
  close: () => Promise<void>;
}> {
  const url = (
    env['EMULATOR_URL'] || `http://127.0.0.1:${env['EMULATOR_PORT'] || DEFAULT_EMULATOR_PORT}`
  ).replace(/\/+$/, '');
  const running = await fetch(`${url}/_emulator/personas`, {
    signal: AbortSignal.timeout(1500),
  }).then(
    (r) => r.ok,
    () => false,
  );
  if (running)
    return { url, graphBaseUrl: `${url}/v1.0`, startedHere: false, close: () => Promise.resolve() };
  if (env['EMULATOR_URL']) throw new Error(`Geen emulator bereikbaar op ${url} (EMULATOR_URL).`);
  const emulator = await startEmulator({
    port: 0,
    dataDir: path.resolve(env['EMULATOR_DATA'] || DEFAULT_EMULATOR_DATA),
    quiet: true,
  });
  return {
    url: emulator.url,
    graphBaseUrl: emulator.graphBaseUrl,
    startedHere: true,
    close: () => emulator.close(),
  };
}

/**
 * The samples, read by the importer and written through Graph as HR; their approval lines as
 * the algemeen directeur, the documented way to migrate a paper decision so that it counts
 * (docs/approval.md, "Which decisions count"): the director vouches for his own decisions. A sample that cannot be read is reported and
 * skipped: the stack must start on a fresh clone whatever the importer thinks of a file.
 */
async function seedSamples(
  site: SiteLists,
  clientFor: (upn: string) => GraphHttp,
  log: (line: string) => void,
): Promise<ImportReport | null> {
  const files = (await readdir(SAMPLES_DIR)).filter((f) => /\.(txt|docx|pdf)$/i.test(f)).sort();
  const descriptions: FunctionDescription[] = [];
  for (const file of files) {
    try {
      const result = await importFile(path.join(SAMPLES_DIR, file));
      if (result.ok) descriptions.push(result.description);
      else log(`voorbeeld ${file} niet ingelezen: ${result.errors.length} fout(en)`);
    } catch (error) {
      log(
        `voorbeeld ${file} niet ingelezen: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (descriptions.length === 0) return null;
  const hr = createRepositories(clientFor(PERSONAS.hr), site);
  const director = createRepositories(clientFor(PERSONAS.approver), site);
  const report = await writeDescriptions(descriptions, {
    roles: hr.roles,
    competencies: hr.competencies,
    decisions: director.decisions,
  });
  for (const d of report.documents) {
    log(d.ok ? `voorbeeld geladen: ${d.title}` : `voorbeeld ${d.title} niet geladen: ${d.message}`);
  }
  return report;
}

const tokenShape = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });

/**
 * Token source for a persona, minted by the emulator's control API. Cached until shortly before
 * it expires; never logged.
 */
export function emulatorTokens(
  emulatorUrl: string,
  upn: string,
  /** The resource the token is for: Graph unless given (e.g. the site's SharePoint origin). */
  resource?: string,
): () => Promise<string> {
  let cached: { token: string; until: number } | null = null;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    const response = await fetch(`${emulatorUrl}/_emulator/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(resource === undefined ? { upn } : { upn, resource }),
    });
    if (!response.ok)
      throw new Error(`De emulator gaf geen token voor ${upn} (HTTP ${response.status}).`);
    const body = tokenShape.parse(await response.json());
    const lifetime = (body.expires_in ?? 3600) * 1000;
    cached = {
      token: body.access_token,
      until: Date.now() + lifetime - Math.min(60_000, lifetime / 2),
    };
    return cached.token;
  };
}

/**
 * SharePoint REST on the emulator's product site, as the given persona (IT by default), with a
 * token for the SharePoint resource as in a tenant; the principals as a tenant has them.
 */
export async function emulatorSharePoint(
  emulatorUrl: string,
  owner: GraphHttp,
  upn: string = PERSONAS.admin,
): Promise<SharePointProvisioning> {
  return {
    rest: new SharePointRest({
      siteUrl: `${emulatorUrl}${LOCAL_SITE.path}`,
      getToken: emulatorTokens(emulatorUrl, upn, `https://${LOCAL_SITE.hostname}`),
    }),
    principals: await principalLogins(new DirectoryRepository(owner), TENANT_ID),
  };
}

/**
 * List permissions through the emulator's one non-Graph endpoint
 * (`/_emulator/lists/{id}/permissions`, see docs/emulator.md), as the site owner. Groups are
 * found by display name through Graph's `/groups`, as IT would find them.
 */
export function emulatorPermissions(
  emulatorUrl: string,
  owner: GraphHttp,
  getToken: () => Promise<string>,
): PermissionWriter {
  const roleOf: Record<Access, string> = { read: 'read', add: 'addOnly', contribute: 'contribute' };
  const accessOf: Record<string, Access | undefined> = {
    read: 'read',
    addOnly: 'add',
    contribute: 'contribute',
  };
  let groupIds: Map<Principal, string> | undefined;
  const groups = async (): Promise<Map<Principal, string>> => {
    if (groupIds) return groupIds;
    const directory = new DirectoryRepository(owner);
    const found = new Map<Principal, string>();
    for (const [principal, displayName] of Object.entries(GROUP_NAMES) as [Principal, string][]) {
      found.set(principal, await directory.findGroupId(displayName));
    }
    groupIds = found;
    return found;
  };
  const call = async (method: 'GET' | 'POST', listId: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(
      `${emulatorUrl}/_emulator/lists/${encodeURIComponent(listId)}/permissions`,
      {
        method,
        headers: {
          Authorization: `Bearer ${await getToken()}`,
          'Content-Type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
    );
    const parsed: unknown = await response.json().catch(() => undefined);
    if (!response.ok)
      throw errorFromResponse(response.status, parsed, {
        request: `${method} /_emulator/lists/…/permissions`,
      });
    return parsed;
  };
  const shape = z.object({
    inheritFromSite: z.boolean(),
    grants: z.array(z.object({ principalId: z.string(), role: z.string() }).loose()),
  });
  return {
    async read(_siteId, listId) {
      const current = shape.parse(await call('GET', listId));
      if (current.inheritFromSite) return null;
      const byId = new Map([...(await groups())].map(([principal, id]) => [id, principal]));
      const grants: Grant[] = [];
      for (const g of current.grants) {
        const principal = byId.get(g.principalId);
        const access = accessOf[g.role];
        // A grant of another group, or "manage", is not ours to describe: the list must be set again.
        if (principal === undefined || access === undefined) return null;
        grants.push({ principal, access });
      }
      return grants;
    },
    async write(_siteId, listId, grants) {
      const ids = await groups();
      await call('POST', listId, {
        grants: grants.map((g) => ({ principalId: ids.get(g.principal), role: roleOf[g.access] })),
      });
    },
  };
}

/** What `npm run import` calls for its non-dry-run path (see src/cli/import.ts). */
export type ImportWrite = (
  descriptions: FunctionDescription[],
) => Promise<{ summary: string; failed: boolean; notLanded?: string[] }>;

/** A tenant for the import: the site and the token sources of the signed-in accounts. */
export interface TenantImportTarget {
  siteUrl: string;
  graphBaseUrl: string;
  /** Writes the content (HR or IT). */
  content: () => Promise<string>;
  /** Writes the approval lines as decisions; they count only when this is an approver. */
  decisions: () => Promise<string>;
}

/** package.json's version, for the User-Agent of the import's traffic. */
function packageVersion(): string {
  try {
    const raw: unknown = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
    );
    const parsed = z.object({ version: z.string() }).safeParse(raw);
    return parsed.success ? parsed.data.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The import's User-Agent, `NONISV|<organisation>|Functiewijzer/<version>`: the organisation is
 * the tenant's SharePoint name (`stadtienen` of stadtienen.sharepoint.com), which is what
 * Microsoft knows the customer by.
 */
export function importUserAgent(siteHostname: string): string {
  return decoratedUserAgent(siteHostname.split('.')[0] ?? siteHostname, packageVersion());
}

/**
 * The import's writer. Against a tenant when `tenant` is given (src/cli/import.ts signs in with a
 * device code and passes the token sources), else against the local emulator as HR, with
 * approval lines as the algemeen directeur (so that they count, as with the samples).
 */
export function graphImportWrite(
  env: NodeJS.ProcessEnv,
  progress: ProgressStream,
  tenant?: TenantImportTarget,
): ImportWrite {
  return async (descriptions) => {
    let content: GraphHttp;
    let decisions: GraphHttp;
    let siteRef: { hostname: string; path: string } = LOCAL_SITE;
    let close = (): Promise<void> => Promise.resolve();
    if (tenant) {
      const baseUrl = tenant.graphBaseUrl;
      const url = new URL(tenant.siteUrl);
      const userAgent = importUserAgent(url.hostname);
      content = createGraphClient({ baseUrl, getToken: tenant.content, userAgent });
      decisions = createGraphClient({ baseUrl, getToken: tenant.decisions, userAgent });
      siteRef = { hostname: url.hostname, path: url.pathname.replace(/\/+$/, '') };
    } else {
      const emulator = await connectEmulator(env);
      close = emulator.close;
      const userAgent = importUserAgent(LOCAL_SITE.hostname);
      content = createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, PERSONAS.hr),
        userAgent,
      });
      decisions = createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, PERSONAS.approver),
        userAgent,
      });
      const adminToken = emulatorTokens(emulator.url, PERSONAS.admin);
      const admin = createGraphClient({ baseUrl: emulator.graphBaseUrl, getToken: adminToken });
      // Locally the lists are IT's job too: make sure they are there (idempotent, quiet).
      try {
        await provision(admin, await resolveSiteId(admin, LOCAL_SITE), {
          sharePoint: await emulatorSharePoint(emulator.url, admin),
        });
      } catch (error) {
        await close();
        throw error;
      }
    }
    try {
      let site: SiteLists;
      try {
        site = await loadSiteLists(content, await resolveSiteId(content, siteRef));
      } catch (error) {
        // Nothing was written yet: say why in the words of the data layer, not with a stack trace.
        if (!isDataError(error)) throw error;
        return { summary: `Niets weggeschreven: ${error.message}`, failed: true };
      }
      const hr = createRepositories(content, site);
      const bar = progressBar(progress);
      const report = await writeDescriptions(descriptions, {
        roles: hr.roles,
        competencies: hr.competencies,
        decisions: createRepositories(decisions, site).decisions,
        onProgress: bar.onProgress,
      });
      bar.finish();
      return { summary: formatReport(report), failed: report.failed, notLanded: notLanded(report) };
    } finally {
      await close();
    }
  };
}
