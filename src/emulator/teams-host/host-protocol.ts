import { z } from 'zod';
import {
  LOCAL_APP_ID,
  LOCAL_HOST_RUNTIME,
  PERSONAL_TAB_ENTITY_ID,
  LOCAL_HOST_SDK_VERSION,
  type FrameContext,
  type HostEvent,
  type HostResponse,
  type LegacyContext,
  type TabRequest,
} from '../../teams/protocol';
import { parseTeamsTheme, type TeamsTheme } from '../../teams/theme';
import { parseTeamsDeepLink } from '../../teams/deep-link';

export { LOAD_TIMEOUT_MS, LoadWatch, type Timers } from './load-watch';

/**
 * The host side of the teams-js protocol, without any DOM: the page (teams-host.ts) feeds it the
 * tab's requests and carries out what it returns. One session per loaded tab frame, because
 * teams-js starts over (initialize, getContext) whenever the frame loads.
 */

/** The clients the host can play: Teams on the web, or Teams mobile (frameless, top-level). */
export type HostClientType = 'web' | 'android' | 'ios';

/** A configured channel tab of the app: its stable entity id and the channel it lives in. */
export interface InstalledChannelTab {
  entityId: string;
  channelId: string;
}

/**
 * The app as Teams knows it once installed: its org-catalog id (not the manifest id) and the tabs
 * a deep link may name. Teams resolves `l/entity/{appId}/{entityId}` against exactly this.
 */
export interface InstalledApp {
  appId: string;
  personalEntityId: string;
  channelTabs: readonly InstalledChannelTab[];
}

export const LOCAL_INSTALLED_APP: InstalledApp = {
  appId: LOCAL_APP_ID,
  personalEntityId: PERSONAL_TAB_ENTITY_ID,
  channelTabs: [],
};

export interface SessionContext {
  /** Default `web`; `android`/`ios` for the mobile surface. */
  hostClientType?: HostClientType;
  /** Default LOCAL_INSTALLED_APP: what deep links and navigateToApp are checked against. */
  installed?: InstalledApp;
  frameContext: FrameContext;
  /**
   * The configuration page of an existing channel tab (reopened from its Settings) gets what
   * Teams holds for it from `settings.getSettings`; a new tab gets nothing.
   */
  savedConfig?: SavedTabConfig | null;
  theme: TeamsTheme;
  locale: string;
  entityId: string;
  subPageId: string | null;
  user: { upn: string; displayName: string } | null;
  team: { id: string; name: string; groupId: string } | null;
  channel: { id: string; name: string } | null;
}

/** What the page must do besides answering. */
export type HostEffect =
  | { type: 'initialized' }
  | { type: 'handlerRegistered'; name: string }
  | { type: 'appLoaded' }
  | { type: 'success' }
  | { type: 'failure'; reason: string; message: string }
  | { type: 'expectedFailure'; reason: string; message: string }
  | { type: 'navigate'; subPageId: string | null }
  | { type: 'openTab'; tab: ResolvedDeepLink }
  | { type: 'deepLinkRefused'; link: string; reason: string }
  | { type: 'validity'; valid: boolean }
  | { type: 'configSaved'; config: SavedTabConfig }
  | { type: 'saveSucceeded' }
  | { type: 'saveFailed'; message: string }
  | { type: 'sharedDeepLink'; subPageId: string; label: string }
  | { type: 'unsupported'; func: string };

export interface HostStep {
  response: HostResponse | null;
  effects: HostEffect[];
}

export const savedTabConfigSchema = z.object({
  entityId: z.string().min(1),
  contentUrl: z.string().url(),
  suggestedDisplayName: z.string().optional(),
  websiteUrl: z.string().optional(),
});
export type SavedTabConfig = z.infer<typeof savedTabConfigSchema>;

const navigateToAppSchema = z.object({
  appId: z.string(),
  pageId: z.string(),
  subPageId: z.string().optional(),
});

/** The sub-entity id of a Teams deep link, read by the one parser the app's links are built for. */
export function subPageIdFromTeamsLink(link: string): string | null {
  return parseTeamsDeepLink(link)?.subEntityId ?? null;
}

