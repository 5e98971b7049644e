import { tabRequestSchema, type HostEvent, type HostResponse } from '../../teams/protocol';
import { HostSession, type HostEffect, type SessionContext } from './host-protocol';

/**
 * Teams mobile (iOS, Android) as a host: the tab is not framed but loaded top-level in a webview
 * (`window.parent === window`, no opener), and teams-js speaks through what the app injects
 * before the page's first script — `window.nativeInterface.framelessPostMessage(json)` to the
 * host, `window.onNativeMessage({ data })` back (teams-js `internal/communication.js`;
 * microsoft-teams-library-js PR #464). Same messages as the web host (HostSession), another wire.
 *
 * A browser page cannot load another page top-level with an injected interface, so the native
 * side runs where the webview's owner would: the e2e harness (test/e2e/harness/mobile.ts) drives
 * Chromium as the Teams app does, with `NATIVE_INTERFACE_SCRIPT` as the injection and
 * `MobileSurface` as the app.
 */

/** The name the injected interface calls on its owner (a Playwright binding in the e2e tests). */
export const NATIVE_HOST_BINDING = '__teamsNativeHost';

/** What the Teams mobile webview injects before the tab's own scripts run. */
export const NATIVE_INTERFACE_SCRIPT = `Object.defineProperty(window, 'nativeInterface', {
  value: { framelessPostMessage: function (json) { window['${NATIVE_HOST_BINDING}'](String(json)); } },
  configurable: false,
});`;

export interface MobileSurfaceOptions {
  context: SessionContext & { hostClientType: 'android' | 'ios' };
  /** Hands a message to the page's `window.onNativeMessage({ data })`. */
  deliver(message: HostResponse | HostEvent): Promise<void>;
  /** What the host must do besides answering (navigate, record a failure, …). */
  onEffect?(effect: HostEffect): void;
}

export class MobileSurface {
  readonly session: HostSession;
  /** Every function the tab called, in order: the protocol log of this surface. */
  readonly calls: string[] = [];
  readonly effects: HostEffect[] = [];

  constructor(private readonly options: MobileSurfaceOptions) {
    this.session = new HostSession(options.context);
  }

  /** One `framelessPostMessage(json)` from the tab. Malformed input is ignored, as Teams does. */
  async receive(json: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return;
    }
    const parsed = tabRequestSchema.safeParse(raw);
    if (!parsed.success) return;
    this.calls.push(parsed.data.func);
    const step = this.session.handle(parsed.data);
    if (step.response) await this.options.deliver(step.response);
    for (const effect of step.effects) {
      this.effects.push(effect);
      this.options.onEffect?.(effect);
    }
  }

  /** An event from the host (a theme change) through the same wire. */
  send(event: HostEvent | null): Promise<void> {
    return event ? this.options.deliver(event) : Promise.resolve();
  }
}
