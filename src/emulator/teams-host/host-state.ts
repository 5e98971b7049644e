import { LOCAL_APPROVAL_CHANNEL } from '../../teams/approval-card';
import { parseTeamsTheme, type TeamsTheme } from '../../teams/theme';
import {
  LOCAL_INSTALLED_APP,
  savedTabConfigSchema,
  type InstalledApp,
  type SavedTabConfig,
} from './host-protocol';

/**
 * The local Teams host page's state: what its own URL carries (so a demo or a test opens any
 * situation directly), the channel tab a configuration page saved (session storage), and the
 * app as this host has it installed — the tabs a deep link may name.
 */

export type Surface = 'personal' | 'channel' | 'settings';

export interface HostState {
  personaUpn: string | null;
  theme: TeamsTheme;
  locale: string;
  surface: Surface;
  subPageId: string | null;
  slowInitializeMs: number;
}

/**
 * The team and channel the channel tab lives in: the emulator's real team "Functiewijzer" and
 * channel "Goedkeuringen" (the approval card's channel), so what the tab reads from its context
 * exists in Graph. A team's id is its group's id.
 */
export const LOCAL_TEAM = {
  id: LOCAL_APPROVAL_CHANNEL.teamId,
  name: 'Functiewijzer',
  groupId: LOCAL_APPROVAL_CHANNEL.teamId,
};
export const LOCAL_CHANNEL = { id: LOCAL_APPROVAL_CHANNEL.channelId, name: 'Goedkeuringen' };
export const SAVED_CONFIG_KEY = 'teams-host.channel-tab';
/** The channel tab's entity id until a configuration page saved one. */
export const DEFAULT_CHANNEL_ENTITY_ID = 'functiewijzer-kanaal';

export function readState(): HostState {
  const params = new URLSearchParams(window.location.search);
  const surface = params.get('surface');
  return {
    personaUpn: params.get('persona'),
    theme: parseTeamsTheme(params.get('theme') ?? 'default'),
    locale: params.get('locale') === 'en-us' ? 'en-us' : 'nl-be',
    surface: surface === 'channel' || surface === 'settings' ? surface : 'personal',
    subPageId: params.get('subPageId') || null,
    slowInitializeMs: Math.min(Math.max(Number(params.get('slowInitializeMs')) || 0, 0), 60_000),
  };
}

export function writeState(state: HostState): void {
  const params = new URLSearchParams();
  if (state.personaUpn) params.set('persona', state.personaUpn);
  params.set('theme', state.theme);
  params.set('locale', state.locale);
  params.set('surface', state.surface);
  if (state.subPageId) params.set('subPageId', state.subPageId);
  if (state.slowInitializeMs > 0) params.set('slowInitializeMs', String(state.slowInitializeMs));
  window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
}

export function savedChannelTab(): SavedTabConfig | null {
  const raw = window.sessionStorage.getItem(SAVED_CONFIG_KEY);
  if (!raw) return null;
  try {
    const parsed = savedTabConfigSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The app as this host has it installed: its catalog id and every tab a deep link may name. */
export function installedApp(): InstalledApp {
  return {
    ...LOCAL_INSTALLED_APP,
    channelTabs: [
      {
        entityId: savedChannelTab()?.entityId ?? DEFAULT_CHANNEL_ENTITY_ID,
        channelId: LOCAL_CHANNEL.id,
      },
    ],
  };
}
