/** @jest-environment jsdom */
// The package's main entry is ES modules, which jest (CommonJS) cannot load; its UMD build is the
// same code, so the test parses with exactly what the host page renders with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
import {
  LOCAL_APPROVAL_CHANNEL,
  approvalDeepLink,
  approvalMessage,
  buildApprovalCard,
  decisionReplyHtml,
  type ApprovalCardInput,
} from '../../src/teams/approval-card';
import { parseSubPageId } from '../../src/teams/deep-link';
import { en } from '../../src/i18n';
import { CHANNELS, TEAM_ID } from '../../src/emulator/tenant';

// jsdom has no layout and so no `innerText`, which the renderer writes text with; browsers map it
// to the text content, and so does this shim (setting it on a plain object would lose the text).
Object.defineProperty(HTMLElement.prototype, 'innerText', {
  configurable: true,
  get(this: HTMLElement) {
    return this.textContent;
  },
  set(this: HTMLElement, value: string) {
    this.textContent = value;
  },
});

// As the channel pane does: list content stays plain text, never markdown turned into HTML.
AC.AdaptiveCard.onProcessMarkdown = (_text, result) => {
  result.didProcess = false;
};

function parseStrictly(card: object): { errors: string[]; rendered: HTMLElement | undefined } {
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptive.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) {
    const event = context.getEventAt(i);
    errors.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const validation = adaptive.validateProperties();
  for (const event of validation.validationEvents) {
    errors.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return { errors, rendered: adaptive.render() };
}

const base: ApprovalCardInput = {
  requestId: '42',
  roleTitle: 'Deskundige ICT',
  department: 'Interne zaken',
  service: 'ICT',
  careerPath: 'B1-B3',
  changes: '2 wijzigingen: Doel gewijzigd; Hoofdtaak toegevoegd',
  requestedBy: 'Hilde Janssens',
  note: 'Na overleg met de dienst.',
  deepLink: approvalDeepLink(LOCAL_APPROVAL_CHANNEL, '42'),
};

describe('approval card', () => {
  it.each([
    ['complete', base],
    [
      'never approved, no note, no unit',
      { ...base, changes: null, note: null, department: null, service: null, careerPath: null },
    ],
    [
      'text that looks like markup',
      { ...base, roleTitle: '<b>Titel</b> & "co"', note: '**vet** [x](javascript:alert(1))' },
    ],
  ])(
    '%s: parses with the adaptivecards package without errors or warnings and renders',
    (_name, input) => {
      const card = buildApprovalCard(input);
      expect(card.version).toBe('1.5');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { errors, rendered } = parseStrictly(card);
      expect(errors).toEqual([]);
      // The renderer reports what it could not handle on the console: nothing, here.
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
      expect(rendered?.textContent).toContain('Bekijken en beslissen');
    },
  );

  it('shows title, afdeling/dienst, loopbaan, changes, requester and note', () => {
    const { rendered } = parseStrictly(buildApprovalCard(base));
    const text = rendered?.textContent ?? '';
    for (const expected of [
      'Deskundige ICT',
      'Interne zaken · ICT',
      'B1-B3',
      '2 wijzigingen: Doel gewijzigd',
      'Hilde Janssens',
      'Na overleg met de dienst.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(buildApprovalCard({ ...base, changes: null }).body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: expect.stringMatching(/Nog nooit goedgekeurd/) }),
      ]),
    );
  });

  it('list content stays text: no markup from a title reaches the DOM', () => {
    const { rendered } = parseStrictly(
      buildApprovalCard({ ...base, roleTitle: '<b>Titel</b><img src=x onerror=alert(1)>' }),
    );
    expect(rendered?.querySelector('b, img')).toBeNull();
    expect(rendered?.textContent).toContain('<b>Titel</b>');
  });

  it('the button deep-links to the approval page; a channel only for a channel tab', () => {
    const url = new URL(base.deepLink);
    expect(url.origin).toBe('https://teams.microsoft.com');
    expect(url.pathname).toBe(
      `/l/entity/${LOCAL_APPROVAL_CHANNEL.appId}/${LOCAL_APPROVAL_CHANNEL.entityId}`,
    );
    const context = JSON.parse(url.searchParams.get('context') ?? '') as {
      subEntityId: string;
      channelId: string;
    };
    // The personal tab belongs to no channel: Teams refuses a link to it that names one.
    expect(LOCAL_APPROVAL_CHANNEL.entityId).toBe('functiewijzer');
    expect(context.channelId).toBeUndefined();
    expect(parseSubPageId(context.subEntityId)).toEqual({ kind: 'approval', requestId: '42' });
    // The context is URL-encoded in the link itself, as Teams requires.
    expect(base.deepLink).not.toContain('{');

    const fromChannelTab = new URL(
      approvalDeepLink(
        {
          ...LOCAL_APPROVAL_CHANNEL,
          entityId: 'functiewijzer-catalogus',
          linkChannelId: LOCAL_APPROVAL_CHANNEL.channelId,
          tabUrl: 'https://functiewijzer.stad.be/',
        },
        '42',
        'Goedkeuring gevraagd: Deskundige ICT',
      ),
    );
    expect(fromChannelTab.pathname).toBe(
      `/l/entity/${LOCAL_APPROVAL_CHANNEL.appId}/functiewijzer-catalogus`,
    );
    expect(JSON.parse(fromChannelTab.searchParams.get('context') ?? '')).toEqual({
      subEntityId: 'approval/42',
      channelId: LOCAL_APPROVAL_CHANNEL.channelId,
    });
    // Teams' fallback for a client that cannot open the tab, and the tab's title.
    expect(fromChannelTab.searchParams.get('webUrl')).toBe(
      'https://functiewijzer.stad.be/?subPageId=approval%2F42',
    );
    expect(fromChannelTab.searchParams.get('label')).toBe('Goedkeuring gevraagd: Deskundige ICT');
  });

  it('the message references its attachment as Teams demands', () => {
    const message = approvalMessage(buildApprovalCard(base), 'aanvraag-42');
    expect(message.body.content).toBe('<attachment id="aanvraag-42"></attachment>');
    expect(JSON.parse(message.attachments[0]?.content ?? '')).toMatchObject({
      type: 'AdaptiveCard',
    });
  });

  it("the local channel settings are the emulator's team and approval channel", () => {
    expect(LOCAL_APPROVAL_CHANNEL.teamId).toBe(TEAM_ID);
    expect(CHANNELS.find((c) => c.id === LOCAL_APPROVAL_CHANNEL.channelId)?.displayName).toBe(
      'Goedkeuringen',
    );
  });

  it('takes its words from the i18n tables: Dutch by default, another language when given', () => {
    const { rendered } = parseStrictly(buildApprovalCard(base, en.card));
    const text = rendered?.textContent ?? '';
    for (const expected of ['Approval requested', 'Department / service', 'Requested by']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Review and decide');
    expect(text).not.toContain('Goedkeuring gevraagd');
    expect(buildApprovalCard(base).fallbackText).toBe('Goedkeuring gevraagd: Deskundige ICT');
    expect(
      decisionReplyHtml(
        { outcome: 'approved', decidedBy: 'Jan', date: '9 February 2023', reason: '<ok>' },
        en.card,
      ),
    ).toBe('<p><strong>Approved</strong> by Jan on 9 February 2023.</p><p>Reason: &lt;ok&gt;</p>');
  });

  it('the reply escapes what a person typed', () => {
    expect(
      decisionReplyHtml({
        outcome: 'rejected',
        decidedBy: 'Jan <Peeters>',
        date: '9 februari 2023',
        reason: 'a & b',
      }),
    ).toBe(
      '<p><strong>Afgewezen</strong> door Jan &lt;Peeters&gt; op 9 februari 2023.</p><p>Motivering: a &amp; b</p>',
    );
  });
});
