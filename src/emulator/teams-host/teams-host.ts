import {
  PERSONA_ROLE_LABELS,
  createLocalPersonaTokenProvider,
  personaSchema,
  type Persona,
} from '../../auth/local-personas';
import { LOCAL_APPROVAL_CHANNEL } from '../../teams/approval-card';
import { parseSubPageId } from '../../teams/deep-link';
import { PERSONAL_TAB_ENTITY_ID, tabRequestSchema, type FrameContext } from '../../teams/protocol';
import { loadRuntimeConfig, type LocalRuntimeConfig } from '../../teams/runtime-config';
import { parseTeamsTheme, type TeamsTheme } from '../../teams/theme';
import { ChannelPane } from './channel-pane';
import {
  HostSession,
  savedTabConfigSchema,
  subPageIdFromTeamsLink,
  type HostEffect,
  type SavedTabConfig,
} from './host-protocol';

/**
 * The local Teams host page (DESIGN §7): frames the tab and plays Teams' part of the protocol so
 * the tab runs exactly as it would inside Teams — without Teams. A development and test tool:
 * the tab server serves it in local mode only and it is never part of the app package.
 *
 * Its state lives in its own URL (?persona=&theme=&locale=&surface=&subPageId=) so a demo or a
 * test can open any situation directly.
 */

type Surface = 'personal' | 'channel' | 'settings';

interface HostState {
  personaUpn: string | null;
  theme: TeamsTheme;
  locale: string;
  surface: Surface;
  subPageId: string | null;
}

/**
 * The team and channel the channel tab lives in: the emulator's real team "Functiewijzer" and
 * channel "Goedkeuringen" (the approval card's channel), so what the tab reads from its context
 * exists in Graph. A team's id is its group's id.
 */
const LOCAL_TEAM = {
  id: LOCAL_APPROVAL_CHANNEL.teamId,
  name: 'Functiewijzer',
  groupId: LOCAL_APPROVAL_CHANNEL.teamId,
};
const LOCAL_CHANNEL = { id: LOCAL_APPROVAL_CHANNEL.channelId, name: 'Goedkeuringen' };
const SAVED_CONFIG_KEY = 'teams-host.channel-tab';
const MAX_LOG_LINES = 200;

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
};

function readState(): HostState {
  const params = new URLSearchParams(window.location.search);
  const surface = params.get('surface');
  return {
    personaUpn: params.get('persona'),
    theme: parseTeamsTheme(params.get('theme') ?? 'default'),
    locale: params.get('locale') === 'en-us' ? 'en-us' : 'nl-be',
    surface: surface === 'channel' || surface === 'settings' ? surface : 'personal',
    subPageId: params.get('subPageId') || null,
  };
}

function writeState(state: HostState): void {
  const params = new URLSearchParams();
  if (state.personaUpn) params.set('persona', state.personaUpn);
  params.set('theme', state.theme);
  params.set('locale', state.locale);
  params.set('surface', state.surface);
  if (state.subPageId) params.set('subPageId', state.subPageId);
  window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}`);
}

function savedChannelTab(): SavedTabConfig | null {
  const raw = window.sessionStorage.getItem(SAVED_CONFIG_KEY);
  if (!raw) return null;
  try {
    const parsed = savedTabConfigSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function log(direction: '→' | '←' | '•', text: string): void {
  const item = document.createElement('li');
  item.textContent = `${direction} ${text}`;
  ui.log.append(item);
  while (ui.log.childElementCount > MAX_LOG_LINES) ui.log.firstElementChild?.remove();
  ui.log.scrollTop = ui.log.scrollHeight;
}

function setTabState(state: 'loading' | 'initialized' | 'ready' | 'failed', message: string): void {
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
        : (saved?.entityId ?? 'functiewijzer-kanaal');
    // The manifest's configurationUrl for the channel tab; the content is at the root.
    let url = new URL(state.surface === 'settings' ? '/?configuratie' : '/', config.tabUrl);
    if (state.surface === 'channel' && saved) {
      const candidate = new URL(saved.contentUrl);
      // Only ever frame our own tab, whatever a configuration page claims.
      if (candidate.origin === tabOrigin) url = candidate;
    }

    session = new HostSession({
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
  };

  const carryOut = (effect: HostEffect): void => {
    switch (effect.type) {
      case 'initialized':
        setTabState('initialized', 'Tabblad verbonden.');
        break;
      case 'success':
        setTabState('ready', 'Tabblad geladen.');
        break;
      case 'failure':
        setTabState('failed', `Tabblad meldt een fout: ${effect.message || effect.reason}`);
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
    if (step.response) frame.contentWindow?.postMessage(step.response, event.origin);
    for (const effect of step.effects) carryOut(effect);
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
    const subPageId = subPageIdFromTeamsLink(url);
    if (!url.startsWith('https://teams.microsoft.com/l/entity/') || !parseSubPageId(subPageId)) {
      log('•', 'kaartknop: geen deep link naar dit tabblad');
      return;
    }
    log('•', `kaartknop: ${subPageId ?? ''}`);
    state.subPageId = subPageId;
    ui.subpage.value = subPageId ?? '';
    if (state.surface === 'settings') {
      state.surface = 'personal';
      ui.surface.value = state.surface;
    }
    loadTab();
  };

  loadTab();
  channelPane.start();
}

main().catch((error: unknown) => {
  showError(error instanceof Error ? error.message : String(error));
  setTabState('failed', 'De lokale Teams-host kon niet starten.');
});
