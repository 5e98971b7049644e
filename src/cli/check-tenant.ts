import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadTenantConfig, readEnvFile } from '../config/tenant-config';
import { createGraphClient, type GraphHttp } from '../graph/client';
import { LISTS, type ListName } from '../graph/lists';
import { readSiteLists, resolveSiteId, type SiteRef } from '../graph/site';
import { APPROVAL_CHANNEL_ID, GROUP_IDS, TEAM_ID } from '../emulator/tenant';
import { LOCAL_APP_ID, LOCAL_MANIFEST_APP_ID } from '../teams/protocol';
import { LIST_CHECKS } from './check-tenant/checks-lists';
import { permissionsInSharePoint } from './check-tenant/checks-permissions';
import { TEAMS_CHECKS } from './check-tenant/checks-teams';
import {
  type Actor,
  type Check,
  type CheckConfig,
  type CheckContext,
  runChecks,
  summaryLine,
} from './check-tenant/runner';
import { emulatorSharePoint, LOCAL_SITE, PERSONAS, startLocalStack } from './local-stack';
import { principalLogins, tenantGuid } from '../graph/provision-sharepoint';
import { DirectoryRepository } from '../graph/repositories/directory';
import { SharePointRest } from '../graph/sharepoint-rest';
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
 * `npm run check-tenant -- --site <url>`: the self-test IT runs once on a test site after
 * provisioning. It checks, on throw-away items it removes afterwards, every assumption the
 * product makes that the emulator cannot prove (docs/deploy.md "Zelftest"). `--local` runs the
 * same checks against a fresh emulator it starts itself, so the checks themselves are tested
 * in CI (test/cli/check-tenant.test.ts).
 *
 * Exit codes: 0 every check passed, 1 a check failed or the self-test could not start, 2 wrong
 * use of the flags.
 */

export const USAGE = `Gebruik: npm run check-tenant -- (--site SITE-ADRES [opties] | --local)

Zelftest na de installatie: controleert op tijdelijke items (nadien verwijderd) wat
Functiewijzer van SharePoint, Graph en Teams verwacht. Eén regel per controle, dan een telling.

  --site ADRES      de (test)site, bv. https://stad.sharepoint.com/sites/functiewijzer-test;
                    je meldt je twee keer aan met een apparaatcode: eerst als IT (eigenaar van
                    de site, lid van het goedkeuringsteam), dan als een goedkeurder
  --local           dezelfde controles tegen een nieuwe lokale emulator
${REGISTRATION_USAGE}
  -h, --help        deze hulp

Afsluitcode: 0 alles geslaagd, 1 iets mislukt, 2 verkeerd gebruik.`;

export const CHECKS: readonly Check[] = [...LIST_CHECKS, ...TEAMS_CHECKS, permissionsInSharePoint];

export interface CheckTenantIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CheckTenantDeps {
  signIn?: (settings: SignInSettings, deps: SignInDeps) => Promise<TenantTokens>;
  /** Where env/.env.<name> is read from (default: the working directory). */
  root?: string;
  checks?: readonly Check[];
}

interface Target {
  ctx: Omit<CheckContext, 'cleanup'>;
  close: () => Promise<void>;
}

const meShape = z
  .object({ id: z.string().min(1), userPrincipalName: z.string().nullish() })
  .loose();

async function actor(http: GraphHttp, upn: string): Promise<Actor> {
  const me = await http.get('/me?$select=id,userPrincipalName', meShape);
  return { upn: me.userPrincipalName ?? upn, id: me.id, http };
}

async function listsOn(http: GraphHttp, siteId: string): Promise<Map<ListName, string>> {
  const onSite = await readSiteLists(http, siteId);
  const lists = new Map<ListName, string>();
  for (const def of LISTS) {
    const found = onSite.get(def.name);
    if (found) lists.set(def.name, found.id);
  }
  return lists;
}

