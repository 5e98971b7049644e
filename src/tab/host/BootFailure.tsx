import { useState, type CSSProperties } from 'react';
import { STRINGS, uiLocale } from '../i18n';
import type { TabTheme } from '../shared/host-context';
import { BootError, SignInRequired, type BootedHost } from './boot';
import { SCREEN_COLOURS, failureTheme } from './boot-report';
import { systemTheme } from './plain-browser';

export interface BootFailureProps {
  error: unknown;
  /** The sign-in button finished the start-up: render the tab with this host. */
  onBooted?: (booted: BootedHost) => void;
  /** Starts the tab again from the beginning (after IT fixed something, or the network is back). */
  onRetry?: () => void;
  /** The theme to follow when the failure does not carry the host's (no Teams, or none yet). */
  theme?: TabTheme;
  /** The Teams locale when known ("en-us", …); Dutch otherwise, as the start-up's own messages. */
  locale?: string;
}

function screenStyle(theme: TabTheme): CSSProperties {
  return { ...SCREEN_COLOURS[theme], minHeight: '100vh', margin: 0, padding: '16px' };
}

/**
 * What the user sees when the tab cannot start (no configuration, no emulator, unknown user), or
 * cannot start without them: tenant mode's sign-in, with the reason in plain Dutch, what to ask
 * IT, and the one button that helps. Plain markup on purpose: whatever failed, this must render.
 */
export function BootFailure({
  error: initialError,
  onBooted,
  onRetry,
  theme,
  locale,
}: BootFailureProps) {
  const t = STRINGS[uiLocale(locale)];
  const [error, setError] = useState<unknown>(initialError);
  const [busy, setBusy] = useState(false);
  // Teams' theme when the host gave one, so a dark Teams does not flash a white page.
  const shown =
    failureTheme(error) ??
    failureTheme(initialError) ??
    theme ??
    (typeof window === 'undefined' ? 'default' : systemTheme(window));

  if (error instanceof SignInRequired) {
    const { problem } = error;
    const signIn = () => {
      setBusy(true);
      // Straight from the click, no await before it: only then does the browser allow the popup.
      error.signIn().then(
        (booted) => onBooted?.(booted),
        (next: unknown) => {
          // A failed attempt shows its reason and waits for the next click: never a loop.
          setError(next);
          setBusy(false);
        },
      );
    };
    return (
      <main lang={t.lang} data-theme={shown} style={screenStyle(shown)}>
        <h1>{t.signIn.title}</h1>
        {/* The sign-in problem is worded in Dutch only (src/auth/sign-in-problem.ts). */}
        <p role="alert" lang={STRINGS.nl.lang}>
          {problem.message}
        </p>
        {problem.askIt && <p lang={STRINGS.nl.lang}>{problem.askIt}</p>}
        {error.canSignIn ? (
          <button type="button" onClick={signIn} disabled={busy}>
            {busy ? t.signIn.busy : t.signIn.button}
          </button>
        ) : (
          onRetry && (
            <button type="button" onClick={onRetry}>
              {t.signIn.retry}
            </button>
          )
        )}
        {problem.technical && (
          <p>
            <small>{t.signIn.technical(problem.technical)}</small>
          </p>
        )}
      </main>
    );
  }

  const message = error instanceof Error ? error.message : t.bootFailure.unexpected;
  return (
    <main lang={t.lang} data-theme={shown} style={screenStyle(shown)}>
      <h1>{t.bootFailure.title}</h1>
      {/* A start-up error says what happened in Dutch only (boot.ts, src/auth). */}
      <p role="alert" lang={error instanceof Error ? STRINGS.nl.lang : undefined}>
        {message}
      </p>
      {!(error instanceof BootError) && <p>{t.bootFailure.tellIt}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t.bootFailure.retry}
        </button>
      )}
    </main>
  );
}
