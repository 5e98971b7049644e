import { createGraphClient, type GraphHttp } from '../graph/client';
import { isDataError } from '../graph/errors';
import {
  type Change,
  formatChange,
  PartialProvisionError,
  type PermissionWriter,
  provision,
  type SharePointProvisioning,
} from '../graph/provision';
import { principalLogins, tenantGuid } from '../graph/provision-sharepoint';
import { DirectoryRepository } from '../graph/repositories/directory';
import { SharePointRest } from '../graph/sharepoint-rest';
import { readSiteLists, resolveSiteId, type SiteRef } from '../graph/site';
import { LISTS } from '../graph/lists';
import {
  connectEmulator,
  emulatorPermissions,
  emulatorSharePoint,
  emulatorTokens,
  LOCAL_SITE,
  PERSONAS,
} from './local-stack';
import {
  explainFailure,
  REGISTRATION_OPTIONS,
  REGISTRATION_USAGE,
  type RegistrationFlags,
  registrationFrom,
  type SignInDeps,
  type SignInSettings,
  signInWithDeviceCode,
  tenantSite,
  type TenantTokens,
} from './tenant-sign-in';
import { parseCommandLine, runAsMain } from './main';

/**
 * `npm run provision`: creates or updates the Functiewijzer lists on a site, idempotently.
 *
 * Against the local emulator by default (as IT, the admin persona). Against a tenant with
 * `--tenant <site url>`: the command signs in itself with a device code on the Functiewijzer app
 * registration (src/cli/tenant-sign-in.ts; client id and tenant from env/.env.<name> or flags),
 * keeps the tokens in memory for this run only; GRAPH_BASE_URL defaults to
 * https://graph.microsoft.com/v1.0.
 *
 * Exit codes: 0 done (changed or not), 1 failed (a Dutch message says what to do; what was
 * already created stays and a second run finishes the job), 2 wrong use of the flags.
 */

export const USAGE = `Gebruik: npm run provision [-- --tenant SITE-ADRES [opties]]

Maakt de lijsten van de Functiewijzer aan of werkt ze bij. Nogmaals uitvoeren verandert niets.

  (standaard)       de lokale emulator (die van npm start als die draait)
  --tenant ADRES    een echte tenant, bv. https://stad.sharepoint.com/sites/functiewijzer;
                    je meldt je aan met een apparaatcode als sitecollectiebeheerder
${REGISTRATION_USAGE}
  -h, --help        deze hulp`;

export interface ProvisionIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** What a tenant run needs from outside; tests replace the device-code sign-in. */
export interface ProvisionDeps {
  signIn?: (settings: SignInSettings, deps: SignInDeps) => Promise<TenantTokens>;
  /** Where env/.env.<name> is read from (default: the working directory). */
  root?: string;
}

// What W2's SharePoint part needs (docs/deploy.md 4c): list permissions only a site collection
// administrator can always set.
const NEEDS =
  'sitecollectiebeheerder van de site (SharePoint-beheercentrum › Sites › Machtigingen)';

interface Target {
  http: GraphHttp;
  site: SiteRef;
  /** Set on the emulator only (its control API); provisioning itself uses `sharePoint`. */
  permissions: PermissionWriter | null;
  /**
   * SharePoint REST on the site with the SharePoint resource's token (list permissions, views,
   * formatting); resolved when provisioning starts, so the lists are made even if it fails.
   */
  sharePoint: () => Promise<SharePointProvisioning> | SharePointProvisioning;
  /** Tenant only: the signed-in account and the SharePoint resource's token source (REST). */
  tenant: Pick<TenantTokens, 'account' | 'sharePoint' | 'lastFailure'> | null;
  close: () => Promise<void>;
}

export { tenantSite };

