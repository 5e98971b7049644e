import { LOCAL_APPROVAL_CHANNEL, type ApprovalChannelSettings } from '../../teams/approval-card';
import {
  createLocalPersonaTokenProvider,
  type LocalPersonaTokenProvider,
  type Persona,
} from '../../auth/local-personas';
import type { TokenProvider } from '../../auth/token-provider';
import type { SiteRef } from '../../graph/site';
import type { HostMode, TeamsSession } from '../../teams/teams-client';
import { loadRuntimeConfig, type RuntimeConfig } from '../../teams/runtime-config';
import type { TabHost, TabRepositories, TabTheme, TabUser } from '../app/host-context';
import { permissionsForRole } from './permissions';
import {
  browserLocale,
  rememberPersona,
  rememberedPersona,
  subPageIdFromUrl,
  systemTheme,
} from './plain-browser';

/**
 * Start-up of the tab's host glue: runtime config → Teams (or the plain-browser fallback) →
 * user and token provider → repositories. Everything outside the tab arrives here and leaves as
 * one `TabHost` value; the rest of the tab never sees teams-js, tokens or HTTP.
 */

export interface BootDependencies {
  window: Window;
  fetch: typeof fetch;
  /** Connects to the Teams host; resolves null in a plain browser. */
  connect(mode: HostMode): Promise<TeamsSession | null>;
  createRepositories(options: {
    graphBaseUrl: string;
    site: SiteRef;
    tokenProvider: TokenProvider;
    approvalChannel?: ApprovalChannelSettings | null;
  }): TabRepositories;
}

/** The user's own words for why the tab cannot start. */
export class BootError extends Error {
  override readonly name = 'BootError';
}

export interface BootedHost {
  config: RuntimeConfig;
  /** null in a plain browser. */
  session: TeamsSession | null;
  /** The local personas; the plain browser shows a switcher when this is not empty. */
  personas: Persona[];
  tokenProvider: LocalPersonaTokenProvider;
  repositories: TabRepositories;
  /** The host value for the first render; later ones come from `hostFor`. */
  initial: Pick<TabHost, 'theme' | 'locale' | 'subPageId' | 'user' | 'permissions'>;
}

function userFor(persona: Persona): TabUser {
  return { upn: persona.upn, displayName: persona.displayName, role: persona.role };
}

export function choosePersona(personas: Persona[], wanted: string | null): Persona | undefined {
  const byUpn = (upn: string) => personas.find((p) => p.upn.toLowerCase() === upn.toLowerCase());
  return (
    (wanted ? byUpn(wanted) : undefined) ?? personas.find((p) => p.role === 'staff') ?? personas[0]
  );
}

export async function bootHost(deps: BootDependencies): Promise<BootedHost> {
  const config = await loadRuntimeConfig(deps.fetch);
  if (config.mode !== 'local') {
    // Nested app authentication with MSAL is the next issue; until then be plain about it.
    throw new BootError(
      'Aanmelden bij Microsoft 365 is in deze versie van Functiewijzer nog niet beschikbaar. Gebruik de lokale modus (npm start) of vraag IT naar de planning.',
    );
  }

  const tokenProvider = createLocalPersonaTokenProvider({
    emulatorUrl: config.emulatorUrl,
    fetch: deps.fetch,
  });
  const [session, personas] = await Promise.all([
    deps.connect(config.mode),
    tokenProvider.listPersonas(),
  ]);
  if (personas.length === 0) {
    throw new BootError(
      'De lokale Graph-emulator kent geen gebruikers. Start `npm start` opnieuw met een nieuwe datamap.',
    );
  }

  let persona: Persona | undefined;
  if (session) {
    // Inside a (local) Teams host the host decides who is signed in, as Teams does.
    const upn = session.context.user.userPrincipalName;
    persona = upn ? personas.find((p) => p.upn.toLowerCase() === upn.toLowerCase()) : undefined;
    if (!persona) {
      session.notifyFailure('unknown user');
      throw new BootError(
        `De gebruiker ${upn ?? '(geen)'} is onbekend in de lokale Graph-emulator. Kies een gebruiker in de lijst "Gebruiker" van de Teams-host.`,
      );
    }
  } else {
    persona = choosePersona(personas, rememberedPersona(deps.window));
  }
  if (!persona) throw new BootError('Er is geen gebruiker om mee te werken.');
  tokenProvider.setPersona(persona.upn);
  if (!session) rememberPersona(deps.window, persona.upn);

  const repositories = deps.createRepositories({
    graphBaseUrl: config.graphBaseUrl,
    site: config.site,
    tokenProvider,
    // Local mode: the emulator's team "Functiewijzer", channel "Goedkeuringen".
    approvalChannel: LOCAL_APPROVAL_CHANNEL,
  });

  const theme: TabTheme = session ? session.context.theme : systemTheme(deps.window);
  return {
    config,
    session,
    personas: session ? [] : personas,
    tokenProvider,
    repositories,
    initial: {
      theme,
      locale: session ? session.context.locale : browserLocale(deps.window),
      // A configured channel tab carries its start view in its contentUrl (ChannelTabConfig);
      // a deep link (page.subPageId) wins over it.
      subPageId: (session ? session.context.subPageId : null) ?? subPageIdFromUrl(deps.window),
      user: userFor(persona),
      permissions: permissionsForRole(persona.role),
    },
  };
}

/** Switches the plain browser's persona: new token owner, new user, new permissions. */
export function switchPersona(
  booted: BootedHost,
  win: Window,
  upn: string,
): Pick<TabHost, 'user' | 'permissions'> | null {
  const persona = booted.personas.find((p) => p.upn === upn);
  if (!persona) return null;
  booted.tokenProvider.setPersona(persona.upn);
  rememberPersona(win, persona.upn);
  return { user: userFor(persona), permissions: permissionsForRole(persona.role) };
}
