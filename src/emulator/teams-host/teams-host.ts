import {
  PERSONA_ROLE_LABELS,
  createLocalPersonaTokenProvider,
  personaSchema,
  type Persona,
} from '../../auth/local-personas';
import { LOCAL_APPROVAL_CHANNEL } from '../../teams/approval-card';
import { PERSONAL_TAB_ENTITY_ID, tabRequestSchema, type FrameContext } from '../../teams/protocol';
import { loadRuntimeConfig, type LocalRuntimeConfig } from '../../teams/runtime-config';
import { parseTeamsTheme } from '../../teams/theme';
import { ChannelPane } from './channel-pane';
import {
  HostSession,
  LoadWatch,
  resolveTeamsDeepLink,
  type HostEffect,
  type ResolvedDeepLink,
} from './host-protocol';
import {
  DEFAULT_CHANNEL_ENTITY_ID,
  LOCAL_CHANNEL,
  LOCAL_TEAM,
  SAVED_CONFIG_KEY,
  installedApp,
  readState,
  savedChannelTab,
  writeState,
} from './host-state';

const MAX_LOG_LINES = 200;

/**
 * The local Teams host page (DESIGN §7): frames the tab and plays Teams' part of the protocol so
 * the tab runs exactly as it would inside Teams — without Teams. A development and test tool:
 * the tab server serves it in local mode only and it is never part of the app package.
 *
 * Its state lives in its own URL (?persona=&theme=&locale=&surface=&subPageId=) so a demo or a
 * test can open any situation directly; `slowInitializeMs` makes it answer `initialize` late, as
 * a slow Teams client does.
 */

function element<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`#${id} ontbreekt in teams-host.html`);
  return found;
}

const ui = {
  form: element('controls', HTMLFormElement),
  persona: element('persona', HTMLSelectElement),
  theme: element('theme', HTMLSelectElement),
  locale: element('locale', HTMLSelectElement),
  surface: element('surface', HTMLSelectElement),
  subpage: element('subpage', HTMLInputElement),
  error: element('error', HTMLParagraphElement),
  settingsBar: element('settings-bar', HTMLDivElement),
  save: element('save', HTMLButtonElement),
  saveStatus: element('save-status', HTMLSpanElement),
  frameSlot: element('frame-slot', HTMLDivElement),
  status: element('status', HTMLParagraphElement),
  log: element('log', HTMLOListElement),
  channelMessages: element('channel-messages', HTMLOListElement),
  channelStatus: element('channel-status', HTMLParagraphElement),
  teamsError: element('teams-error', HTMLDivElement),
  teamsErrorText: element('teams-error-text', HTMLParagraphElement),
  teamsErrorReload: element('teams-error-reload', HTMLButtonElement),
};

function log(direction: '→' | '←' | '•', text: string): void {
  const item = document.createElement('li');
  item.textContent = `${direction} ${text}`;
  ui.log.append(item);
  while (ui.log.childElementCount > MAX_LOG_LINES) ui.log.firstElementChild?.remove();
  ui.log.scrollTop = ui.log.scrollHeight;
}

type TabState = 'loading' | 'initialized' | 'ready' | 'failed' | 'teams-error';

function setTabState(state: TabState, message: string): void {
  document.body.dataset.tabState = state;
  ui.status.textContent = message;
}

function showError(message: string): void {
  ui.error.textContent = message;
}

