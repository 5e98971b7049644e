/**
 * The UI speaks Dutch (nl-BE) first and English second (DESIGN §1). Teams reports the user's
 * locale in many forms ("nl-be", "nl-NL", "en-us", "fr-BE"); every Dutch variant gets the Flemish
 * texts, every English variant the English ones, and anything else the default: Dutch.
 */
export const SUPPORTED_LOCALES = ['nl-BE', 'en-GB'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: SupportedLocale = 'nl-BE';

export function resolveLocale(raw: string | null | undefined): SupportedLocale {
  if (!raw) return DEFAULT_LOCALE;
  const language = raw.trim().toLowerCase().split(/[-_]/)[0];
  if (language === 'en') return 'en-GB';
  return DEFAULT_LOCALE;
}
