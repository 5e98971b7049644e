import type {
  AccountInfo,
  AuthenticationResult,
  DeviceCodeRequest,
  SilentFlowRequest,
} from '@azure/msal-node';
import { z } from 'zod';
import { isPlaceholder, readEnvFile } from '../config/tenant-config';
import type { SiteRef } from '../graph/site';

/**
 * Sign-in of the command-line tools (provision, import, check-tenant) on a tenant: the
 * device-code flow of msal-node on the Functiewijzer app registration itself. Not the Azure CLI:
 * that is a Microsoft first-party client which only gets the Graph scopes pre-authorised for it
 * (AADSTS65002), never Sites.Manage.All (M365-FACTS, "Tokens for CLIs").
 *
 * One device code gives two tokens: Graph, and the SharePoint resource of the site (for the
 * SharePoint REST calls of list permissions and views). Both with `.default`, i.e. exactly the
 * scopes added and consented in docs/deploy.md step 2 — a missing one is then the consent's
 * problem, named as such, not a prompt for more. msal-node's cache stays in memory (no cache
 * plugin): nothing survives the run, and no token is ever printed or put in a URL.
 */

export type TokenSource = () => Promise<string>;

export interface TenantTokens {
  /** The signed-in account (UPN), to say whom the command acts as. */
  account: string;
  graph: TokenSource;
  /** For `https://<tenant>.sharepoint.com/_api/…` (SharePoint REST), not for Graph. */
  sharePoint: TokenSource;
  /**
   * The last renewal that failed: the Graph client reports a failing token source as a network
   * error of the request, so the command asks here what really happened.
   */
  lastFailure?: () => SignInError | null;
}

export interface SignInSettings {
  clientId: string;
  /** GUID or primary domain; the authority is single-tenant. */
  tenantId: string;
  /** `https://<tenant>.sharepoint.com` — the SharePoint resource the second token is for. */
  sharePointOrigin: string;
}

/** The part of msal-node's PublicClientApplication used here; tests pass a fake of it. */
export interface DeviceCodeClient {
  acquireTokenByDeviceCode(request: DeviceCodeRequest): Promise<AuthenticationResult | null>;
  acquireTokenSilent(request: SilentFlowRequest): Promise<AuthenticationResult>;
}

export interface SignInDeps {
  /** Where the "open … and enter code …" line goes (stderr, so stdout stays the report). */
  prompt: (text: string) => void;
  /** Default: a real PublicClientApplication with an in-memory cache. */
  createClient?: (settings: SignInSettings) => Promise<DeviceCodeClient>;
  /** Who should sign in, in words, e.g. "als IT-beheerder (eigenaar van de site)". */
  who?: string;
}

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const sharePointScope = (origin: string): string => `${origin}/.default`;

export type SignInProblem =
  | 'no-consent'
  | 'public-client-off'
  | 'app-not-found'
  | 'tenant-not-found'
  | 'not-assigned'
  | 'conditional-access'
  | 'declined'
  | 'code-expired'
  | 'session-expired'
  | 'wrong-site'
  | 'network'
  | 'unknown';

/** A sign-in that failed, with a Dutch message that says which setting or step fixes it. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly problem: SignInProblem,
    message: string,
    /** The AADSTS number Entra ID gave, for the sign-in logs; never a token. */
    readonly aadsts?: string,
  ) {
    super(message);
  }
}

const STEP1 = 'docs/deploy.md stap 1';
const STEP2 = 'docs/deploy.md stap 2';

