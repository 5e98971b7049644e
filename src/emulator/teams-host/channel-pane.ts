import * as AdaptiveCards from 'adaptivecards';
import { z } from 'zod';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../teams/approval-card';

/**
 * The "Goedkeuringen" channel pane of the local Teams host (issue 5): the channel's messages as
 * Teams shows them — Adaptive Cards rendered with the `adaptivecards` package, replies under
 * their message — read from the emulator with the current persona's own token, so what a
 * persona may not read it does not see. The card's `Action.OpenUrl` is intercepted: a Teams deep
 * link into our app reloads the framed tab on its sub page, as Teams would.
 *
 * Server content is only ever put in the page as text (reply HTML is reduced to its text) or
 * through the Adaptive Cards renderer, which builds its DOM from the card's JSON and itself
 * treats TextBlock text as text.
 */

const attachmentSchema = z.object({
  id: z.string(),
  contentType: z.string(),
  content: z.string().nullable().optional(),
});

const messageBaseSchema = z.object({
  id: z.string(),
  createdDateTime: z.string(),
  from: z
    .object({ user: z.object({ displayName: z.string().nullable() }).nullable().optional() })
    .nullable()
    .optional(),
  body: z.object({ contentType: z.string().optional(), content: z.string() }),
  attachments: z.array(attachmentSchema).optional(),
});

const messageSchema = messageBaseSchema.extend({
  replies: z.array(messageBaseSchema).optional(),
});

const messagesResponseSchema = z.object({ value: z.array(messageSchema) });

export type ChannelMessage = z.infer<typeof messageSchema>;

export interface ChannelPaneOptions {
  /** The element the pane renders its messages into (the host page labels the region). */
  list: HTMLElement;
  /** Status line for loading and errors (a live region). */
  status: HTMLElement;
  /** Graph's version root, e.g. http://127.0.0.1:53001/v1.0 */
  graphBaseUrl: string;
  teamId: string;
  channelId: string;
  /** The current persona's token; null when nobody is signed in. */
  getToken(): Promise<string | null>;
  /** A card's OpenUrl action: the host decides what a link does. */
  onOpenUrl(url: string): void;
  fetch?: typeof fetch;
}

const BLOCK_ELEMENTS = new Set(['P', 'DIV', 'LI', 'BR', 'TR', 'H1', 'H2', 'H3', 'BLOCKQUOTE']);

/**
 * The text of a message body in Graph's HTML. DOMParser builds an inert document (no scripts
 * run, nothing loads); only its text leaves this function. Blocks become lines, like Teams.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    // DOMParser's document has no window, so `instanceof Element` would not hold: nodeType does.
    const element = node as Element;
    // <attachment> only marks where a card goes; script/style text is no message text.
    if (['ATTACHMENT', 'SCRIPT', 'STYLE', 'TEMPLATE'].includes(element.tagName)) return;
    const block = BLOCK_ELEMENTS.has(element.tagName);
    if (block) parts.push('\n');
    for (const child of Array.from(element.childNodes)) walk(child);
    if (block) parts.push('\n');
  };
  for (const child of Array.from(doc.body.childNodes)) walk(child);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

// Card text comes from list content: never turn it into HTML (the renderer would otherwise use a
// global markdown-it if one were present, and warns without one). Plain text it is, as textContent.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (_text, result) => {
  result.didProcess = false;
};

// Teams' light colours: the renderer's default accent (#2E89FC) fails WCAG AA contrast on white.
const foreground = (normal: string, subtle: string) => ({ default: normal, subtle });
const hostConfig = new AdaptiveCards.HostConfig({
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  supportsInteractivity: true,
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: foreground('#242424', '#616161'),
        dark: foreground('#242424', '#424242'),
        light: foreground('#616161', '#616161'),
        accent: foreground('#0F6CBD', '#0F548C'),
        good: foreground('#0E700E', '#0E700E'),
        warning: foreground('#8A3707', '#8A3707'),
        attention: foreground('#B10E1C', '#B10E1C'),
      },
    },
  },
});

/** Renders one Adaptive Card; null (and the fallback text is shown) when it does not parse. */
export function renderCard(json: unknown, onOpenUrl: (url: string) => void): HTMLElement | null {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction && action.url) onOpenUrl(action.url);
  };
  try {
    card.parse(json);
    return card.render() ?? null;
  } catch {
    return null;
  }
}

function author(message: z.infer<typeof messageBaseSchema>): string {
  return message.from?.user?.displayName ?? 'Onbekend';
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('nl-BE', { dateStyle: 'medium', timeStyle: 'short' });
}

