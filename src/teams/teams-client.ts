import { app, pages } from '@microsoft/teams-js';
import { toTeamsContext, type TeamsContext } from './context';
import { hasPotentialHost } from './frame';
import { parseTeamsTheme, type TeamsTheme } from './theme';

export { hasPotentialHost };

/**
 * The teams-js edge: the only module of the tab that talks to teams-js. Everything above it
 * gets a `TeamsSession` (inside a Teams host) or null (a plain browser), never teams-js itself.
 */

/** `local`: the local Teams host page; `tenant`: real Teams. Decides which origins are trusted. */
export type HostMode = 'local' | 'tenant';

/** What the channel tab's configuration page hands to Teams when the user saves. */
export interface ChannelTabConfig {
  /** Stable id of this configured tab instance; comes back as `page.id`. */
  entityId: string;
  /** The tab URL Teams loads for this instance (same origin as the tab). */
  contentUrl: string;
  suggestedDisplayName: string;
}

export interface ChannelTabSettings {
  /**
   * The configuration Teams holds for this tab when the page is reopened (Settings of an
   * existing tab, `canUpdateConfiguration`): `pages.getConfig()`. Null for a new tab.
   */
  current(): Promise<ChannelTabConfig | null>;
  /** Enables or disables the host's "Opslaan" button. */
  setValid(valid: boolean): void;
  /**
   * Called when the user presses the host's save button. The returned configuration is stored
   * by the host; a rejected promise keeps the dialog open and its message is shown by the host.
   */
  onSave(handler: () => Promise<ChannelTabConfig> | ChannelTabConfig): void;
}

export interface TeamsSession {
  readonly context: TeamsContext;
  /** Live theme changes from the host; returns an unsubscribe function. */
  onThemeChange(listener: (theme: TeamsTheme) => void): () => void;
  /** Tells the host the first meaningful render happened (hides Teams' loading indicator). */
  notifySuccess(): void;
  /**
   * The tab started but cannot be used, and shows its own message with a way forward: Teams is
   * told why (`notifyExpectedFailure`), so it hides its loading indicator and does not cover
   * the tab with its own error screen, as `notifyFailure` would (teams-js `app.d.ts`).
   */
  notifyFailure(reason: BootFailureReason, message: string): void;
  /** Only in the configuration page (frameContext `settings`). */
  readonly settings: ChannelTabSettings | null;
}

/** Why the start-up stopped, in teams-js' words (`app.ExpectedFailureReason`). */
export type BootFailureReason = 'PermissionError' | 'NotFound' | 'Throttling' | 'Offline' | 'Other';

export interface ConnectOptions {
  mode: HostMode;
  window?: Window;
}

/**
 * In local mode the host page is not a Microsoft origin, so teams-js must be told to trust it
 * (DESIGN §7). Never in tenant mode: there only teams-js' own list of Microsoft hosts counts.
 */
export function trustedOriginsFor(mode: HostMode, win: Window): string[] | undefined {
  if (mode !== 'local') return undefined;
  const parentOrigin = app.getImmediateParentOrigin();
  if (!parentOrigin || parentOrigin === win.location.origin) return undefined;
  return [parentOrigin];
}

/**
 * Connects to the Teams host, or resolves null when the tab runs in a plain browser. Whether a
 * host is there is teams-js' call, not a timer's: `app.initialize()` rejects at once without a
 * parent, opener or native interface, and waits up to 60 s for a slow Teams client — which must
 * still get a signed-in tab, never the plain-browser start with its sign-in popup.
 */
export async function connectToTeams(options: ConnectOptions): Promise<TeamsSession | null> {
  const win = options.window ?? window;
  if (!hasPotentialHost(win)) return null;

  let context: app.Context;
  try {
    await app.initialize(trustedOriginsFor(options.mode, win));
    context = await app.getContext();
  } catch {
    // "No Parent window found", or teams-js' own 60 s timeout: no host after all.
    return null;
  }

  // Teams keeps its loading indicator up until the app says it has loaded.
  app.notifyAppLoaded();
  return createSession(toTeamsContext(context), win);
}

const EXPECTED_FAILURE_REASONS: Record<BootFailureReason, app.ExpectedFailureReason> = {
  PermissionError: app.ExpectedFailureReason.PermissionError,
  NotFound: app.ExpectedFailureReason.NotFound,
  Throttling: app.ExpectedFailureReason.Throttling,
  Offline: app.ExpectedFailureReason.Offline,
  Other: app.ExpectedFailureReason.Other,
};

function createSession(context: TeamsContext, win: Window): TeamsSession {
  const themeListeners = new Set<(theme: TeamsTheme) => void>();
  let currentTheme = context.theme;
  app.registerOnThemeChangeHandler((raw) => {
    currentTheme = parseTeamsTheme(raw);
    for (const listener of themeListeners) listener(currentTheme);
  });

  let settled = false;
  return {
    get context() {
      return { ...context, theme: currentTheme };
    },
    onThemeChange(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    notifySuccess() {
      if (settled) return;
      settled = true;
      void app.notifySuccess().catch(() => undefined);
    },
    notifyFailure(reason, message) {
      if (settled) return;
      settled = true;
      app.notifyExpectedFailure({ reason: EXPECTED_FAILURE_REASONS[reason], message });
    },
    settings: context.frameContext === 'settings' ? createSettings(win) : null,
  };
}

function createSettings(win: Window): ChannelTabSettings {
  return {
    async current() {
      try {
        const saved = await pages.getConfig();
        if (!saved.entityId || !saved.contentUrl) return null;
        return {
          entityId: saved.entityId,
          contentUrl: saved.contentUrl,
          suggestedDisplayName: saved.suggestedDisplayName ?? '',
        };
      } catch {
        // A host without the saved configuration: start as a new tab.
        return null;
      }
    },
    setValid(valid) {
      pages.config.setValidityState(valid);
    },
    onSave(handler) {
      pages.config.registerOnSaveHandler((saveEvent) => {
        void (async () => {
          try {
            const config = await handler();
            const contentUrl = new URL(config.contentUrl, win.location.href).toString();
            await pages.config.setConfig({ ...config, contentUrl, websiteUrl: contentUrl });
            saveEvent.notifySuccess();
          } catch (error) {
            saveEvent.notifyFailure(error instanceof Error ? error.message : String(error));
          }
        })();
      });
    },
  };
}
