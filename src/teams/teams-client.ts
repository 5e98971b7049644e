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
  /** Tells the host the tab could not start; `message` is shown to nobody but logged by Teams. */
  notifyFailure(message: string): void;
  /** Only in the configuration page (frameContext `settings`). */
  readonly settings: ChannelTabSettings | null;
}

export interface ConnectOptions {
  mode: HostMode;
  /**
   * How long to wait for a framing page that never answers (embedded somewhere that is not a
   * Teams host). Teams answers within a few hundred milliseconds; a plain browser is detected
   * without waiting at all.
   */
  timeoutMs?: number;
  window?: Window;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
const TIMED_OUT = Symbol('timed out');

/**
 * Connects to the Teams host, or resolves null when the tab runs in a plain browser (or in a
 * frame that never answers within `timeoutMs`).
 */
export async function connectToTeams(options: ConnectOptions): Promise<TeamsSession | null> {
  const win = options.window ?? window;
  if (!hasPotentialHost(win)) return null;

  let context: app.Context;
  try {
    const initialised = await withTimeout(
      app.initialize(trustedOriginsFor(options.mode, win)),
      options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    if (initialised === TIMED_OUT) return null;
    const received = await withTimeout(
      app.getContext(),
      options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    );
    if (received === TIMED_OUT) return null;
    context = received;
  } catch {
    // teams-js rejects at once when there is no parent; any other failure means the same to us.
    return null;
  }

  // Teams keeps its loading indicator up until the app says it has loaded.
  app.notifyAppLoaded();
  return createSession(toTeamsContext(context), win);
}

function createSession(context: TeamsContext, win: Window): TeamsSession {
  const themeListeners = new Set<(theme: TeamsTheme) => void>();
  let currentTheme = context.theme;
  app.registerOnThemeChangeHandler((raw) => {
    currentTheme = parseTeamsTheme(raw);
    for (const listener of themeListeners) listener(currentTheme);
  });

  let succeeded = false;
  return {
    get context() {
      return { ...context, theme: currentTheme };
    },
    onThemeChange(listener) {
      themeListeners.add(listener);
      return () => themeListeners.delete(listener);
    },
    notifySuccess() {
      if (succeeded) return;
      succeeded = true;
      void app.notifySuccess().catch(() => undefined);
    },
    notifyFailure(message) {
      app.notifyFailure({ reason: app.FailedReason.Other, message });
    },
    settings: context.frameContext === 'settings' ? createSettings(win) : null,
  };
}

function createSettings(win: Window): ChannelTabSettings {
  return {
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
