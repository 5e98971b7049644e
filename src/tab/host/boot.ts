import {
  LOCAL_APPROVAL_CHANNEL,
  approvalLinkTarget,
  type ApprovalChannelSettings,
} from '../../teams/approval-card';
import {
  createLocalPersonaTokenProvider,
  type LocalPersonaTokenProvider,
  type Persona,
} from '../../auth/local-personas';
import type {
  MsalTokenProvider,
  MsalTokenProviderOptions,
  SignedInAccount,
} from '../../auth/msal-token-provider';
import { signInProblemOf, type SignInProblem } from '../../auth/sign-in-problem';
import type { TokenProvider } from '../../auth/token-provider';
import type { SiteRef } from '../../graph/site';
import type { HostMode, TeamsSession } from '../../teams/teams-client';
import {
  loadRuntimeConfig,
  type LocalRuntimeConfig,
  type RuntimeConfig,
  type TenantRuntimeConfig,
} from '../../teams/runtime-config';
import type { TabHost, TabRepositories, TabUser } from '../shared/host-context';
import { type Identity, identityOf, LOCAL_GROUPS } from '../../services/identity';
import type { IdentityGroups } from '../../services/identity';
import {
  browserLocale,
  rememberPersona,
  rememberedPersona,
  subPageIdFromUrl,
  systemTheme,
} from './plain-browser';
import { resolveSubPageId } from '../shared/routes';
import { anyUserRemembered } from './boot-early';
import { BootError, reportBootFailure } from './boot-report';
import { watchSignIn, type SignInWatch } from './sign-in-watch';
import type { SignedInUser } from './repositories';

export { BootError, type SignInWatch };

/**
 * Start-up of the tab's host glue: runtime config → Teams (or the plain-browser fallback) →
 * user and token provider → repositories. Everything outside the tab arrives here and leaves as
 * one `TabHost` value; the rest of the tab never sees teams-js, MSAL, tokens or HTTP.
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
    groups: IdentityGroups;
    /** Tenant mode: who the user is, while boot is still reading it. */
    identity?: Promise<Identity>;
    sessionKey?: () => string;
    /** The roles the deep link opens (`linkedRoleKeys`): their ids are looked up at once. */
    linkedRoleKeys?: readonly string[];
    /** A first open on the catalogue (`opensCatalogueFirst`): its first screen is read at once. */
    prefetchFirstScreen?: boolean;
  }): TabRepositories | Promise<TabRepositories>;
  /** Graph's `/me` and the user's transitive group ids (repositories.ts: `readSignedInUser`). */
  readSignedInUser(options: {
    graphBaseUrl: string;
    tokenProvider: TokenProvider;
  }): Promise<SignedInUser>;
  /** Tenant mode only; without it a tenant configuration is refused. */
  tenant?: TenantBootDependencies;
  /**
   * Told who boot will continue as, as soon as that is known without a Graph round trip: the
   * entry point opens early on it (boot-early.ts). Boot does not wait for it.
   */
  onSighting?(sighting: Sighting): void;
}

/**
 * Who is at the device, known before boot asks Graph: inside Teams the context's user (teams-js
 * has connected), in a plain browser in tenant mode the account MSAL's cache alone signs in.
 */
export type Sighting =
  { by: 'teams'; session: TeamsSession } | { by: 'msal'; account: SignedInAccount };

/** The identified user's Entra ids: Graph's `/me` id and the tenant's id (tenant mode). */
export interface EntraIds {
  objectId: string;
  tenantId: string;
}

export interface TenantBootDependencies {
  /**
   * MSAL's token provider (src/auth/msal-token-provider.ts). Injected, so the entry point can
   * load MSAL as its own chunk that local mode never fetches.
   */
  createTokenProvider(options: MsalTokenProviderOptions): Promise<MsalTokenProvider>;
}

/**
 * Tenant mode: only the user can continue. `problem` says why in Dutch (and what to ask IT);
 * `signIn()` opens Microsoft's sign-in window and finishes the start-up. Call it straight from a
 * click: browsers only allow a popup that a click opened, so the tab never opens one by itself
 * and never retries on its own — no login loop.
 */
export class SignInRequired extends BootError {
  constructor(
    readonly problem: SignInProblem,
    private readonly resume: (() => Promise<BootedHost>) | null,
  ) {
    super(problem.askIt ? `${problem.message} ${problem.askIt}` : problem.message);
  }

