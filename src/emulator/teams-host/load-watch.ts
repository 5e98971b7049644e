import type { HostEffect } from './host-protocol';

/**
 * How long Teams shows its loading indicator for an app with `showLoadingIndicator: true`
 * before it gives up and puts its own error screen over the tab (msteams-docs, "Show a native
 * loading indicator": notifySuccess or notifyFailure within 30 seconds).
 */
export const LOAD_TIMEOUT_MS = 30_000;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Teams' loading contract for one tab session: started when the tab loads, settled by
 * `appInitialization.success` or `.expectedFailure`; `appInitialization.failure` or no answer
 * within LOAD_TIMEOUT_MS means Teams' error screen replaces the tab.
 */
export class LoadWatch {
  private handle: unknown = null;
  private settled = false;

  constructor(
    private readonly onTeamsError: (reason: 'timeout' | 'failure') => void,
    private readonly timers: Timers,
    private readonly timeoutMs: number = LOAD_TIMEOUT_MS,
  ) {}

  start(): void {
    this.stop();
    this.settled = false;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      if (this.settled) return;
      this.settled = true;
      this.onTeamsError('timeout');
    }, this.timeoutMs);
  }

  /** Feeds the session's effects: success settles it, a failure shows Teams' error screen. */
  observe(effect: HostEffect): void {
    if (this.settled) return;
    if (effect.type === 'success' || effect.type === 'expectedFailure') {
      this.settled = true;
      this.stop();
    } else if (effect.type === 'failure') {
      this.settled = true;
      this.stop();
      this.onTeamsError('failure');
    }
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
