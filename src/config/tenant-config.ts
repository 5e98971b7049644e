import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { TenantRuntimeConfig } from '../teams/runtime-config';

/**
 * Tenant mode's configuration: which app registration, which tenant, which SharePoint site,
 * which Teams channel receives approval requests and which Entra ID groups hold HR and the
 * approvers. It comes from `env/.env.<name>` (Microsoft 365
 * Agents Toolkit conventions, shared with `npm run package`) with the process environment on
 * top, and is checked once at start-up: every missing or malformed value is named in one
 * message, so IT fixes the file in one go instead of one restart per variable.
 */

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const ENV_DIR = 'env';

// ── placeholders ───────────────────────────────────────────────────────────────────────────

/**
 * The example env files (dev, prod) ship with values the city must replace. They are
 * recognisable on purpose: the word "voorbeeld" in a name or URL, or a GUID that starts with
 * 00000000-. A real Entra ID or Teams GUID is random, so that prefix never occurs by chance.
 */
export function isPlaceholder(value: string): boolean {
  return /voorbeeld/i.test(value) || /^0{8}-0{4}-/.test(value.trim());
}

// ── env files ──────────────────────────────────────────────────────────────────────────────

export const envNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'alleen kleine letters, cijfers en koppeltekens');

export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}

export function envFilePath(root: string, envName: string): string {
  return path.join(root, ENV_DIR, `.env.${envName}`);
}

/** The variables of `env/.env.<name>`, parsed as dotenv (comments, quotes) by Node itself. */
export function readEnvFile(root: string, envName: string): Record<string, string> {
  const parsedName = envNameSchema.safeParse(envName);
  if (!parsedName.success) {
    throw new EnvFileError(
      `Ongeldige omgevingsnaam "${envName}": ${parsedName.error.issues[0]?.message ?? 'ongeldig'}. Gebruik bv. local, dev of prod.`,
    );
  }
  const file = envFilePath(root, envName);
  if (!existsSync(file)) {
    throw new EnvFileError(
      `${ENV_DIR}/.env.${envName}: bestand niet gevonden. Maak het aan naar het voorbeeld van ${ENV_DIR}/.env.dev (zie docs/deploy.md) of kies een andere omgeving met --env.`,
    );
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (value !== undefined) values[key] = value;
  }
  return values;
}

// ── the configuration ──────────────────────────────────────────────────────────────────────

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const guid = z.string().regex(GUID, 'verwacht een GUID zoals 3f2b9c1e-5d4a-4b8f-9e21-7c0d6a1b2c3d');

const tenantId = z
  .string()
  .refine(
    (value) => GUID.test(value) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value),
    'verwacht de tenant-id (een GUID) of het hoofddomein, zoals stad.onmicrosoft.com',
  );

const httpsUrl = z
  .string()
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'verwacht een volledig https://-adres')
  .transform((value) => value.replace(/\/+$/, ''));

const sharePointSiteUrl = httpsUrl.refine((value) => {
  const url = new URL(value);
  return url.hostname.endsWith('.sharepoint.com') && /^\/(sites|teams)\/[^/]+$/.test(url.pathname);
}, 'verwacht het adres van een SharePoint-site, zoals https://stad.sharepoint.com/sites/functiewijzer');

const channelId = z
  .string()
  .regex(
    /^19:[^\s@]+@thread\.(tacv2|skype)$/,
    'verwacht een kanaal-id zoals 19:abc123…@thread.tacv2 (uit de koppeling naar het kanaal)',
  );

const tabDomain = z
  .string()
  .regex(
    /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i,
    'verwacht alleen een hostnaam (met eventueel een poort), zonder https:// en zonder pad',
  );

