import { parseArgs } from 'node:util';
import { createGraphClient, type GraphHttp } from '../graph/client';
import { isDataError } from '../graph/errors';
import { type Change, formatChange, type PermissionWriter, provision } from '../graph/provision';
import { resolveSiteId, type SiteRef } from '../graph/site';
import {
  connectEmulator,
  emulatorPermissions,
  emulatorTokens,
  LOCAL_SITE,
  PERSONAS,
} from './local-stack';

/**
 * `npm run provision`: creates or updates the Functiewijzer lists on a site, idempotently.
 *
 * Against the local emulator by default (as IT, the admin persona). Against a tenant when
 * GRAPH_TOKEN (a delegated token with Sites.Manage.All, e.g. from `az account get-access-token
 * --resource https://graph.microsoft.com`) and SHAREPOINT_SITE (the site URL) are set;
 * GRAPH_BASE_URL defaults to https://graph.microsoft.com/v1.0. Graph cannot set list permissions,
 * so on a tenant the command prints which ones IT sets by hand.
 *
 * Exit codes: 0 done (changed or not), 1 failed, 2 wrong use.
 */

export const USAGE = `Gebruik: npm run provision [-- --tenant]

Maakt de lijsten van de Functiewijzer aan of werkt ze bij. Nogmaals uitvoeren verandert niets.

  (standaard)  de lokale emulator (die van npm start als die draait)
  --tenant     een echte tenant: zet GRAPH_TOKEN en SHAREPOINT_SITE
               (bv. https://stad.sharepoint.com/sites/functiewijzer); GRAPH_BASE_URL is optioneel
  -h, --help   deze hulp`;

export interface ProvisionIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface Target {
  http: GraphHttp;
  site: SiteRef;
  /** Set on the emulator; a tenant's list permissions are set by hand (see the report). */
  permissions: PermissionWriter | null;
  close: () => Promise<void>;
}

export function tenantSite(url: string): SiteRef {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `SHAREPOINT_SITE '${url}' is geen adres; verwacht bv. https://stad.sharepoint.com/sites/functiewijzer.`,
    );
  }
  if (parsed.protocol !== 'https:' || !/^\/(sites|teams)\/[^/]+\/?$/.test(parsed.pathname)) {
    throw new Error(
      `SHAREPOINT_SITE '${url}': verwacht https://<naam>.sharepoint.com/sites/<site>.`,
    );
  }
  return { hostname: parsed.hostname, path: parsed.pathname.replace(/\/+$/, '') };
}

async function target(tenant: boolean, env: NodeJS.ProcessEnv): Promise<Target> {
  if (tenant) {
    const token = env['GRAPH_TOKEN'];
    const siteUrl = env['SHAREPOINT_SITE'];
    const missing = [token ? null : 'GRAPH_TOKEN', siteUrl ? null : 'SHAREPOINT_SITE'].filter(
      (v) => v !== null,
    );
    if (missing.length > 0) throw new Error(`Voor --tenant ontbreekt: ${missing.join(', ')}.`);
    return {
      http: createGraphClient({
        baseUrl: env['GRAPH_BASE_URL'] ?? 'https://graph.microsoft.com/v1.0',
        getToken: () => Promise.resolve(token as string),
      }),
      site: tenantSite(siteUrl as string),
      permissions: null,
      close: () => Promise.resolve(),
    };
  }
  const emulator = await connectEmulator(env);
  const getToken = emulatorTokens(emulator.url, PERSONAS.admin);
  const http = createGraphClient({ baseUrl: emulator.graphBaseUrl, getToken });
  return {
    http,
    site: LOCAL_SITE,
    permissions: emulatorPermissions(emulator.url, http, getToken),
    close: emulator.close,
  };
}

export async function runProvision(
  argv: readonly string[],
  io: ProvisionIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let values: { tenant?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: { tenant: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let t: Target;
  try {
    t = await target(values.tenant === true, env);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const siteId = await resolveSiteId(t.http, t.site);
    io.stdout(
      `Site ${t.site.hostname}${t.site.path}${t.permissions ? ' (lokale emulator)' : ''}\n`,
    );
    const changes = await provision(
      t.http,
      siteId,
      t.permissions ? { permissions: t.permissions } : {},
    );
    io.stdout(report(changes));
    return 0;
  } catch (error) {
    io.stderr(`Inrichten mislukt: ${error instanceof Error ? error.message : String(error)}\n`);
    if (isDataError(error) && error.detail.graphMessage)
      io.stderr(`  (Graph: ${error.detail.graphMessage})\n`);
    return 1;
  } finally {
    await t.close();
  }
}

export function report(changes: readonly Change[]): string {
  const real = changes.filter((c) => c.kind !== 'manual');
  const manual = changes.filter((c) => c.kind === 'manual');
  const lines = real.length === 0 ? ['niets gewijzigd'] : real.map((c) => `- ${formatChange(c)}`);
  if (manual.length > 0) {
    lines.push('', 'Nog te doen door IT in SharePoint (lijstinstellingen › machtigingen):');
    lines.push(...manual.map((c) => `- ${formatChange(c)}`));
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  runProvision(
    process.argv.slice(2),
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
    process.env,
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `Onverwachte fout: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
