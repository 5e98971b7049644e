import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../domain/dates';
import { en } from './en';
import { nl, type Strings } from './nl';

export type { Strings } from './nl';

/** Teams locales come as "nl-BE", "en-us", "fr-BE", …: English for any "en", Dutch otherwise. */
export function uiLocale(teamsLocale: string | null | undefined): Locale {
  return teamsLocale?.trim().toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export const STRINGS: Record<Locale, Strings> = { nl, en };

interface I18n {
  locale: Locale;
  t: Strings;
}

const I18nContext = createContext<I18n>({ locale: 'nl', t: nl });

export function I18nProvider(props: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale: props.locale, t: STRINGS[props.locale] }), [props.locale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