/** Where each value comes from, in words IT can act on; used for "missing" messages. */
export const TENANT_VARIABLES = {
  AAD_APP_CLIENT_ID: {
    what: 'de client-id van de app-registratie',
    where:
      'Microsoft Entra-beheercentrum › App-registraties › Functiewijzer › Overzicht › Toepassings-id (client)',
  },
  AAD_APP_TENANT_ID: {
    what: 'de tenant-id van de organisatie',
    where: 'Microsoft Entra-beheercentrum › Overzicht › Tenant-id',
  },
  TAB_ENDPOINT: {
    what: 'het https-adres waarop het tabblad gehost wordt',
    where: 'het adres van de webserver die `npm run build` uit dist/tab serveert',
  },
  TAB_DOMAIN: {
    what: 'de hostnaam van TAB_ENDPOINT',
    where: 'TAB_ENDPOINT zonder https:// en zonder pad',
  },
  SHAREPOINT_SITE_URL: {
    what: 'het adres van de SharePoint-site met de lijsten',
    where: 'SharePoint › de site › adresbalk, tot en met /sites/<naam>',
  },
  APPROVAL_TEAM_ID: {
    what: 'de id van het team waarin goedkeuringen gevraagd worden',
    where: 'Teams › team › ⋯ › Koppeling naar team ophalen › de waarde groupId=',
  },
  APPROVAL_CHANNEL_ID: {
    what: 'de id van het kanaal voor goedkeuringen',
    where: 'Teams › kanaal › ⋯ › Koppeling naar kanaal ophalen › het deel 19:…@thread.tacv2',
  },
  TEAMS_APP_ID: {
    what: 'de id van de Teams-app (het veld id van het manifest)',
    where: 'staat al in env/.env.<naam>; dezelfde waarde als in het app-pakket',
  },
  TEAMS_CATALOG_APP_ID: {
    what: 'de id van de app in de app-catalogus van de organisatie (niet de manifest-id)',
    where:
      "optioneel; Teams-beheercentrum › Teams-apps › Apps beheren › Functiewijzer › App-id, of Graph: GET /appCatalogs/teamsApps?$filter=externalId eq '<TEAMS_APP_ID>' › value[0].id",
  },
  HR_GROUP_ID: {
    what: 'de object-id van de beveiligingsgroep met de HR-medewerkers',
    where: 'Microsoft Entra-beheercentrum › Groepen › Functiewijzer Leden › Overzicht › Object-id',
  },
  APPROVER_GROUP_ID: {
    what: 'de object-id van de beveiligingsgroep met de goedkeurders (algemeen directeur)',
    where:
      'Microsoft Entra-beheercentrum › Groepen › Functiewijzer Goedkeurders › Overzicht › Object-id',
  },
  GRAPH_BASE_URL: {
    what: 'het adres van Microsoft Graph',
    where: `optioneel, standaard ${DEFAULT_GRAPH_BASE_URL}`,
  },
} as const;
export type TenantVariable = keyof typeof TENANT_VARIABLES;

const rawTenantSchema = z.object({
  AAD_APP_CLIENT_ID: guid,
  AAD_APP_TENANT_ID: tenantId,
  TAB_ENDPOINT: httpsUrl,
  TAB_DOMAIN: tabDomain,
  SHAREPOINT_SITE_URL: sharePointSiteUrl,
  APPROVAL_TEAM_ID: guid,
  APPROVAL_CHANNEL_ID: channelId,
  TEAMS_APP_ID: guid,
  TEAMS_CATALOG_APP_ID: guid.optional(),
  HR_GROUP_ID: guid,
  APPROVER_GROUP_ID: guid,
  GRAPH_BASE_URL: httpsUrl.default(DEFAULT_GRAPH_BASE_URL),
});

export interface TenantConfig {
  clientId: string;
  tenantId: string;
  /** `https://login.microsoftonline.com/<tenant>`: single-tenant sign-in only. */
  authority: string;
  tabEndpoint: string;
  tabDomain: string;
  graphBaseUrl: string;
  sharePoint: {
    siteUrl: string;
    hostname: string;
    /** e.g. `/sites/functiewijzer`; Graph addresses the site as `sites/{hostname}:{sitePath}`. */
    sitePath: string;
  };
  approvals: { teamId: string; channelId: string };
  /** The manifest's `id`. */
  teamsAppId: string;
  /**
   * The app's id in the org catalog (TEAMS_CATALOG_APP_ID): what deep links use where Teams does
   * not report `context.app.appId` (a plain browser). Absent: the manifest id (a sideloaded app).
   */
  teamsCatalogAppId?: string;
  /** Entra ID security groups (object ids) that decide what the tab offers. */
  groups: { hr: string; approvers: string };
}

export type TenantConfigProblemKind = 'missing' | 'invalid' | 'placeholder';

export interface TenantConfigProblem {
  variable: TenantVariable;
  kind: TenantConfigProblemKind;
  /** Dutch, names the variable and what to put in it. */
  message: string;
}

export class TenantConfigError extends Error {
  override readonly name = 'TenantConfigError';
  constructor(
    readonly problems: TenantConfigProblem[],
    readonly source: string,
  ) {
    const count = problems.length;
    super(
      [
        `Functiewijzer kan niet starten in tenantmodus: ${count} ${count === 1 ? 'instelling ontbreekt of is' : 'instellingen ontbreken of zijn'} ongeldig in ${source}.`,
        ...problems.map((problem) => `  - ${problem.message}`),
        'Vul ze aan (zie docs/deploy.md) en start opnieuw.',
      ].join('\n'),
    );
  }
}

export interface ParseTenantConfigOptions {
  /** Named in the error message, e.g. `env/.env.prod`. */
  source?: string;
  /** Example values pass (to try a package or a build); never for a real start-up. */
  allowPlaceholders?: boolean;
}

const present = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== '';

/** Every problem with the tenant configuration in `env`; empty when it is complete and valid. */
export function tenantConfigProblems(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseTenantConfigOptions = {},
): TenantConfigProblem[] {
  return analyse(env, options).problems;
}