function messageHeader(message: z.infer<typeof messageBaseSchema>): HTMLElement {
  const header = document.createElement('p');
  header.className = 'message-meta';
  const name = document.createElement('strong');
  name.textContent = author(message);
  const time = document.createElement('time');
  time.dateTime = message.createdDateTime;
  time.textContent = when(message.createdDateTime);
  header.append(name, ' · ', time);
  return header;
}

function bodyText(message: z.infer<typeof messageBaseSchema>): string {
  return message.body.contentType === 'html'
    ? htmlToText(message.body.content)
    : message.body.content.trim();
}

/** One message with its cards and, in a nested list, its replies. */
export function renderMessage(
  message: ChannelMessage,
  onOpenUrl: (url: string) => void,
): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'message';
  item.dataset.messageId = message.id;
  const article = document.createElement('article');
  article.setAttribute('aria-label', `Bericht van ${author(message)}`);
  article.append(messageHeader(message));
  const text = bodyText(message);
  if (text) {
    const p = document.createElement('p');
    p.className = 'message-text';
    p.textContent = text;
    article.append(p);
  }
  for (const attachment of message.attachments ?? []) {
    if (attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE || !attachment.content) continue;
    let rendered: HTMLElement | null = null;
    try {
      rendered = renderCard(JSON.parse(attachment.content), onOpenUrl);
    } catch {
      // Not JSON: shown as an unreadable card below.
    }
    const slot = document.createElement('div');
    slot.className = 'card';
    if (rendered) slot.append(rendered);
    else slot.textContent = 'Deze kaart kan niet getoond worden.';
    article.append(slot);
  }
  const replies = [...(message.replies ?? [])].sort((a, b) =>
    a.createdDateTime.localeCompare(b.createdDateTime),
  );
  if (replies.length > 0) {
    const list = document.createElement('ol');
    list.className = 'replies';
    list.setAttribute('aria-label', `Antwoorden (${replies.length})`);
    for (const reply of replies) {
      const li = document.createElement('li');
      li.className = 'reply';
      li.append(messageHeader(reply));
      const p = document.createElement('p');
      p.className = 'message-text';
      p.textContent = bodyText(reply);
      li.append(p);
      list.append(li);
    }
    article.append(list);
  }
  item.append(article);
  return item;
}

export class ChannelPane {
  private readonly options: ChannelPaneOptions;
  private readonly fetchImpl: typeof fetch;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** What is on screen: re-rendering the same messages would steal focus from a card button. */
  private shown = '';
  private generation = 0;

  constructor(options: ChannelPaneOptions) {
    this.options = options;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Polls every `intervalMs` (Teams pushes; a poll is enough for a local tool). */
  start(intervalMs = 2000): void {
    this.stop();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** After a persona switch: forget what was shown, the new user may see something else. */
  reset(): void {
    this.generation += 1;
    this.shown = '';
    this.options.list.replaceChildren();
    this.options.status.textContent = 'Berichten worden geladen…';
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const generation = this.generation;
    const { status } = this.options;
    let messages: ChannelMessage[];
    try {
      messages = await this.load();
    } catch (error) {
      if (generation !== this.generation) return;
      const text = error instanceof Error ? error.message : String(error);
      if (status.textContent !== text) status.textContent = text;
      return;
    }
    if (generation !== this.generation) return;
    const signature = JSON.stringify(messages);
    if (signature === this.shown) return;
    this.shown = signature;
    this.options.list.replaceChildren(
      ...messages.map((m) => renderMessage(m, (url) => this.options.onOpenUrl(url))),
    );
    const count = messages.length;
    status.textContent =
      count === 0
        ? 'Nog geen berichten in dit kanaal.'
        : `${count} bericht${count === 1 ? '' : 'en'}.`;
  }

  private async load(): Promise<ChannelMessage[]> {
    const token = await this.options.getToken();
    if (!token) throw new Error('Kies een gebruiker om het kanaal te lezen.');
    const { graphBaseUrl, teamId, channelId } = this.options;
    const url = `${graphBaseUrl}/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/messages?$top=50&$expand=replies`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      throw new Error(
        'Het kanaal kon niet gelezen worden: de lokale Graph-emulator antwoordt niet.',
      );
    }
    if (response.status === 403) {
      throw new Error('Deze gebruiker is geen lid van het team en ziet het kanaal niet.');
    }
    if (!response.ok) {
      throw new Error(`Het kanaal kon niet gelezen worden (HTTP ${response.status}).`);
    }
    const parsed = messagesResponseSchema.safeParse(await response.json());
    if (!parsed.success) throw new Error('De emulator gaf een onverwachte lijst van berichten.');
    // Teams lists a channel oldest first, the newest at the bottom.
    return [...parsed.data.value].sort((a, b) =>
      a.createdDateTime.localeCompare(b.createdDateTime),
    );
  }
}