/** What Entra ID said, in words IT can act on. Codes: learn.microsoft.com, "AADSTS error codes". */
export function signInErrorFrom(error: unknown, resource: 'Graph' | 'SharePoint'): SignInError {
  if (error instanceof SignInError) return error;
  const code =
    typeof (error as { errorCode?: unknown })?.errorCode === 'string'
      ? (error as { errorCode: string }).errorCode
      : '';
  const text = `${code} ${error instanceof Error ? error.message : String(error)}`;
  const aadsts = /AADSTS(\d+)/.exec(text)?.[1];
  const tag = aadsts ? ` (AADSTS${aadsts})` : '';
  const make = (problem: SignInProblem, message: string): SignInError =>
    new SignInError(problem, `${message}${tag}`, aadsts ? `AADSTS${aadsts}` : undefined);
  switch (aadsts) {
    case '65001':
    case '90094':
    case '90008':
      return make(
        'no-consent',
        `Functiewijzer heeft in deze tenant nog geen beheerderstoestemming voor ${resource}. Laat een globale beheerder de machtigingen toevoegen en toestemming verlenen (${STEP2}) en voer de opdracht opnieuw uit.`,
      );
    case '7000218':
      return make(
        'public-client-off',
        `De app-registratie staat aanmelden met een apparaatcode niet toe. Zet "Openbare clientstromen toestaan" aan (${STEP1}, Verificatie) en voer de opdracht opnieuw uit.`,
      );
    case '700016':
      return make(
        'app-not-found',
        `Deze client-id is in deze tenant niet geregistreerd. Controleer AAD_APP_CLIENT_ID en AAD_APP_TENANT_ID (${STEP1}) of de vlaggen --client-id en --tenant-id.`,
      );
    case '90002':
    case '90072':
      return make(
        'tenant-not-found',
        `Deze tenant bestaat niet of je account hoort er niet bij. Controleer AAD_APP_TENANT_ID (${STEP1}) en meld je aan met een account van de stad.`,
      );
    case '50105':
      return make(
        'not-assigned',
        `Je account is niet toegewezen aan Functiewijzer (Toewijzing vereist). Voeg het account of zijn groep toe onder Bedrijfstoepassingen › Functiewijzer › Gebruikers en groepen (${STEP2}).`,
      );
    case '53003':
      return make(
        'conditional-access',
        'Een regel voor voorwaardelijke toegang weigert deze aanmelding. Vraag de beheerder van Entra ID om een uitzondering of meld je aan vanaf een beheerd toestel.',
      );
    case '500011':
      return make(
        'wrong-site',
        `${resource === 'SharePoint' ? 'De SharePoint-host van het opgegeven site-adres' : 'Deze resource'} bestaat niet in deze tenant. Controleer het adres (https://<naam>.sharepoint.com/sites/<site>).`,
      );
    case '70020':
    case '70019':
      return make(
        'code-expired',
        'De aanmeldcode is verlopen voor je je aanmeldde. Voer de opdracht opnieuw uit en meld je binnen 15 minuten aan.',
      );
    case '50126':
    case '50034':
      return make(
        'declined',
        'Aanmelden mislukt: verkeerd account of wachtwoord. Voer de opdracht opnieuw uit.',
      );
    default:
      break;
  }
  if (/authorization_declined|access_denied/i.test(text)) {
    return make(
      'declined',
      'De aanmelding werd geweigerd. Voer de opdracht opnieuw uit en keur de aanmelding goed.',
    );
  }
  if (/expired_token|device_code_expired|device code expired/i.test(text)) {
    return make(
      'code-expired',
      'De aanmeldcode is verlopen voor je je aanmeldde. Voer de opdracht opnieuw uit.',
    );
  }
  if (/interaction_required|invalid_grant|no_tokens_found|refresh_token_expired/i.test(text)) {
    return make(
      'session-expired',
      'Je aanmelding is verlopen of ingetrokken tijdens de opdracht. Voer dezelfde opdracht opnieuw uit: wat al klaar is, wordt herkend en overgeslagen.',
    );
  }
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network|fetch failed/i.test(text)) {
    return make(
      'network',
      'Geen verbinding met login.microsoftonline.com. Controleer de netwerkverbinding (en een proxy) en voer de opdracht opnieuw uit.',
    );
  }
  return make(
    'unknown',
    `Aanmelden bij ${resource} mislukt${code ? ` (${code})` : ''}. Controleer de app-registratie (${STEP1} en 2) en voer de opdracht opnieuw uit.`,
  );
}

async function msalClient(settings: SignInSettings): Promise<DeviceCodeClient> {
  // Loaded only for a tenant run, so the emulator paths never pay for msal-node.
  const { PublicClientApplication } = await import('@azure/msal-node');
  return new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
    },
  });
}

/**
 * Signs in once with a device code (the prompt tells the person where and which code), then
 * hands out token sources. Each call asks msal-node's in-memory cache, which renews an expired
 * access token with the refresh token on its own; when even that fails the error says to run the
 * command again.
 */
