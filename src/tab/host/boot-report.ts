import {
  ForbiddenError,
  NetworkError,
  NotFoundError,
  ThrottledError,
  UnauthorizedError,
} from '../../graph/errors';
import type { BootFailureReason, TeamsSession } from '../../teams/teams-client';
import type { TabTheme } from '../shared/host-context';

/**
 * Teams' loading contract for a start-up that fails (docs/local-teams-host.md, "The loading
 * contract"): Teams keeps its loading indicator up until the tab says how it went, and after
 * 30 s covers the tab with its own error screen. So every failure tells the host why, and the
 * tab shows its own Dutch message with a way forward — in the host's theme.
 */

/** The user's own words for why the tab cannot start; `reason` is what Teams is told. */
export class BootError extends Error {
  override readonly name = 'BootError';
  constructor(
    message: string,
    readonly reason: BootFailureReason = 'Other',
  ) {
    super(message);
  }
}

/** Which of teams-js' expected-failure reasons a start-up error is. */
export function bootFailureReason(error: unknown): BootFailureReason {
  if (error instanceof BootError) return error.reason;
  if (error instanceof ForbiddenError || error instanceof UnauthorizedError) {
    return 'PermissionError';
  }
  if (error instanceof NetworkError) return 'Offline';
  if (error instanceof ThrottledError) return 'Throttling';
  if (error instanceof NotFoundError) return 'NotFound';
  return 'Other';
}

/** The theme the failure screen follows; remembered per error, since it is shown without a host. */
const themes = new WeakMap<object, TabTheme>();

export function failureTheme(error: unknown): TabTheme | null {
  return typeof error === 'object' && error !== null ? (themes.get(error) ?? null) : null;
}

/**
 * Tells Teams (when there is one) that the start-up stopped and why, and remembers its theme for
 * the failure screen. Safe to call more than once: the session reports only its first outcome.
 */
export function reportBootFailure(session: TeamsSession | null, error: unknown): void {
  if (typeof error === 'object' && error !== null && session) {
    themes.set(error, session.context.theme);
  }
  // A tokenless message: what IT reads in Teams' logs, never a token or a URL with one.
  const message = error instanceof Error ? error.message.slice(0, 300) : 'Onbekende fout';
  session?.notifyFailure(bootFailureReason(error), message);
}

/** The plain colours of the failure and sign-in screens, one set per Teams theme. */
export const SCREEN_COLOURS: Record<TabTheme, { background: string; color: string }> = {
  default: { background: '#ffffff', color: '#242424' },
  dark: { background: '#1f1f1f', color: '#ffffff' },
  contrast: { background: '#000000', color: '#ffffff' },
};
