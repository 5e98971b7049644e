import { useState, type CSSProperties } from 'react';
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
}

function screenStyle(theme: TabTheme): CSSProperties {
  return { ...SCREEN_COLOURS[theme], minHeight: '100vh', margin: 0, padding: '16px' };
}

/**
 * What the user sees when the tab cannot start (no configuration, no emulator, unknown user), or
 * cannot start without them: tenant mode's sign-in, with the reason in plain Dutch, what to ask
 * IT, and the one button that helps. Plain markup on purpose: whatever failed, this must render.
 */
export function BootFailure({ error: initialError, onBooted, onRetry, theme }: BootFailureProps) {
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
      <main lang="nl-BE" data-theme={shown} style={screenStyle(shown)}>
        <h1>Aanmelden bij Functiewijzer</h1>
        <p role="alert">{problem.message}</p>
        {problem.askIt && <p>{problem.askIt}</p>}
        {error.canSignIn ? (
          <button type="button" onClick={signIn} disabled={busy}>
            {busy ? 'Bezig met aanmelden…' : 'Aanmelden'}
          </button>
        ) : (
          onRetry && (
            <button type="button" onClick={onRetry}>
              Opnieuw proberen
            </button>
          )
        )}
        {problem.technical && (
          <p>
            <small>Technische gegevens voor IT: {problem.technical}</small>
          </p>
        )}
      </main>
    );
  }

  const message =
    error instanceof Error
      ? error.message
      : 'Er ging iets onverwacht mis. Laad het tabblad opnieuw.';
  return (
    <main lang="nl-BE" data-theme={shown} style={screenStyle(shown)}>
      <h1>Functiewijzer kan niet starten</h1>
      <p role="alert">{message}</p>
      {!(error instanceof BootError) && <p>Blijft dit gebeuren, meld het dan aan IT.</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Opnieuw proberen
        </button>
      )}
    </main>
  );
}