function analyse(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseTenantConfigOptions,
): { problems: TenantConfigProblem[]; data: z.infer<typeof rawTenantSchema> | null } {
  const input: Record<string, string | undefined> = {};
  for (const variable of Object.keys(TENANT_VARIABLES)) {
    const value = env[variable];
    input[variable] = present(value) ? value.trim() : undefined;
  }
  const problems: TenantConfigProblem[] = [];
  const seen = new Set<string>();
  const parsed = rawTenantSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = issue.path[0] as TenantVariable;
      if (seen.has(variable)) continue;
      seen.add(variable);
      const spec = TENANT_VARIABLES[variable];
      problems.push(
        input[variable] === undefined
          ? {
              variable,
              kind: 'missing',
              message: `${variable} ontbreekt: ${spec.what} (${spec.where}).`,
            }
          : {
              variable,
              kind: 'invalid',
              message: `${variable} is ongeldig ("${input[variable]}"): ${issue.message}.`,
            },
      );
    }
  }
  if (!options.allowPlaceholders) {
    for (const variable of Object.keys(TENANT_VARIABLES) as TenantVariable[]) {
      const value = input[variable];
      if (seen.has(variable) || value === undefined || !isPlaceholder(value)) continue;
      seen.add(variable);
      problems.push({
        variable,
        kind: 'placeholder',
        message: `${variable} is nog een voorbeeldwaarde ("${value}"): vervang ze door ${TENANT_VARIABLES[variable].what} (${TENANT_VARIABLES[variable].where}).`,
      });
    }
  }
  if (parsed.success && !seen.has('TAB_DOMAIN') && !seen.has('TAB_ENDPOINT')) {
    const host = new URL(parsed.data.TAB_ENDPOINT).host;
    if (host.toLowerCase() !== parsed.data.TAB_DOMAIN.toLowerCase()) {
      problems.push({
        variable: 'TAB_DOMAIN',
        kind: 'invalid',
        message: `TAB_DOMAIN ("${parsed.data.TAB_DOMAIN}") hoort de hostnaam van TAB_ENDPOINT te zijn ("${host}").`,
      });
    }
  }
  const order = Object.keys(TENANT_VARIABLES);
  problems.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
  return { problems, data: parsed.success ? parsed.data : null };
}

/** The validated configuration, or a `TenantConfigError` naming every problem at once. */
export function parseTenantConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: ParseTenantConfigOptions = {},
): TenantConfig {
  const { problems, data } = analyse(env, options);
  if (problems.length > 0 || !data) {
    throw new TenantConfigError(problems, options.source ?? 'de omgevingsvariabelen');
  }
  const site = new URL(data.SHAREPOINT_SITE_URL);
  return {
    clientId: data.AAD_APP_CLIENT_ID.toLowerCase(),
    tenantId: data.AAD_APP_TENANT_ID,
    authority: `https://login.microsoftonline.com/${data.AAD_APP_TENANT_ID}`,
    tabEndpoint: data.TAB_ENDPOINT,
    tabDomain: data.TAB_DOMAIN,
    graphBaseUrl: data.GRAPH_BASE_URL,
    sharePoint: {
      siteUrl: data.SHAREPOINT_SITE_URL,
      hostname: site.hostname,
      sitePath: site.pathname,
    },
    approvals: { teamId: data.APPROVAL_TEAM_ID.toLowerCase(), channelId: data.APPROVAL_CHANNEL_ID },
    teamsAppId: data.TEAMS_APP_ID.toLowerCase(),
    ...(data.TEAMS_CATALOG_APP_ID
      ? { teamsCatalogAppId: data.TEAMS_CATALOG_APP_ID.toLowerCase() }
      : {}),
    groups: {
      hr: data.HR_GROUP_ID.toLowerCase(),
      approvers: data.APPROVER_GROUP_ID.toLowerCase(),
    },
  };
}

export interface LoadTenantConfigOptions {
  root: string;
  envName: string;
  /** Wins over the file, so a secret store or CI can override single values. */
  processEnv?: NodeJS.ProcessEnv;
}

/** Start-up: `env/.env.<name>` overlaid with the process environment, validated. */
export function loadTenantConfig(options: LoadTenantConfigOptions): TenantConfig {
  const fromFile = readEnvFile(options.root, options.envName);
  const processEnv = options.processEnv ?? process.env;
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const variable of Object.keys(TENANT_VARIABLES)) {
    const value = processEnv[variable];
    if (present(value)) merged[variable] = value;
  }
  return parseTenantConfig(merged, {
    source: path.posix.join(ENV_DIR, `.env.${options.envName}`),
  });
}

/** What the tab receives at `/config.json` in tenant mode. */
export function toTenantRuntimeConfig(config: TenantConfig): TenantRuntimeConfig {
  return {
    mode: 'tenant',
    graphBaseUrl: config.graphBaseUrl,
    clientId: config.clientId,
    tenantId: config.tenantId,
    teamsAppId: config.teamsAppId,
    ...(config.teamsCatalogAppId ? { teamsCatalogAppId: config.teamsCatalogAppId } : {}),
    site: { hostname: config.sharePoint.hostname, path: config.sharePoint.sitePath },
    approvals: { ...config.approvals },
    groups: { ...config.groups },
  };
}