  /**
   * True when signing in is what helps. Otherwise (IT must act first, the network is down, or the
   * sign-in client could not be created) the tab offers to start again instead.
   */
  get canSignIn(): boolean {
    return this.resume !== null && this.problem.action === 'sign-in';
  }

  signIn(): Promise<BootedHost> {
    if (!this.resume) return Promise.reject(this);
    return this.resume();
  }
}

export interface BootedHost {
  config: RuntimeConfig;
  /** null in a plain browser. */
  session: TeamsSession | null;
  /** The local personas; the plain browser shows a switcher when this is not empty. */
  personas: Persona[];
  /** Local mode's persona tokens (the switcher sets the persona); null in tenant mode. */
  tokenProvider: LocalPersonaTokenProvider | null;
  /** Tenant mode: a sign-in that lapses while the tab is open; null in local mode. */
  signIn: SignInWatch | null;
  /** Local mode: the identity of the persona holding the token now (read after a switch). */
  whoAmI: (() => Promise<Identity>) | null;
  repositories: TabRepositories;
  /** Tenant mode: the identified user's Entra ids, remembered for the next early open. */
  entra?: EntraIds | null;
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

/**
 * Every way out of the start-up tells a Teams host how it went (boot-report.ts): success with
 * the first render, or — here — the failure and its reason, while the tab shows its own message.
 */
export async function bootHost(deps: BootDependencies): Promise<BootedHost> {
  let config: RuntimeConfig;
  try {
    config = await loadRuntimeConfig(deps.fetch);
  } catch (error) {
    // No configuration, so no mode: connect as tenant mode does, trusting only Microsoft hosts
    // (and our own origin). Not awaited: the message must not wait for a slow host.
    void deps.connect('tenant').then(
      (session) => reportBootFailure(session, error),
      () => undefined,
    );
    throw error;
  }
  const session = deps.connect(config.mode);
  const sight = deps.onSighting;
  if (sight) {
    void session
      .then((connected) => {
        if (connected) sight({ by: 'teams', session: connected });
      })
      .catch(() => undefined);
  }
  try {
    return await (config.mode === 'tenant'
      ? bootTenant(deps, config, session)
      : bootLocal(deps, config, session));
  } catch (error) {
    reportBootFailure(await session.catch(() => null), error);
    throw error;
  }
}

type Initial = BootedHost['initial'];

/**
 * The roles a deep link opens by key (a role, or a comparison): looked up while boot is still
 * identifying the user, so the view's reads need no lookup round trip (issue 15: compare from a
 * link ≤ 1.5 s over a city's network). A link the tab will not open as such names none.
 */
export function linkedRoleKeys(subPageId: string | null): string[] {
  const { route } = resolveSubPageId(subPageId);
  if (route.name === 'role') return [route.key];
  if (route.name === 'compare') return route.keys;
  return [];
}

/**
 * True when the tab opens on the catalogue and no user was ever identified in this browser, so
 * nothing can be stored for the catalogue to restore: a cold open for certain. Its first screen
 * is then read as soon as the site is known (src/tab/host/repositories.ts), beside the user's
 * identity, instead of after the tab has mounted and found its cache empty (issue 15: catalogue
 * visible cold ≤ 1.5 s). Any remembered user (a warm open may follow) leaves it to the view,
 * so a warm open never pays the first screen's resource units for nothing.
 */
export function opensCatalogueFirst(win: Window, subPageId: string | null): boolean {
  return resolveSubPageId(subPageId).route.name === 'catalogue' && !anyUserRemembered(win);
}

/** What the repositories read at once for the view the tab opens on (see the two above). */
function openingReads(
  deps: BootDependencies,
  session: TeamsSession | null,
): { linkedRoleKeys: string[]; prefetchFirstScreen: boolean } {
  const { subPageId } = hostView(deps, session);
  return {
    linkedRoleKeys: linkedRoleKeys(subPageId),
    prefetchFirstScreen: opensCatalogueFirst(deps.window, subPageId),
  };
}

function hostView(
  deps: BootDependencies,
  session: TeamsSession | null,
): Pick<Initial, 'theme' | 'locale' | 'subPageId'> {
  return {
    theme: session ? session.context.theme : systemTheme(deps.window),
    locale: session ? session.context.locale : browserLocale(deps.window),
    // A configured channel tab carries its start view in its contentUrl (ChannelTabConfig);
    // a deep link (page.subPageId) wins over it.
    subPageId: (session ? session.context.subPageId : null) ?? subPageIdFromUrl(deps.window),
  };
}

async function bootLocal(
  deps: BootDependencies,
  config: LocalRuntimeConfig,
  connecting: Promise<TeamsSession | null>,
): Promise<BootedHost> {
  const tokenProvider = createLocalPersonaTokenProvider({
    emulatorUrl: config.emulatorUrl,
    fetch: deps.fetch,
  });
  const listing = tokenProvider.listPersonas();
  // Seen by the Promise.all below; a host that fails first must not leave it unhandled.
  listing.catch(() => undefined);
  const session = await connecting;
  // The token is asked for beside the persona list, not after it: for the user the host names,
  // the persona this browser chose before, or else the emulator's default persona (the one
  // `choosePersona` picks too). A different choice below only mints once more.
  const hostUpn = session?.context.user.userPrincipalName ?? null;
  const minting =
    session && !hostUpn
      ? Promise.resolve(null)
      : tokenProvider.prefetch(session ? hostUpn : rememberedPersona(deps.window));
  const [personas] = await Promise.all([listing, minting]);
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
      throw new BootError(
        `De gebruiker ${upn ?? '(geen)'} is onbekend in de lokale Graph-emulator. Kies een gebruiker in de lijst "Gebruiker" van de Teams-host.`,
        'NotFound',
      );
    }
  } else {
    persona = choosePersona(personas, rememberedPersona(deps.window));
  }
  if (!persona) throw new BootError('Er is geen gebruiker om mee te werken.');
  tokenProvider.setPersona(persona.upn);
  if (!session) rememberPersona(deps.window, persona.upn);

  // A promise where the entry point loads the data layer as its own chunk (index.tsx).
  const creating = Promise.resolve(
    deps.createRepositories({
      graphBaseUrl: config.graphBaseUrl,
      site: config.site,
      tokenProvider,
      // Local mode: the emulator's team "Functiewijzer", channel "Goedkeuringen"; the card links
      // to the tab this request is submitted from.
      approvalChannel: {
        ...LOCAL_APPROVAL_CHANNEL,
        ...approvalLinkTarget(
          session?.context ?? null,
          LOCAL_APPROVAL_CHANNEL.appId,
          deps.window.location.origin,
        ),
      },
      // The emulator's groups, configured as a tenant configures its own; the services read the
      // identity again when the persona changes.
      groups: LOCAL_GROUPS,
      sessionKey: () => tokenProvider.currentUpn ?? '',
      ...openingReads(deps, session),
    }),
  );
  const whoAmI = () => localIdentity(deps, config, tokenProvider);
  const [identity, repositories] = await Promise.all([whoAmI(), creating]);

  return {
    config,
    session,
    personas: session ? [] : personas,
    tokenProvider,
    signIn: null,
    whoAmI,
    repositories,
    initial: {
      ...hostView(deps, session),
      user: userFor(persona),
      permissions: identity.permissions,
    },
  };
}

