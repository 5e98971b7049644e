import { nl, type Strings } from '../i18n';
import { buildTeamsDeepLink } from './deep-link';
import { LOCAL_APP_ID, PERSONAL_TAB_ENTITY_ID } from './protocol';

/**
 * The Adaptive Card HR's request posts in the approval channel, the deep link behind its button,
 * and the text of the reply that closes the thread (DESIGN §5). No bot: the card only carries an
 * `Action.OpenUrl` into the tab, where the decision is made with the director's own token.
 *
 * Schema 1.5 is what Teams renders in channels today; every value below is plain text (TextBlock,
 * FactSet), never markup, because titles and notes come from list content. The words come from
 * the i18n tables, in Dutch by default: the channel is the city's, read by everyone in it.
 */

/** The card's and the reply's words (`Strings['card']`). */
export type CardWords = Strings['card'];

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const APPROVAL_ACTIVITY_TYPE = 'approvalRequested';

/** Where approval requests go and how the tab is addressed in a deep link. */
export interface ApprovalChannelSettings {
  teamId: string;
  channelId: string;
  /** The Teams app id of the manifest (`id`), for `l/entity/{appId}/…`. */
  appId: string;
  /** The tab's entity id: the personal tab's, or the channel tab's as configured. */
  entityId: string;
  /** Also send an activity-feed notification to each approver. */
  notifyApprovers: boolean;
}

/**
 * The local stack's approval channel: the emulator's team "Functiewijzer" and channel
 * "Goedkeuringen" (fixed ids, see src/emulator/tenant.ts; a test keeps them equal) and the local
 * app id of the Teams host page.
 */
export const LOCAL_APPROVAL_CHANNEL: ApprovalChannelSettings = {
  teamId: 'b14eaf5d-c0d2-41e3-9e45-1a6b5ce3d4cc',
  channelId: '19:b7d2a1e3f4c55a6b0d9e8f7a6b5c4d3e@thread.tacv2',
  appId: LOCAL_APP_ID,
  entityId: PERSONAL_TAB_ENTITY_ID,
  notifyApprovers: true,
};

/**
 * `https://teams.microsoft.com/l/entity/{appId}/{entityId}?context={"subEntityId":…,"channelId":…}`
 * with the context URL-encoded, as Teams documents deep links to a tab. The tab reads the
 * sub-entity as `page.subPageId`; the local Teams host intercepts the same URL.
 */
export function approvalDeepLink(settings: ApprovalChannelSettings, requestId: string): string {
  return buildTeamsDeepLink({
    appId: settings.appId,
    entityId: settings.entityId,
    target: { kind: 'approval', requestId },
    channelId: settings.channelId,
  });
}

export interface ApprovalCardInput {
  requestId: string;
  roleTitle: string;
  department: string | null;
  service: string | null;
  careerPath: string | null;
  /**
   * `summariseChanges` (src/i18n) against the last approved version, in the card's language, or
   * null when none was ever approved.
   */
  changes: string | null;
  requestedBy: string;
  note: string | null;
  deepLink: string;
}

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export function buildApprovalCard(
  input: ApprovalCardInput,
  words: CardWords = nl.card,
): AdaptiveCard {
  const unit = [input.department, input.service].filter((v): v is string => !!v).join(' · ');
  const facts = [
    { title: words.unit, value: unit || '—' },
    { title: words.careerPath, value: input.careerPath ?? '—' },
    { title: words.requestedBy, value: input.requestedBy },
  ];
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: words.requested,
      size: 'Small',
      weight: 'Bolder',
      color: 'Accent',
      wrap: true,
    },
    { type: 'TextBlock', text: input.roleTitle, size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'FactSet', facts },
    {
      type: 'TextBlock',
      text: words.changesTitle,
      weight: 'Bolder',
      spacing: 'Medium',
      wrap: true,
    },
    {
      type: 'TextBlock',
      text: input.changes ?? words.neverApproved,
      wrap: true,
    },
  ];
  if (input.note !== null && input.note.trim() !== '') {
    body.push(
      { type: 'TextBlock', text: words.note, weight: 'Bolder', spacing: 'Medium', wrap: true },
      { type: 'TextBlock', text: input.note.trim(), wrap: true },
    );
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: words.requestedFor(input.roleTitle),
    body,
    actions: [{ type: 'Action.OpenUrl', title: words.open, url: input.deepLink }],
  };
}

/** The channel message that carries the card: Teams wants `<attachment id>` in an html body. */
export function approvalMessage(
  card: AdaptiveCard,
  attachmentId: string,
): {
  body: { contentType: 'html'; content: string };
  attachments: { id: string; contentType: string; content: string }[];
} {
  return {
    body: { contentType: 'html', content: `<attachment id="${attachmentId}"></attachment>` },
    attachments: [
      { id: attachmentId, contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: JSON.stringify(card) },
    ],
  };
}

export interface DecisionReplyInput {
  outcome: 'approved' | 'rejected';
  decidedBy: string;
  /** "9 februari 2023" */
  date: string;
  reason: string | null;
}

/** The reply in the card's thread; html-escaped because the reason is typed by a person. */
export function decisionReplyHtml(input: DecisionReplyInput, words: CardWords = nl.card): string {
  const outcome = `<strong>${escapeHtml(words.outcome[input.outcome])}</strong>`;
  const head = `<p>${words.decided(outcome, escapeHtml(input.decidedBy), escapeHtml(input.date))}</p>`;
  return input.reason ? `${head}<p>${words.reason(escapeHtml(input.reason))}</p>` : head;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
