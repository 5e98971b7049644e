import { z } from 'zod';

/**
 * The subset of the teams-js postMessage protocol (version 2.58) that Functiewijzer uses,
 * as DESIGN §7 documents it and as node_modules/@microsoft/teams-js/dist/esm shows it:
 * - tab → host request: `{ id, uuidAsString, func, args, … }` (teams-js serialises its UUID
 *   object as `uuidAsString`);
 * - host → tab response: `{ id, uuidAsString, args }`, matched on uuid (or on id when absent);
 * - host → tab event: `{ func, args }` (e.g. `themeChange`, `settings.save`).
 * The local Teams host page (src/emulator/teams-host) speaks the host side of it; these schemas
 * are the one description of the shapes for both sides and for the tests.
 */

export const tabRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  uuidAsString: z.string().optional(),
  func: z.string().min(1),
  args: z.array(z.unknown()).optional().default([]),
});
export type TabRequest = z.infer<typeof tabRequestSchema>;

export interface HostResponse {
  id: number;
  uuidAsString?: string;
  args: unknown[];
}

export interface HostEvent {
  func: string;
  args: unknown[];
}

/** The frame contexts the app declares: the tab itself and the channel tab's configuration page. */
export const frameContextSchema = z.enum(['content', 'settings']);
export type FrameContext = z.infer<typeof frameContextSchema>;

/**
 * What a host answers to `getContext`: the flat "legacy" context teams-js maps onto
 * `app.Context` (`subEntityId` → `page.subPageId`, `userPrincipalName` → `user.…`, …).
 * Only the fields the tab reads are listed; teams-js tolerates missing ones.
 */
export const legacyContextSchema = z.object({
  theme: z.string(),
  locale: z.string(),
  frameContext: frameContextSchema,
  hostClientType: z.enum(['web', 'desktop', 'android', 'ios']),
  appId: z.string().optional(),
  entityId: z.string().optional(),
  subEntityId: z.string().optional(),
  userPrincipalName: z.string().optional(),
  loginHint: z.string().optional(),
  userDisplayName: z.string().optional(),
  userObjectId: z.string().optional(),
  tid: z.string().optional(),
  teamId: z.string().optional(),
  teamName: z.string().optional(),
  groupId: z.string().optional(),
  channelId: z.string().optional(),
  channelName: z.string().optional(),
  appSessionId: z.string().optional(),
  hostName: z.string().optional(),
});
export type LegacyContext = z.infer<typeof legacyContextSchema>;

/**
 * The capabilities the local host advertises. teams-js treats any capability not listed as
 * "not supported", so this is also the list of what the tab may rely on.
 */
export const LOCAL_HOST_RUNTIME = {
  apiVersion: 4,
  isLegacyTeams: false,
  supports: {
    app: {},
    appInstallDialog: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {} },
    teamsCore: {},
  },
} as const;

/**
 * The local app's manifest id (`id` in manifest.json). An app uploaded to the org catalog gets
 * another id there, and Teams resolves deep links only by that one (docs/local-teams-host.md,
 * "Deep links as Teams resolves them"), so the local host never reports this one.
 */
export const LOCAL_MANIFEST_APP_ID = 'f0c7e2a1-5b3d-4e8f-9a16-0c2b7d4e6f81';
/**
 * The org-catalog id of the local app: what the local host reports as `context.app.appId`, what
 * the emulator answers for `GET /appCatalogs/teamsApps?$filter=externalId eq '<manifest id>'`,
 * and the only app id the host accepts in a deep link or `pages.navigateToApp`.
 */
export const LOCAL_APP_ID = '3d5f8a0e-7c41-4b2a-9e6d-1f0a2b3c4d5e';
/** The static (personal) tab's entity id, as the manifest declares it. */
export const PERSONAL_TAB_ENTITY_ID = 'functiewijzer';

/** The host SDK version the local host claims; teams-js compares features against it. */
export const LOCAL_HOST_SDK_VERSION = '2.58.0';