/** What the persona holding the token may do: as Graph says it, from the groups they are in. */
async function localIdentity(
  deps: Pick<BootDependencies, 'readSignedInUser'>,
  config: LocalRuntimeConfig,
  tokenProvider: TokenProvider,
): Promise<Identity> {
  const me = await deps.readSignedInUser({ graphBaseUrl: config.graphBaseUrl, tokenProvider });
  return identityOf(me.person, me.memberOf, LOCAL_GROUPS);
}

/**
 * Tenant mode (DESIGN §6): Teams (nested app auth) or a plain browser (the standard SPA client),
 * a token silently if at all possible, then who the user is and which groups they are in — as
 * Graph says, never as the tab guesses. SharePoint still refuses whatever the groups do not allow.
 */
async function bootTenant(
  deps: BootDependencies,
  config: TenantRuntimeConfig,
  connecting: Promise<TeamsSession | null>,
): Promise<BootedHost> {
  if (!deps.tenant) {
    throw new BootError(
      'Deze versie van het tabblad kan niet aanmelden bij Microsoft 365. Vraag IT om de installatie na te kijken.',
    );
  }
  const tenant = deps.tenant;
  const session = await connecting;

  let tokenProvider: MsalTokenProvider;
  try {
    tokenProvider = await tenant.createTokenProvider({
      clientId: config.clientId,
      tenantId: config.tenantId,
      origin: deps.window.location.origin,
      inTeams: session !== null,
      loginHint: session?.context.user.loginHint ?? session?.context.user.userPrincipalName,
    });
  } catch (error) {
    const problem = signInProblemOf(error);
    if (!problem) throw error;
    throw needsUser(session, problem, null);
  }
  const sight = deps.onSighting;
  if (sight && !session) {
    // A look into MSAL's cache only, beside the token boot asks for below.
    void tokenProvider
      .cachedSignIn()
      .then((account) => {
        if (account) sight({ by: 'msal', account });
      })
      .catch(() => undefined);
  }

  const finish = async (): Promise<BootedHost> => {
    try {
      // Before any Graph call: a Graph error hides why there is no token, this does not.
      await tokenProvider.getToken();
    } catch (error) {
      const problem = signInProblemOf(error);
      if (!problem) throw error;
      throw needsUser(session, problem, () => signInThenFinish());
    }
    // Who the user is and the site's start-up are read side by side (one round trip less
    // before the first screen): the services wait for the identity only where they need it.
    const reading = deps.readSignedInUser({ graphBaseUrl: config.graphBaseUrl, tokenProvider });
    const identifying = reading.then((me) => identityOf(me.person, me.memberOf, config.groups));
    identifying.catch(() => undefined);
    const watched = watchSignIn(tokenProvider);
    const creating = Promise.resolve(
      deps.createRepositories({
        graphBaseUrl: config.graphBaseUrl,
        site: config.site,
        tokenProvider: watched.tokenProvider,
        approvalChannel: {
          teamId: config.approvals.teamId,
          channelId: config.approvals.channelId,
          // The id Teams reports; outside Teams the configured catalog id, else the manifest id.
          ...approvalLinkTarget(
            session?.context ?? null,
            config.teamsCatalogAppId ?? config.teamsAppId,
            deps.window.location.origin,
          ),
          notifyApprovers: true,
        },
        groups: config.groups,
        identity: identifying,
        ...openingReads(deps, session),
      }),
    );
    const [me, identity, repositories] = await Promise.all([reading, identifying, creating]);
    const user: TabUser = {
      upn: me.person.userPrincipalName || (session?.context.user.userPrincipalName ?? ''),
      displayName: me.person.displayName,
      role: identity.primaryRole === 'it' ? 'admin' : identity.primaryRole,
    };
    const permissions = identity.permissions;
    const tenantId = session?.context.user.tenantId ?? tokenProvider.account?.tenantId;
    return {
      config,
      session,
      personas: [],
      tokenProvider: null,
      signIn: watched.watch,
      whoAmI: null,
      repositories,
      entra: me.person.id && tenantId ? { objectId: me.person.id, tenantId } : null,
      initial: { ...hostView(deps, session), user, permissions },
    };
  };

  const signInThenFinish = (): Promise<BootedHost> => {
    // No await before signIn(): the popup must open in the same task as the user's click.
    const signedIn = tokenProvider.signIn();
    return signedIn.then(finish, (error: unknown) => {
      const problem = signInProblemOf(error);
      throw problem ? needsUser(session, problem, signInThenFinish) : error;
    });
  };

  return finish();
}

function needsUser(
  session: TeamsSession | null,
  problem: SignInProblem,
  resume: (() => Promise<BootedHost>) | null,
): SignInRequired {
  // Teams covers the tab with its loading indicator until the app reports success; the
  // explanation and the button are what the user must see now.
  session?.notifySuccess();
  return new SignInRequired(problem, resume);
}

/**
 * Switches the plain browser's persona: new token owner, new user, and the new user's
 * permissions as their groups give them (one Graph read).
 */
export async function switchPersona(
  booted: Pick<BootedHost, 'personas' | 'tokenProvider' | 'whoAmI'>,
  win: Window,
  upn: string,
): Promise<Pick<TabHost, 'user' | 'permissions'> | null> {
  const persona = booted.personas.find((p) => p.upn === upn);
  if (!persona || !booted.tokenProvider || !booted.whoAmI) return null;
  booted.tokenProvider.setPersona(persona.upn);
  rememberPersona(win, persona.upn);
  const identity = await booted.whoAmI();
  return { user: userFor(persona), permissions: identity.permissions };
}