export async function signInWithDeviceCode(
  settings: SignInSettings,
  deps: SignInDeps,
): Promise<TenantTokens> {
  const client = await (deps.createClient ?? msalClient)(settings);
  let result: AuthenticationResult | null;
  try {
    result = await client.acquireTokenByDeviceCode({
      scopes: [GRAPH_SCOPE],
      deviceCodeCallback: (response) => {
        // Entra ID's own message is English; ours names the account to use. Never the token.
        deps.prompt(
          `Aanmelden${deps.who ? ` ${deps.who}` : ''}: open ${response.verificationUri} en geef de code ${response.userCode} in.\n`,
        );
      },
    });
  } catch (error) {
    throw signInErrorFrom(error, 'Graph');
  }
  if (!result || !result.account) {
    throw new SignInError(
      'unknown',
      'Aanmelden gaf geen account terug. Voer de opdracht opnieuw uit.',
    );
  }
  const account: AccountInfo = result.account;
  let lastFailure: SignInError | null = null;
  // msal-node answers from its in-memory cache while the token is valid, renews it otherwise.
  const silent =
    (scope: string, resource: 'Graph' | 'SharePoint'): TokenSource =>
    async () => {
      try {
        return (await client.acquireTokenSilent({ account, scopes: [scope] })).accessToken;
      } catch (error) {
        lastFailure = signInErrorFrom(error, resource);
        throw lastFailure;
      }
    };
  return {
    account: account.username,
    graph: silent(GRAPH_SCOPE, 'Graph'),
    sharePoint: silent(sharePointScope(settings.sharePointOrigin), 'SharePoint'),
    lastFailure: () => lastFailure,
  };
}

// ── where the app registration comes from ────────────────────────────────────────────────────

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const registrationSchema = z.object({
  clientId: z.string().regex(GUID, 'verwacht een GUID (Toepassings-id (client))'),
  tenantId: z
    .string()
    .refine(
      (v) => GUID.test(v) || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(v),
      'verwacht de tenant-id (GUID) of het hoofddomein, zoals stad.onmicrosoft.com',
    ),
});

export interface RegistrationFlags {
  'client-id'?: string | undefined;
  'tenant-id'?: string | undefined;
  env?: string | undefined;
}

/** The flags every tenant command takes for the app registration (parseArgs options). */
export const REGISTRATION_OPTIONS = {
  env: { type: 'string' },
  'client-id': { type: 'string' },
  'tenant-id': { type: 'string' },
} as const;

export const REGISTRATION_USAGE = `  --env NAAM        lees AAD_APP_CLIENT_ID en AAD_APP_TENANT_ID uit env/.env.NAAM (standaard prod)
  --client-id GUID  de client-id van de app-registratie (gaat voor op env/.env.NAAM)
  --tenant-id ID    de tenant-id of het hoofddomein (gaat voor op env/.env.NAAM)`;

/**
 * Client id and tenant: flags first, then the process environment, then `env/.env.<name>`
 * (default prod). A missing, malformed or example value is named with where to find it.
 */
