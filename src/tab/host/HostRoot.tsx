import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import type { TabHost, TabTheme } from '../shared/host-context';
import { switchPersona } from './boot';
import { rememberLastUser, type ShownHost } from './boot-early';
import { ChannelTabConfig } from './ChannelTabConfig';
import { READY_MARK } from './marks';
import { PersonaSwitcher } from './PersonaSwitcher';
import { SignInBanner } from './SignInBanner';
import { onSystemThemeChange, writeSubPageIdToUrl } from './plain-browser';

export interface HostRootProps {
  /** The booted host, or first the provisional one of a warm open (boot-early.ts). */
  booted: ShownHost;
  window: Window;
  App: ComponentType<{ host: TabHost }>;
}

/**
 * Keeps the host value current: theme changes from Teams (or the operating system) re-render the
 * tab in place; a persona switch remounts it, because another user must not see the previous
 * user's cached views. In tenant mode a lapsed sign-in shows above the tab with the Aanmelden
 * button; signing in again remounts the tab so every view reads again with the new token.
 */
export function HostRoot({ booted, window: win, App }: HostRootProps) {
  const { session, initial } = booted;
  const [theme, setTheme] = useState<TabTheme>(initial.theme);
  const [identity, setIdentity] = useState({
    user: initial.user,
    permissions: initial.permissions,
  });
  const [subPageId, setSubPageId] = useState(initial.subPageId);
  const [signIns, setSignIns] = useState(0);
  const onSignedIn = useCallback(() => {
    setSubPageId(currentSubPageId.current);
    setSignIns((count) => count + 1);
  }, []);
  const currentSubPageId = useRef(initial.subPageId);
  const readyOnce = useRef(false);
  // A warm open renders a provisional host first; when boot has identified the user, the booted
  // one replaces it here. The same user keeps the App (its key) and so what is on screen; the
  // view the user went to meanwhile stays. Adjusted during render, so no frame shows a mix.
  const [shownFor, setShownFor] = useState(booted);
  if (shownFor !== booted) {
    setShownFor(booted);
    setTheme(initial.theme);
    setIdentity({ user: initial.user, permissions: initial.permissions });
    setSubPageId(currentSubPageId.current);
  }

  useEffect(() => {
    // Only who boot identified is remembered: the provisional user is the remembered one. The
    // Entra ids are boot's user's, not a persona's switched to since (local mode has none).
    if (booted.provisional) return;
    const entra = identity.user.upn === booted.initial.user.upn ? booted.entra : null;
    rememberLastUser(win, identity.user, entra);
  }, [booted, win, identity.user]);

  useEffect(() => {
    // Teams waits for success; a provisional host that was ready before boot did not send it.
    if (readyOnce.current) booted.session?.notifySuccess();
  }, [booted]);

  useEffect(
    () => (session ? session.onThemeChange(setTheme) : onSystemThemeChange(win, setTheme)),
    [session, win],
  );

  const onReady = useCallback(() => {
    if (readyOnce.current) return;
    readyOnce.current = true;
    win.performance.mark(READY_MARK);
    session?.notifySuccess();
  }, [session, win]);

  const onNavigate = useCallback(
    (next: string | null) => {
      currentSubPageId.current = next;
      // In Teams the host owns the URL; in a plain browser the address bar follows the view.
      if (!session) writeSubPageIdToUrl(win, next);
    },
    [session, win],
  );

  const onPersonaChange = useCallback(
    (upn: string) => {
      // Until the new persona's groups are read, the old permissions stay: the server refuses
      // whatever the new persona may not do anyway.
      void switchPersona(booted, win, upn).then(
        (next) => {
          if (!next) return;
          setSubPageId(currentSubPageId.current);
          setIdentity(next);
        },
        () => undefined,
      );
    },
    [booted, win],
  );

  const host = useMemo<TabHost>(
    () => ({
      theme,
      locale: initial.locale,
      subPageId,
      user: identity.user,
      permissions: identity.permissions,
      repositories: booted.repositories,
      sharePointListUrl: null,
      onReady,
      onNavigate,
    }),
    [theme, initial.locale, subPageId, identity, booted.repositories, onReady, onNavigate],
  );

  if (session?.settings) {
    return (
      <ChannelTabConfig
        settings={session.settings}
        repositories={booted.repositories}
        theme={theme}
        locale={initial.locale}
        origin={win.location.origin}
        onReady={onReady}
      />
    );
  }

  return (
    <>
      {booted.personas.length > 0 && (
        <PersonaSwitcher
          personas={booted.personas}
          currentUpn={identity.user.upn}
          theme={theme}
          onChange={onPersonaChange}
        />
      )}
      {booted.signIn && (
        <SignInBanner
          watch={booted.signIn}
          theme={theme}
          locale={initial.locale}
          onSignedIn={onSignedIn}
        />
      )}
      <App key={`${identity.user.upn}#${signIns}`} host={host} />
    </>
  );
}
