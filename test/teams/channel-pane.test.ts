/** @jest-environment jsdom */
// The package's main entry is ES modules, which jest (CommonJS) cannot load; its UMD build is the
// same code the host page bundles.
jest.mock('adaptivecards', () => jest.requireActual('adaptivecards/dist/adaptivecards.js'));

import {
  LOCAL_APPROVAL_CHANNEL,
  approvalDeepLink,
  approvalMessage,
  buildApprovalCard,
  decisionReplyHtml,
} from '../../src/teams/approval-card';
import {
  ChannelPane,
  htmlToText,
  renderMessage,
  type ChannelMessage,
} from '../../src/emulator/teams-host/channel-pane';
import { subPageIdFromTeamsLink } from '../../src/emulator/teams-host/host-protocol';

// jsdom has no layout and so no `innerText`, which the card renderer writes text with.
Object.defineProperty(HTMLElement.prototype, 'innerText', {
  configurable: true,
  get(this: HTMLElement) {
    return this.textContent;
  },
  set(this: HTMLElement, value: string) {
    this.textContent = value;
  },
});

const deepLink = approvalDeepLink(LOCAL_APPROVAL_CHANNEL, '7');
const card = buildApprovalCard({
  requestId: '7',
  roleTitle: 'Deskundige ICT',
  department: 'Interne zaken',
  service: 'ICT',
  careerPath: 'B1-B3',
  changes: null,
  requestedBy: 'Hilde Janssens',
  note: 'Graag <b>voor</b> vrijdag',
  deepLink,
});
const posted = approvalMessage(card, 'kaart-1');

function message(overrides: Partial<ChannelMessage> = {}): ChannelMessage {
  return {
    id: '1700000000000',
    createdDateTime: '2026-11-23T10:00:00Z',
    from: { user: { displayName: 'Hilde Janssens' } },
    body: posted.body,
    attachments: posted.attachments,
    ...overrides,
  };
}

describe('htmlToText', () => {
  it('keeps the text of a decision reply, one line per paragraph, entities decoded', () => {
    const html = decisionReplyHtml({
      outcome: 'rejected',
      decidedBy: 'Jan Peeters',
      date: '23 november 2026',
      reason: 'Taken <script>alert(1)</script> & doel onduidelijk',
    });
    expect(htmlToText(html)).toBe(
      'Afgewezen door Jan Peeters op 23 november 2026.\nMotivering: Taken <script>alert(1)</script> & doel onduidelijk',
    );
  });

  it('drops markup, scripts and attachment markers', () => {
    expect(
      htmlToText(
        '<attachment id="a"></attachment><script>x()</script><div>Hallo <i>allen</i></div>',
      ),
    ).toBe('Hallo allen');
  });
});

describe('renderMessage', () => {
  it('renders the card with its button; the button hands the deep link to the host', () => {
    const opened: string[] = [];
    const item = renderMessage(message(), (url) => opened.push(url));
    document.body.replaceChildren(item);
    expect(item.textContent).toContain('Deskundige ICT');
    expect(item.textContent).toContain('Graag <b>voor</b> vrijdag');
    expect(item.querySelector('b')).toBeNull();
    const button = Array.from(item.querySelectorAll('button')).find(
      (b) => b.textContent === 'Bekijken en beslissen',
    );
    expect(button).toBeDefined();
    button?.click();
    expect(opened).toEqual([deepLink]);
    expect(subPageIdFromTeamsLink(opened[0] ?? '')).toBe('approval/7');
  });

  it('shows replies as text under their message, never as markup', () => {
    const item = renderMessage(
      message({
        replies: [
          {
            id: '2',
            createdDateTime: '2026-11-23T11:00:00Z',
            from: { user: { displayName: 'Jan Peeters' } },
            body: {
              contentType: 'html',
              content: '<p><strong>Goedgekeurd</strong> door Jan</p><img src=x onerror="alert(1)">',
            },
          },
        ],
      }),
      () => undefined,
    );
    const replies = item.querySelector('ol.replies');
    expect(replies?.getAttribute('aria-label')).toBe('Antwoorden (1)');
    expect(replies?.textContent).toContain('Goedgekeurd door Jan');
    expect(replies?.querySelector('.message-text')?.children).toHaveLength(0);
    expect(replies?.querySelector('img')).toBeNull();
  });

  it('says so when a card cannot be read', () => {
    const item = renderMessage(
      message({
        attachments: [
          { id: 'kaart-1', contentType: 'application/vnd.microsoft.card.adaptive', content: '{' },
        ],
      }),
      () => undefined,
    );
    expect(item.textContent).toContain('Deze kaart kan niet getoond worden.');
  });
});

describe('ChannelPane', () => {
  function setup(respond: (url: string, init?: RequestInit) => Response) {
    const list = document.createElement('ol');
    const status = document.createElement('p');
    const calls: { url: string; init?: RequestInit }[] = [];
    const pane = new ChannelPane({
      list,
      status,
      graphBaseUrl: 'http://127.0.0.1:1/v1.0',
      teamId: LOCAL_APPROVAL_CHANNEL.teamId,
      channelId: LOCAL_APPROVAL_CHANNEL.channelId,
      getToken: () => Promise.resolve('geheim-token'),
      onOpenUrl: () => undefined,
      fetch: (input, init) => {
        const url =
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        calls.push({ url, init });
        return Promise.resolve(respond(url, init));
      },
    });
    return { pane, list, status, calls };
  }

  // jsdom has no fetch Response: the pane only reads ok, status and json().
  const json = (body: unknown, status = 200) =>
    ({
      ok: status >= 200 && status < 300,
      status,
      json: () => Promise.resolve(JSON.parse(JSON.stringify(body)) as unknown),
    }) as unknown as Response;

  it("reads the channel with the persona's token in the header, never in the URL, oldest first", async () => {
    const later = message({
      id: '2',
      createdDateTime: '2026-11-23T12:00:00Z',
      attachments: [],
      body: { contentType: 'text', content: 'Tweede' },
    });
    const { pane, list, status, calls } = setup(() => json({ value: [later, message()] }));
    await pane.refresh();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).not.toContain('geheim-token');
    expect(calls[0]?.url).toContain('$expand=replies');
    expect(calls[0]?.init?.headers).toEqual({ authorization: 'Bearer geheim-token' });
    expect(Array.from(list.children).map((li) => (li as HTMLElement).dataset.messageId)).toEqual([
      '1700000000000',
      '2',
    ]);
    expect(status.textContent).toBe('2 berichten.');
  });

  it('keeps the same DOM when nothing changed, so a focused card button keeps its focus', async () => {
    const { pane, list } = setup(() => json({ value: [message()] }));
    await pane.refresh();
    const first = list.firstElementChild;
    await pane.refresh();
    expect(list.firstElementChild).toBe(first);
  });

  it('explains a refusal in Dutch', async () => {
    const { pane, status } = setup(() => json({ error: { code: 'Forbidden' } }, 403));
    await pane.refresh();
    expect(status.textContent).toBe(
      'Deze gebruiker is geen lid van het team en ziet het kanaal niet.',
    );
  });
});