async function loadPersonas(config: LocalRuntimeConfig): Promise<Persona[]> {
  const response = await fetch(`${config.emulatorUrl}/_emulator/personas`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body: unknown = await response.json();
  return personaSchema.array().parse(body);
}

async function main(): Promise<void> {
  const config = await loadRuntimeConfig();
  if (config.mode !== 'local') {
    showError('De lokale Teams-host werkt alleen in lokale modus (npm start zonder tenant).');
    return;
  }
  const tabOrigin = new URL(config.tabUrl).origin;
  const state = readState();

  let personas: Persona[] = [];
  try {
    personas = await loadPersonas(config);
  } catch (error) {
    showError(
      `De gebruikers van de lokale Graph-emulator (${config.emulatorUrl}) konden niet geladen worden: ${error instanceof Error ? error.message : String(error)}. Herstart \`npm start\`.`,
    );
  }
  for (const persona of personas) {
    const option = document.createElement('option');
    option.value = persona.upn;
    option.textContent = `${persona.displayName} (${PERSONA_ROLE_LABELS[persona.role]})`;
    ui.persona.append(option);
  }
  const defaultPersona = personas.find((p) => p.role === 'staff') ?? personas[0];
  if (!personas.some((p) => p.upn === state.personaUpn))
    state.personaUpn = defaultPersona?.upn ?? null;
  ui.persona.value = state.personaUpn ?? '';
  ui.theme.value = state.theme;
  ui.locale.value = state.locale;
  ui.surface.value = state.surface;
  ui.subpage.value = state.subPageId ?? '';

  let session: HostSession | null = null;
  let frame: HTMLIFrameElement | null = null;
  // Teams' loading contract: without notifySuccess (or an expected failure) within 30 s, or on
  // notifyFailure, Teams' error screen replaces the tab.
  const loadWatch = new LoadWatch(
    (reason) => {
      ui.teamsError.hidden = false;
      ui.teamsErrorText.textContent =
        reason === 'timeout'
          ? 'Functiewijzer reageert niet. Het tabblad meldde binnen 30 seconden niet dat het geladen is.'
          : 'Functiewijzer meldde dat het niet kon starten.';
      setTabState('teams-error', `Teams toont zijn foutscherm (${reason}).`);
      log('•', `Teams-foutscherm: ${reason}`);
    },
    {
      setTimeout: (callback, ms) => window.setTimeout(callback, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    },
  );

  // The pane reads the channel as the chosen user, with that user's own token (never in a URL).
  const tokens = createLocalPersonaTokenProvider({
    emulatorUrl: config.emulatorUrl,
    initialUpn: state.personaUpn,
  });
  let paneUpn = state.personaUpn;
  let openFromCard: (url: string) => void = () => undefined;
  const channelPane = new ChannelPane({
    list: ui.channelMessages,
    status: ui.channelStatus,
    graphBaseUrl: config.graphBaseUrl,
    teamId: LOCAL_APPROVAL_CHANNEL.teamId,
    channelId: LOCAL_APPROVAL_CHANNEL.channelId,
    getToken: () => (paneUpn ? tokens.getToken() : Promise.resolve(null)),
    onOpenUrl: (url) => openFromCard(url),
  });

  const applyHostTheme = (): void => {
    document.body.dataset.theme = state.theme;
  };

  /** Every change of user, language, surface or deep link is a new tab session, as in Teams. */
  const loadTab = (): void => {
    writeState(state);
    applyHostTheme();
    const persona = personas.find((p) => p.upn === state.personaUpn) ?? null;
    const frameContext: FrameContext = state.surface === 'settings' ? 'settings' : 'content';
    const saved = savedChannelTab();
    const inChannel = state.surface !== 'personal';
    const entityId =
      state.surface === 'personal'
        ? PERSONAL_TAB_ENTITY_ID
        : (saved?.entityId ?? DEFAULT_CHANNEL_ENTITY_ID);
    // The manifest's configurationUrl for the channel tab; the content is at the root.
    let url = new URL(state.surface === 'settings' ? '/?configuratie' : '/', config.tabUrl);
    if (state.surface === 'channel' && saved) {
      const candidate = new URL(saved.contentUrl);
      // Only ever frame our own tab, whatever a configuration page claims.
      if (candidate.origin === tabOrigin) url = candidate;
    }

    session = new HostSession({
      installed: installedApp(),
      // Reopening the configuration of the saved channel tab, as its Settings do in Teams.
      savedConfig: frameContext === 'settings' ? saved : null,
      frameContext,
      theme: state.theme,
      locale: state.locale,
      entityId,
      subPageId: state.surface === 'settings' ? null : state.subPageId,
      user: persona ? { upn: persona.upn, displayName: persona.displayName } : null,
      team: inChannel ? LOCAL_TEAM : null,
      channel: inChannel ? LOCAL_CHANNEL : null,
    });
    ui.settingsBar.hidden = frameContext !== 'settings';
    ui.teamsError.hidden = true;
    showError('');
    ui.save.disabled = true;
    ui.saveStatus.textContent = '';
    setTabState('loading', 'Tabblad wordt geladen…');
    log(
      '•',
      `${state.surface} · ${persona?.upn ?? 'geen gebruiker'} · ${state.subPageId ?? 'startpagina'}`,
    );

    if (paneUpn !== state.personaUpn) {
      paneUpn = state.personaUpn;
      if (paneUpn) tokens.setPersona(paneUpn);
      channelPane.reset();
    }

    frame?.remove();
    frame = document.createElement('iframe');
    frame.title = 'Functiewijzer';
    frame.name = 'functiewijzer-tab';
    frame.src = url.toString();
    ui.frameSlot.append(frame);
    loadWatch.start();
  };

  /** A deep link Teams accepted: the tab it names, on its sub page, for the current user. */
  const openTab = (tab: ResolvedDeepLink): void => {
    state.surface = tab.surface;
    ui.surface.value = tab.surface;
    state.subPageId = tab.subPageId;
    ui.subpage.value = tab.subPageId ?? '';
    loadTab();
  };

  /** Teams shows why it will not open a link; it never navigates somewhere instead. */
  const refuseLink = (reason: string): void => {
    showError(`Teams kan deze link niet openen. ${reason}`);
    log('•', `deep link geweigerd: ${reason}`);
  };

  const carryOut = (effect: HostEffect): void => {
    loadWatch.observe(effect);
    switch (effect.type) {
      case 'initialized':
        setTabState('initialized', 'Tabblad verbonden.');
        break;
      case 'success':
        setTabState('ready', 'Tabblad geladen.');
        break;
      case 'failure':
        // Teams' error screen is already up (loadWatch); the log keeps the tab's own reason.
        log('•', `notifyFailure: ${effect.reason} ${effect.message}`.trim());
        break;
      case 'expectedFailure':
        // The tab started and shows its own message: Teams leaves it visible.
        setTabState('failed', `Tabblad meldt een fout: ${effect.reason} — ${effect.message}`);
        break;
      case 'openTab':
        openTab(effect.tab);
        break;
      case 'deepLinkRefused':
        refuseLink(effect.reason);
        break;
      case 'navigate':
        state.subPageId = effect.subPageId;
        ui.subpage.value = effect.subPageId ?? '';
        if (state.surface === 'settings') state.surface = 'channel';
        ui.surface.value = state.surface;
        loadTab();
        break;
      case 'validity':
        ui.save.disabled = !effect.valid;
        break;
      case 'configSaved':
        window.sessionStorage.setItem(SAVED_CONFIG_KEY, JSON.stringify(effect.config));
        break;
      case 'saveSucceeded':
        state.surface = 'channel';
        ui.surface.value = 'channel';
        loadTab();
        // After loadTab, which clears the settings bar: the log keeps the outcome visible.
        log('•', 'Kanaaltabblad opgeslagen.');
        break;
      case 'saveFailed':
        ui.saveStatus.textContent = `Opslaan mislukt: ${effect.message}`;
        break;
      case 'sharedDeepLink':
        log('•', `gedeelde link: ${effect.subPageId}`);
        break;
      case 'unsupported':
      case 'handlerRegistered':
      case 'appLoaded':
        break;
    }
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Only the framed tab, on the tab's origin, may talk to the host.
    if (!frame || event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
    const parsed = tabRequestSchema.safeParse(event.data);
    if (!parsed.success || !session) return;
    const request = parsed.data;
    log('→', request.func);
    const step = session.handle(request);
    const target = frame.contentWindow;
    const reply = () => {
      if (step.response) target?.postMessage(step.response, event.origin);
      for (const effect of step.effects) carryOut(effect);
    };
    // A slow Teams client: the tab must wait for it instead of starting without a host.
    if (request.func === 'initialize' && state.slowInitializeMs > 0) {
      window.setTimeout(reply, state.slowInitializeMs);
    } else reply();
  });

  const send = (message: { func: string; args: unknown[] }): void => {
    frame?.contentWindow?.postMessage(message, tabOrigin);
    log('←', message.func);
  };

  ui.theme.addEventListener('change', () => {
    state.theme = parseTeamsTheme(ui.theme.value);
    writeState(state);
    applyHostTheme();
    const event = session?.changeTheme(state.theme);
    if (event) send(event);
  });
  ui.persona.addEventListener('change', () => {
    state.personaUpn = ui.persona.value || null;
    loadTab();
  });
  ui.locale.addEventListener('change', () => {
    state.locale = ui.locale.value;
    loadTab();
  });
  ui.surface.addEventListener('change', () => {
    const value = ui.surface.value;
    state.surface = value === 'channel' || value === 'settings' ? value : 'personal';
    loadTab();
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.subPageId = ui.subpage.value.trim() || null;
    loadTab();
  });
  ui.save.addEventListener('click', () => {
    if (!session) return;
    ui.save.disabled = true;
    ui.saveStatus.textContent = 'Bezig met opslaan…';
    send(session.save());
  });

  /**
   * "Bekijken en beslissen" on a card: a Teams deep link into this app opens the tab on its sub
   * page for whoever is chosen under "Gebruiker", as Teams does; any other link is only logged.
   */
  openFromCard = (url: string): void => {
    if (!url.startsWith('https://teams.microsoft.com/l/')) {
      log('•', 'kaartknop: geen Teams-link');
      return;
    }
    const resolved = resolveTeamsDeepLink(url, installedApp());
    if (!resolved.ok) {
      refuseLink(resolved.reason);
      return;
    }
    log('•', `kaartknop: ${resolved.tab.subPageId ?? ''}`);
    openTab(resolved.tab);
  };
  ui.teamsErrorReload.addEventListener('click', () => loadTab());

  loadTab();
  channelPane.start();
}

main().catch((error: unknown) => {
  showError(error instanceof Error ? error.message : String(error));
  setTabState('failed', 'De lokale Teams-host kon niet starten.');
});
