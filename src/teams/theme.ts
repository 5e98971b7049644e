import { z } from 'zod';

/** The three themes Teams knows. Teams sends them by these exact names. */
export const teamsThemeSchema = z.enum(['default', 'dark', 'contrast']);
export type TeamsTheme = z.infer<typeof teamsThemeSchema>;

/**
 * Teams has sent other spellings over the years ("highContrast" in old clients) and may add
 * themes; anything we do not recognise falls back to the light theme rather than failing.
 */
export function parseTeamsTheme(raw: unknown): TeamsTheme {
  if (typeof raw !== 'string') return 'default';
  const normalised = raw.trim().toLowerCase();
  if (normalised === 'highcontrast') return 'contrast';
  const parsed = teamsThemeSchema.safeParse(normalised);
  return parsed.success ? parsed.data : 'default';
}
