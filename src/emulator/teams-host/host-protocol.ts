import { z } from 'zod';
import {
  LOCAL_APP_ID,
  LOCAL_HOST_RUNTIME,
  LOCAL_HOST_SDK_VERSION,
  type FrameContext,
  type HostEvent,
  type HostResponse,
  type LegacyContext,
  type TabRequest,
} from '../../teams/protocol';
import { parseTeamsTheme, type TeamsTheme } from '../../teams/theme';
import { parseTeamsDeepLink } from '../../teams/deep-link';

/**
 * The host side of the teams-js protocol, without any DOM: the page (teams-host.ts) feeds it the
 * tab's requests and carries out what it returns. One session per loaded tab frame, because
 * teams-js starts over (initialize, getContext) whenever the frame loads.
 */

export interface SessionContext {
  frameContext: FrameContext;
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
  | { type: 'navigate'; subPageId: string | null }
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

export function toLegacyContext(context: SessionContext): LegacyContext {
  return {
    theme: context.theme,
    locale: context.locale,
    frameContext: context.frameContext,
    hostClientType: 'web',
    hostName: 'Teams',
    appId: LOCAL_APP_ID,
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

export class HostSession {
  private context: SessionContext;
  private readonly handlers = new Set<string>();
  private savedConfig: SavedTabConfig | null = null;

  constructor(context: SessionContext) {
    this.context = { ...context };
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
            'web',
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
      case 'appInitialization.expectedFailure':
        return {
          response: null,
          effects: [
            { type: 'failure', reason: String(args[0] ?? ''), message: String(args[1] ?? '') },
          ],
        };
      case 'pages.navigateToApp': {
        const parsed = navigateToAppSchema.safeParse(args[0]);
        if (!parsed.success || parsed.data.appId !== LOCAL_APP_ID) {
          return { response: answer(false, 'Onbekende app of pagina.'), effects: [] };
        }
        return {
          response: answer(true),
          effects: [{ type: 'navigate', subPageId: parsed.data.subPageId ?? null }],
        };
      }
      case 'executeDeepLink': {
        const subPageId = typeof args[0] === 'string' ? subPageIdFromTeamsLink(args[0]) : null;
        return {
          response: answer(true),
          effects: [{ type: 'navigate', subPageId }],
        };
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