/** Where a deep link Teams accepted opens: the personal tab, or a channel tab in its channel. */
export interface ResolvedDeepLink {
  surface: 'personal' | 'channel';
  entityId: string;
  channelId: string | null;
  subPageId: string | null;
}

export type DeepLinkResolution =
  { ok: true; tab: ResolvedDeepLink } | { ok: false; reason: string };

/**
 * A deep link as Teams resolves it (docs/local-teams-host.md, "Deep links as Teams resolves
 * them"): the app by its installed (org-catalog) id, the tab by an entity id the app really has,
 * and `channelId` only for a channel tab — and then the channel that tab lives in. Anything else
 * is refused, never silently opened somewhere.
 */
export function resolveTeamsDeepLink(link: string, installed: InstalledApp): DeepLinkResolution {
  const parsed = parseTeamsDeepLink(link);
  if (!parsed) return { ok: false, reason: 'Dit is geen Teams-link naar een app.' };
  if (parsed.appId.toLowerCase() !== installed.appId.toLowerCase()) {
    return {
      ok: false,
      reason: `Teams kent geen app met id ${parsed.appId}: een app uit de organisatiecatalogus heeft daar een eigen id (${installed.appId}), niet de id uit het manifest.`,
    };
  }
  if (parsed.entityId === installed.personalEntityId) {
    if (parsed.channelId !== null) {
      return {
        ok: false,
        reason: `Het persoonlijke tabblad (${parsed.entityId}) hoort bij geen kanaal: een link ernaar mag geen channelId hebben.`,
      };
    }
    return {
      ok: true,
      tab: {
        surface: 'personal',
        entityId: parsed.entityId,
        channelId: null,
        subPageId: parsed.subEntityId,
      },
    };
  }
  const channelTab = installed.channelTabs.find((t) => t.entityId === parsed.entityId);
  if (!channelTab) {
    return {
      ok: false,
      reason: `De app heeft geen tabblad met entity id ${parsed.entityId}.`,
    };
  }
  if (parsed.channelId !== channelTab.channelId) {
    return {
      ok: false,
      reason: `Het kanaaltabblad ${parsed.entityId} staat in kanaal ${channelTab.channelId}; de link noemt ${parsed.channelId ?? 'geen kanaal'}.`,
    };
  }
  return {
    ok: true,
    tab: {
      surface: 'channel',
      entityId: channelTab.entityId,
      channelId: channelTab.channelId,
      subPageId: parsed.subEntityId,
    },
  };
}

export function toLegacyContext(context: SessionContext): LegacyContext {
  return {
    theme: context.theme,
    locale: context.locale,
    frameContext: context.frameContext,
    hostClientType: context.hostClientType ?? 'web',
    hostName: 'Teams',
    appId: (context.installed ?? LOCAL_INSTALLED_APP).appId,
    entityId: context.entityId,
    ...(context.subPageId ? { subEntityId: context.subPageId } : {}),
    ...(context.user
      ? {
          userPrincipalName: context.user.upn,
          loginHint: context.user.upn,
          userDisplayName: context.user.displayName,
        }
      : {}),
    ...(context.team
      ? { teamId: context.team.id, teamName: context.team.name, groupId: context.team.groupId }
      : {}),
    ...(context.channel
      ? { channelId: context.channel.id, channelName: context.channel.name }
      : {}),
  };
}

function failureArgs(args: unknown[]): { reason: string; message: string } {
  const first = args[0];
  if (first && typeof first === 'object') {
    const record = first as Record<string, unknown>;
    return { reason: String(record.reason ?? ''), message: String(record.message ?? '') };
  }
  return { reason: String(first ?? ''), message: String(args[1] ?? '') };
}

export class HostSession {
  private context: SessionContext;
  private readonly handlers = new Set<string>();
  private savedConfig: SavedTabConfig | null = null;

  constructor(context: SessionContext) {
    this.context = { ...context };
    this.savedConfig = context.savedConfig ?? null;
  }

  private get installed(): InstalledApp {
    return this.context.installed ?? LOCAL_INSTALLED_APP;
  }

  get registeredHandlers(): ReadonlySet<string> {
    return this.handlers;
  }

  get theme(): TeamsTheme {
    return this.context.theme;
  }