export function registrationFrom(
  flags: RegistrationFlags,
  env: NodeJS.ProcessEnv,
  root: string,
): { clientId: string; tenantId: string } {
  const envName = flags.env ?? 'prod';
  let fromFile: Record<string, string> = {};
  const needFile = !(flags['client-id'] && flags['tenant-id']);
  let fileProblem: string | null = null;
  if (needFile) {
    try {
      fromFile = readEnvFile(root, envName);
    } catch (error) {
      fileProblem = error instanceof Error ? error.message : String(error);
    }
  }
  const clientId = flags['client-id'] ?? env['AAD_APP_CLIENT_ID'] ?? fromFile['AAD_APP_CLIENT_ID'];
  const tenantId = flags['tenant-id'] ?? env['AAD_APP_TENANT_ID'] ?? fromFile['AAD_APP_TENANT_ID'];
  const problems: string[] = [];
  if (!clientId) problems.push(`AAD_APP_CLIENT_ID ontbreekt (of geef --client-id)`);
  if (!tenantId) problems.push(`AAD_APP_TENANT_ID ontbreekt (of geef --tenant-id)`);
  if (clientId && tenantId) {
    const parsed = registrationSchema.safeParse({
      clientId: clientId.trim(),
      tenantId: tenantId.trim(),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${String(issue.path[0])}: ${issue.message}`);
    } else {
      for (const [name, value] of [
        ['AAD_APP_CLIENT_ID', parsed.data.clientId],
        ['AAD_APP_TENANT_ID', parsed.data.tenantId],
      ] as const) {
        if (isPlaceholder(value)) problems.push(`${name} is nog een voorbeeldwaarde ("${value}")`);
      }
      if (problems.length === 0) return parsed.data;
    }
  }
  throw new SignInError(
    'app-not-found',
    [
      `De app-registratie van Functiewijzer is niet (juist) opgegeven: ${problems.join('; ')}.`,
      ...(fileProblem && problems.some((p) => p.includes('ontbreekt')) ? [fileProblem] : []),
      `Vul ze in env/.env.${envName} in (${STEP1}, Overzicht) of geef --client-id en --tenant-id.`,
    ].join('\n'),
  );
}

/** The site a tenant command works on, from `--tenant`/`--site`; a Dutch error for anything else. */
export function tenantSite(url: string): SiteRef {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      `'${url}' is geen adres; verwacht bv. https://stad.sharepoint.com/sites/functiewijzer.`,
    );
  }
  if (parsed.protocol !== 'https:' || !/^\/(sites|teams)\/[^/]+\/?$/.test(parsed.pathname)) {
    throw new Error(`'${url}': verwacht https://<naam>.sharepoint.com/sites/<site>.`);
  }
  return { hostname: parsed.hostname, path: parsed.pathname.replace(/\/+$/, '') };
}

/** `https://stad.sharepoint.com/sites/x` → `https://stad.sharepoint.com`, the SharePoint resource. */
export function sharePointOriginOf(siteUrl: string): string {
  return new URL(siteUrl).origin;
}

// ── what a tenant command says when it fails ─────────────────────────────────────────────────

export interface FailureContext {
  /** The site URL as given. */
  siteUrl: string;
  /** Whom the command ran as (UPN), when signed in. */
  account?: string | undefined;
  /** Which rights the command needs, e.g. "eigenaar van de site". */
  needs: string;
  /** `TenantTokens.lastFailure()`: a token renewal that failed during the run. */
  signInFailure?: SignInError | null | undefined;
}

/**
 * One Dutch paragraph for IT: what went wrong and what to do. The data layer's own messages are
 * written for the tab ("vernieuw de pagina"); a command names the site, the account and the step.
 */
export function explainFailure(error: unknown, context: FailureContext): string {
  if (error instanceof SignInError) return error.message;
  // A token source that failed inside a Graph call arrives as that call's network error.
  if (context.signInFailure && (error as { kind?: unknown } | null)?.kind === 'network')
    return context.signInFailure.message;
  const kind = (error as { kind?: unknown } | null)?.kind;
  const status = (error as { detail?: { status?: number } } | null)?.detail?.status;
  const again =
    'Voer daarna dezelfde opdracht opnieuw uit: wat al klaar is, wordt herkend en overgeslagen.';
  const who = context.account ? `Je account (${context.account})` : 'Dit account';
  switch (kind) {
    case 'notFound':
      return `Niet gevonden op ${context.siteUrl}${status ? ` (HTTP ${status})` : ''}. Controleer het adres (https://<naam>.sharepoint.com/sites/<site>) en of de site bestaat (docs/deploy.md stap 3). ${again}`;
    case 'forbidden':
      return `${who} mag dit niet op ${context.siteUrl}: nodig is ${context.needs}. Meld je aan met zo'n account, of laat de rechten toekennen (docs/deploy.md stap 3 en 4); heeft het account die rechten wel, dan mist de app-registratie een machtiging of de toestemming ervoor (stap 2). ${again}`;
    case 'unauthorized':
      return `Microsoft 365 weigert de aanmelding: het token is verlopen, of de app-registratie heeft geen toestemming voor deze machtiging (docs/deploy.md stap 2). ${again}`;
    case 'network':
    case 'throttled':
      return `Microsoft 365 antwoordde niet (netwerk onderbroken of dienst te druk). Controleer de verbinding. ${again}`;
    default:
      return `${error instanceof Error ? error.message : String(error)} ${again}`;
  }
}
