import { useCallback, useState, useSyncExternalStore } from 'react';
import { STRINGS, uiLocale } from '../i18n';
import type { TabTheme } from '../shared/host-context';
import type { SignInWatch } from './boot';
import { SCREEN_COLOURS } from './boot-report';

/**
 * The lapsed sign-in above the running tab, with the one button that helps; nothing when signed
 * in. Outside the App's language context (it sits beside the App), so it takes the locale itself.
 */
export function SignInBanner({
  watch,
  theme,
  locale,
  onSignedIn,
}: {
  watch: SignInWatch;
  theme: TabTheme;
  /** The Teams locale as given ("nl-BE", "en-us", …). */
  locale: string;
  onSignedIn: () => void;
}) {
  const subscribe = useCallback((listener: () => void) => watch.subscribe(listener), [watch]);
  const problem = useSyncExternalStore(subscribe, () => watch.problem);
  const [busy, setBusy] = useState(false);
  if (!problem) return null;
  const t = STRINGS[uiLocale(locale)];
  const signIn = () => {
    setBusy(true);
    // Straight from the click: the browser allows the popup only then. A failure shows its own
    // reason and waits for the next click.
    watch.signIn().then(
      () => {
        setBusy(false);
        onSignedIn();
      },
      () => setBusy(false),
    );
  };
  return (
    <section
      lang={t.lang}
      aria-label={t.signIn.region}
      data-theme={theme}
      style={{ ...SCREEN_COLOURS[theme], padding: '8px 16px' }}
    >
      {/* The sign-in problem is worded in Dutch only (src/auth/sign-in-problem.ts). */}
      <p role="alert" lang={STRINGS.nl.lang}>
        {problem.message}
      </p>
      {problem.askIt && <p lang={STRINGS.nl.lang}>{problem.askIt}</p>}
      {problem.action === 'sign-in' && (
        <button type="button" onClick={signIn} disabled={busy}>
          {busy ? t.signIn.busy : t.signIn.button}
        </button>
      )}
    </section>
  );
}
