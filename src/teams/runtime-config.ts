import { z } from 'zod';

/**
 * The configuration the tab (and the local Teams host page) fetch from `/config.json` at start.
 * It arrives at run time, not at build time, so one build serves local and tenant mode.
 * Local mode: Graph is the embedded emulator and users are its personas. Tenant mode: real
 * Microsoft 365 with MSAL nested app auth; it never trusts non-Microsoft hosts and never shows a
 * persona switcher.
 */

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'verwacht een http(s)-adres')
  .transform((value) => value.replace(/\/+$/, ''));

/** The SharePoint site that holds the Functiewijzer lists (resolved once at start-up). */
export const siteRefSchema = z.object({
  hostname: z.string().min(1),
  path: z.string().regex(/^\/\S*$/, 'begint met /'),
});

export const localRuntimeConfigSchema = z.object({
  mode: z.literal('local'),
  /** Graph's version root on the emulator, e.g. http://127.0.0.1:53001/v1.0 */
  graphBaseUrl: httpUrl,
  /** The emulator's control API root (personas, tokens), e.g. http://127.0.0.1:53001 */
  emulatorUrl: httpUrl,
  /** Where the tab itself is served; the local Teams host page frames this URL. */
  tabUrl: httpUrl,
  site: siteRefSchema,
});

const objectId = z.string().min(1);

export const tenantRuntimeConfigSchema = z.object({
  mode: z.literal('tenant'),
  graphBaseUrl: httpUrl,
  /** The Entra ID app registration of the tab (nested app auth). */
  clientId: z.string().min(1),
  tenantId: z.string().min(1),
  /** The Teams app id of the manifest. */
  teamsAppId: objectId,
  /**
   * The app's org-catalog id, for deep links where Teams does not report `context.app.appId`
   * (outside Teams); absent for a sideloaded app, whose links use the manifest id.
   */
  teamsCatalogAppId: objectId.optional(),
  site: siteRefSchema,
  /** Where approval requests are posted (DESIGN §5). */
  approvals: z.object({ teamId: objectId, channelId: z.string().regex(/^19:\S+$/) }),
  /**
   * Entra ID security groups (object ids) that decide what the tab offers: members of `hr` edit
   * and submit, members of `approvers` decide. Ids, not names: with only `User.Read` Graph lists
   * a user's groups by id without their names.
   */
  groups: z.object({ hr: objectId, approvers: objectId }),
});

export const runtimeConfigSchema = z.discriminatedUnion('mode', [
  localRuntimeConfigSchema,
  tenantRuntimeConfigSchema,
]);
export type LocalRuntimeConfig = z.infer<typeof localRuntimeConfigSchema>;
export type TenantRuntimeConfig = z.infer<typeof tenantRuntimeConfigSchema>;
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export const RUNTIME_CONFIG_PATH = '/config.json';

/** Fetches and validates `/config.json`; the message says in Dutch what is wrong. */
export async function loadRuntimeConfig(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<RuntimeConfig> {
  let body: unknown;
  try {
    // No `cache` option: index.html preloads this URL and only a plain fetch picks that up.
    // The server sends Cache-Control: no-store, so it is never stale.
    const response = await fetchImpl(RUNTIME_CONFIG_PATH);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new Error(
      `De configuratie van Functiewijzer (${RUNTIME_CONFIG_PATH}) kon niet geladen worden (${error instanceof Error ? error.message : String(error)}). Herstart \`npm start\` of vraag IT om de installatie na te kijken.`,
      { cause: error },
    );
  }
  const parsed = runtimeConfigSchema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .map((issue) => issue.path.join('.') || '(geheel)')
      .join(', ');
    throw new Error(
      `De configuratie van Functiewijzer (${RUNTIME_CONFIG_PATH}) is ongeldig: ${fields}. Vraag IT om ze na te kijken.`,
    );
  }
  return parsed.data;
}
