import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../domain/dates';
import { STRINGS, nl, type Strings } from '../../i18n';

// The tables live in src/i18n (shared with the channel card and the approval service); the tab
// adds the React context that hands the user's language to every view.
export {
  STRINGS,
  compareSummary,
  describeChange,
  statusLabel,
  type ApprovalFailure,
  type Strings,
} from '../../i18n';

/** Teams locales come as "nl-BE", "en-us", "fr-BE", …: English for any "en", Dutch otherwise. */
export function uiLocale(teamsLocale: string | null | undefined): Locale {
  return teamsLocale?.trim().toLowerCase().startsWith('en') ? 'en' : 'nl';
}

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