async function target(
  flags: RegistrationFlags & { tenant?: string | undefined },
  io: ProvisionIo,
  env: NodeJS.ProcessEnv,
  deps: ProvisionDeps,
): Promise<Target> {
  if (flags.tenant !== undefined) {
    const site = tenantSite(flags.tenant);
    const registration = registrationFrom(flags, env, deps.root ?? process.cwd());
    const tokens = await (deps.signIn ?? signInWithDeviceCode)(
      { ...registration, sharePointOrigin: `https://${site.hostname}` },
      { prompt: io.stderr, who: `als ${NEEDS}` },
    );
    io.stderr(`Aangemeld als ${tokens.account}.\n`);
    const http = createGraphClient({
      baseUrl: env['GRAPH_BASE_URL'] ?? 'https://graph.microsoft.com/v1.0',
      getToken: tokens.graph,
    });
    return {
      http,
      site,
      permissions: null,
      sharePoint: () => ({
        rest: new SharePointRest({
          // SHAREPOINT_BASE_URL stands in for https://<host>, as GRAPH_BASE_URL does for Graph.
          siteUrl: `${env['SHAREPOINT_BASE_URL'] ?? `https://${site.hostname}`}${site.path}`,
          getToken: tokens.sharePoint,
        }),
        principals: async () =>
          principalLogins(
            new DirectoryRepository(http),
            await tenantGuid(http, registration.tenantId),
          ),
      }),
      tenant: tokens,
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
    sharePoint: () => emulatorSharePoint(emulator.url, http),
    tenant: null,
    close: emulator.close,
  };
}

export async function runProvision(
  argv: readonly string[],
  io: ProvisionIo,
  env: NodeJS.ProcessEnv,
  deps: ProvisionDeps = {},
): Promise<number> {
  const line = parseCommandLine(
    argv,
    { tenant: { type: 'string' }, ...REGISTRATION_OPTIONS },
    USAGE,
    io,
  );
  if (!line.ok) return line.exitCode;
  const { values } = line;
  let t: Target;
  try {
    t = await target(values, io, env, deps);
  } catch (error) {
    io.stderr(
      `Inrichten niet begonnen: ${explainFailure(error, { siteUrl: values.tenant ?? 'de emulator', needs: NEEDS })}\n`,
    );
    return 1;
  }
  let siteId: string | null = null;
  try {
    siteId = await resolveSiteId(t.http, t.site);
    io.stdout(
      `Site ${t.site.hostname}${t.site.path}${t.permissions ? ' (lokale emulator)' : ''}\n`,
    );
    const changes = await provision(t.http, siteId, { sharePoint: await t.sharePoint() });
    io.stdout(report(changes));
    return 0;
  } catch (error) {
    const siteUrl = `https://${t.site.hostname}${t.site.path}`;
    // The SharePoint part stops with what it did already; explain the underlying failure.
    const cause = error instanceof PartialProvisionError ? error.cause : error;
    io.stderr(
      `Inrichten mislukt: ${explainFailure(cause, { siteUrl, account: t.tenant?.account, needs: NEEDS, signInFailure: t.tenant?.lastFailure?.() })}\n`,
    );
    if (isDataError(cause) && cause.detail.graphMessage)
      io.stderr(`  (Graph: ${cause.detail.graphMessage})\n`);
    if (error instanceof PartialProvisionError && error.changes.length > 0) {
      io.stderr(
        `Wel al gewijzigd:\n${error.changes.map((c) => `- ${formatChange(c)}`).join('\n')}\n`,
      );
    }
    if (siteId !== null) io.stderr(await whatIsThere(t.http, siteId));
    return 1;
  } finally {
    await t.close();
  }
}

/**
 * After a failure part-way: which lists exist now and which are still missing, so nobody has to
 * guess what a half run left behind. Provisioning never deletes, so the next run completes it.
 */
async function whatIsThere(http: GraphHttp, siteId: string): Promise<string> {
  try {
    const onSite = await readSiteLists(http, siteId);
    const present = LISTS.filter((d) => onSite.has(d.name)).map((d) => d.name);
    const missing = LISTS.filter((d) => !onSite.has(d.name)).map((d) => d.name);
    return (
      `Stand op de site: ${present.length > 0 ? `aanwezig ${present.join(', ')}` : 'nog geen lijsten'}` +
      `${missing.length > 0 ? `; nog niet aangemaakt ${missing.join(', ')}` : ''}. ` +
      'Kolommen en machtigingen worden bij de volgende uitvoering gecontroleerd en aangevuld.\n'
    );
  } catch {
    return 'Welke lijsten al bestaan, kon niet gelezen worden; de volgende uitvoering controleert alles opnieuw.\n';
  }
}

export function report(changes: readonly Change[]): string {
  const real = changes.filter((c) => c.kind !== 'manual');
  const manual = changes.filter((c) => c.kind === 'manual');
  const lines = real.length === 0 ? ['niets gewijzigd'] : real.map((c) => `- ${formatChange(c)}`);
  if (manual.length > 0) {
    lines.push('', 'Niet aangepast, kijk dit na in SharePoint (lijstinstellingen):');
    lines.push(...manual.map((c) => `- ${formatChange(c)}`));
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) runAsMain(runProvision);