  /** A theme change is an event, not a reload: Teams re-themes a running tab. */
  changeTheme(raw: string): HostEvent | null {
    this.context = { ...this.context, theme: parseTeamsTheme(raw) };
    return this.handlers.has('themeChange')
      ? { func: 'themeChange', args: [this.context.theme] }
      : null;
  }

  /** The host's save button on the configuration page. */
  save(): HostEvent {
    return { func: 'settings.save', args: [this.savedConfig ?? {}] };
  }

  handle(request: TabRequest): HostStep {
    const answer = (...args: unknown[]): HostResponse => ({
      id: request.id,
      ...(request.uuidAsString ? { uuidAsString: request.uuidAsString } : {}),
      args,
    });
    const args = request.args;
    switch (request.func) {
      case 'initialize':
        return {
          response: answer(
            this.context.frameContext,
            this.context.hostClientType ?? 'web',
            JSON.stringify(LOCAL_HOST_RUNTIME),
            LOCAL_HOST_SDK_VERSION,
          ),
          effects: [{ type: 'initialized' }],
        };
      case 'getContext':
        return { response: answer(toLegacyContext(this.context)), effects: [] };
      case 'registerHandler': {
        const name = typeof args[0] === 'string' ? args[0] : null;
        if (name) this.handlers.add(name);
        return { response: null, effects: name ? [{ type: 'handlerRegistered', name }] : [] };
      }
      case 'appInitialization.appLoaded':
        return { response: null, effects: [{ type: 'appLoaded' }] };
      case 'appInitialization.success':
        return { response: answer(true), effects: [{ type: 'success' }] };
      case 'appInitialization.failure':
      case 'appInitialization.expectedFailure': {
        // teams-js sends `[reason, message]` (older builds) or `[{ reason, message }]`.
        const failure = failureArgs(args);
        return {
          response: null,
          effects: [
            {
              type: request.func === 'appInitialization.failure' ? 'failure' : 'expectedFailure',
              ...failure,
            },
          ],
        };
      }
      case 'pages.navigateToApp': {
        const parsed = navigateToAppSchema.safeParse(args[0]);
        if (
          !parsed.success ||
          parsed.data.appId.toLowerCase() !== this.installed.appId.toLowerCase()
        ) {
          return { response: answer(false, 'Onbekende app of pagina.'), effects: [] };
        }
        return {
          response: answer(true),
          effects: [{ type: 'navigate', subPageId: parsed.data.subPageId ?? null }],
        };
      }
      case 'executeDeepLink': {
        const link = typeof args[0] === 'string' ? args[0] : '';
        const resolved = resolveTeamsDeepLink(link, this.installed);
        if (!resolved.ok) {
          return {
            response: answer(false, resolved.reason),
            effects: [{ type: 'deepLinkRefused', link, reason: resolved.reason }],
          };
        }
        return { response: answer(true), effects: [{ type: 'openTab', tab: resolved.tab }] };
      }
      case 'shareDeepLink':
        return {
          response: null,
          effects: [
            {
              type: 'sharedDeepLink',
              subPageId: String(args[0] ?? ''),
              label: String(args[1] ?? ''),
            },
          ],
        };
      case 'settings.setValidityState':
        return { response: null, effects: [{ type: 'validity', valid: args[0] === true }] };
      case 'settings.setSettings': {
        const parsed = savedTabConfigSchema.safeParse(args[0]);
        if (!parsed.success) {
          return { response: answer(false, 'Ongeldige tabbladconfiguratie.'), effects: [] };
        }
        this.savedConfig = parsed.data;
        return { response: answer(true), effects: [{ type: 'configSaved', config: parsed.data }] };
      }
      case 'settings.getSettings':
        return { response: answer(this.savedConfig ?? {}), effects: [] };
      case 'settings.save.success':
        return { response: null, effects: [{ type: 'saveSucceeded' }] };
      case 'settings.save.failure':
        return {
          response: null,
          effects: [{ type: 'saveFailed', message: String(args[0] ?? '') }],
        };
      default:
        // teams-js reads an SDK error from the first argument for current APIs, so the tab gets
        // a clean "not supported" instead of waiting forever for an answer.
        return {
          response: answer({
            errorCode: 100,
            message: `${request.func} wordt niet ondersteund door de lokale Teams-host.`,
          }),
          effects: [{ type: 'unsupported', func: request.func }],
        };
    }
  }
}