function stampNow(): string {
  // Lower case digits only: FunctieKey's validation accepts it, and it sorts by time.
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function localTarget(): Promise<Target> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'functiewijzer-check-tenant-'));
  try {
    const stack = await startLocalStack({ port: 0, dataDir, seed: false });
    const it = await actor(stack.clientFor(PERSONAS.admin), PERSONAS.admin);
    const approver = await actor(stack.clientFor(PERSONAS.approver), PERSONAS.approver);
    const config: CheckConfig = {
      teamId: TEAM_ID,
      channelId: APPROVAL_CHANNEL_ID,
      approverGroupId: GROUP_IDS.approvers,
      manifestAppId: LOCAL_MANIFEST_APP_ID,
      // What the local Teams host gives the tab as context.app.appId: the catalog must agree.
      catalogAppId: LOCAL_APP_ID,
    };
    return {
      ctx: {
        mode: 'local',
        siteUrl: `https://${LOCAL_SITE.hostname}${LOCAL_SITE.path}`,
        siteId: stack.siteId,
        lists: await listsOn(it.http, stack.siteId),
        it,
        approver,
        config,
        sharePoint: await emulatorSharePoint(stack.emulator.url, it.http),
        stamp: stampNow(),
        shared: new Map(),
      },
      close: async () => {
        await stack.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function siteTarget(
  flags: RegistrationFlags & { site: string },
  io: CheckTenantIo,
  env: NodeJS.ProcessEnv,
  deps: CheckTenantDeps,
): Promise<Target> {
  const site: SiteRef = tenantSite(flags.site);
  const root = deps.root ?? process.cwd();
  const envName = flags.env ?? 'prod';
  const siteUrl = `https://${site.hostname}${site.path}`;
  const config = loadTenantConfig({
    root,
    envName,
    // GRAPH_BASE_URL is read below as given (tests point it at the emulator over http).
    processEnv: { ...env, GRAPH_BASE_URL: undefined, SHAREPOINT_SITE_URL: siteUrl },
  });
  const registration = registrationFrom(
    {
      'client-id': flags['client-id'] ?? config.clientId,
      'tenant-id': flags['tenant-id'] ?? config.tenantId,
      env: envName,
    },
    env,
    root,
  );
  const catalog = env['TEAMS_CATALOG_APP_ID'] || readEnvFile(root, envName)['TEAMS_CATALOG_APP_ID'];
  const settings: SignInSettings = {
    ...registration,
    sharePointOrigin: `https://${site.hostname}`,
  };
  const signIn = deps.signIn ?? signInWithDeviceCode;
  const baseUrl = env['GRAPH_BASE_URL'] ?? config.graphBaseUrl;
  const first = await signIn(settings, {
    prompt: io.stderr,
    who: 'als IT (sitecollectiebeheerder van de site en lid van het goedkeuringsteam)',
  });
  io.stderr(`Aangemeld als ${first.account}.\n`);
  const second = await signIn(settings, {
    prompt: io.stderr,
    who: 'als goedkeurder (lid van Functiewijzer Goedkeurders, met de app geïnstalleerd), met een ander account',
  });
  io.stderr(`Aangemeld als ${second.account}.\n`);
  if (first.account.toLowerCase() === second.account.toLowerCase()) {
    throw new Error(
      'Twee keer hetzelfde account: de zelftest heeft IT en een goedkeurder nodig. Voer hem opnieuw uit en meld je de tweede keer aan als goedkeurder.',
    );
  }
  const it = await actor(createGraphClient({ baseUrl, getToken: first.graph }), first.account);
  const approver = await actor(
    createGraphClient({ baseUrl, getToken: second.graph }),
    second.account,
  );
  const siteId = await resolveSiteId(it.http, site);
  const sharePoint = {
    rest: new SharePointRest({
      // SHAREPOINT_BASE_URL stands in for https://<host>, as GRAPH_BASE_URL does for Graph.
      siteUrl: `${env['SHAREPOINT_BASE_URL'] ?? `https://${site.hostname}`}${site.path}`,
      getToken: first.sharePoint,
    }),
    principals: async () =>
      principalLogins(
        new DirectoryRepository(it.http),
        await tenantGuid(it.http, registration.tenantId),
      ),
  };
  return {
    ctx: {
      mode: 'site',
      siteUrl,
      siteId,
      lists: await listsOn(it.http, siteId),
      it,
      approver,
      config: {
        teamId: config.approvals.teamId,
        channelId: config.approvals.channelId,
        approverGroupId: config.groups.approvers,
        manifestAppId: config.teamsAppId,
        catalogAppId: catalog ? catalog.toLowerCase() : null,
      },
      sharePoint,
      stamp: stampNow(),
      shared: new Map(),
    },
    close: () => Promise.resolve(),
  };
}

export async function runCheckTenant(
  argv: readonly string[],
  io: CheckTenantIo,
  env: NodeJS.ProcessEnv,
  deps: CheckTenantDeps = {},
): Promise<number> {
  const line = parseCommandLine(
    argv,
    { site: { type: 'string' }, local: { type: 'boolean' }, ...REGISTRATION_OPTIONS },
    USAGE,
    io,
  );
  if (!line.ok) return line.exitCode;
  const { values } = line;
  if ((values.site === undefined) === (values.local !== true)) {
    io.stderr(`Geef --site ADRES of --local (precies één van beide).\n\n${USAGE}\n`);
    return 2;
  }
  let target: Target;
  try {
    target =
      values.site === undefined
        ? await localTarget()
        : await siteTarget({ ...values, site: values.site }, io, env, deps);
  } catch (error) {
    io.stderr(
      `Zelftest niet begonnen: ${explainFailure(error, { siteUrl: values.site ?? 'de lokale emulator', needs: 'IT als sitecollectiebeheerder en een goedkeurder' })}\n`,
    );
    return 1;
  }
  try {
    io.stdout(
      `Zelftest van ${target.ctx.siteUrl}${target.ctx.mode === 'local' ? ' (lokale emulator)' : ''} als ${target.ctx.it.upn} en ${target.ctx.approver.upn}\n`,
    );
    const report = await runChecks(deps.checks ?? CHECKS, target.ctx, (line) =>
      io.stdout(`${line}\n`),
    );
    for (const left of report.leftovers) io.stdout(`Blijft staan: ${left}\n`);
    io.stdout(`${summaryLine(report)}\n`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}

if (require.main === module) runAsMain(runCheckTenant);
