import { z } from 'zod';
import type { TabTheme } from '../shared/host-context';

/**
 * Outside Teams the browser stands in for the host: the URL carries the deep link
 * (`?subPageId=role/deskundige-ict`), the operating system's colour preferences the theme, and
 * the browser's language the locale.
 */

export const SUB_PAGE_PARAM = 'subPageId';
const PERSONA_KEY = 'functiewijzer.persona';

export function subPageIdFromUrl(win: Window): string | null {
  const value = new URLSearchParams(win.location.search).get(SUB_PAGE_PARAM);
  return value && value.trim() !== '' ? value : null;
}

/** Keeps the address bar on the current view, so reloading or copying the URL reopens it. */
export function writeSubPageIdToUrl(win: Window, subPageId: string | null): void {
  const url = new URL(win.location.href);
  if (subPageId) url.searchParams.set(SUB_PAGE_PARAM, subPageId);
  else url.searchParams.delete(SUB_PAGE_PARAM);
  if (url.href !== win.location.href) win.history.replaceState(win.history.state, '', url);
}

export function systemTheme(win: Window): TabTheme {
  if (typeof win.matchMedia !== 'function') return 'default';
  if (win.matchMedia('(forced-colors: active)').matches) return 'contrast';
  if (win.matchMedia('(prefers-contrast: more)').matches) return 'contrast';
  if (win.matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'default';
}

/** Calls `listener` whenever the operating system's colour preferences change. */
export function onSystemThemeChange(win: Window, listener: (theme: TabTheme) => void): () => void {
  if (typeof win.matchMedia !== 'function') return () => undefined;
  const queries = [
    '(forced-colors: active)',
    '(prefers-contrast: more)',
    '(prefers-color-scheme: dark)',
  ].map((query) => win.matchMedia(query));
  const changed = () => listener(systemTheme(win));
  for (const query of queries) query.addEventListener('change', changed);
  return () => {
    for (const query of queries) query.removeEventListener('change', changed);
  };
}

export function browserLocale(win: Window): string {
  return win.navigator.language || 'nl-BE';
}

const upnSchema = z.string().min(1).max(320);

/**
 * The persona chosen in the plain browser survives a reload of this tab (sessionStorage), but
 * never leaves the machine and is never a token: the token is minted again from the emulator.
 */
export function rememberedPersona(win: Window): string | null {
  try {
    const parsed = upnSchema.safeParse(win.sessionStorage.getItem(PERSONA_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function rememberPersona(win: Window, upn: string): void {
  try {
    win.sessionStorage.setItem(PERSONA_KEY, upn);
  } catch {
    // Storage can be disabled; the switch still works for this page.
  }
}
