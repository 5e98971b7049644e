import { nl, type Strings } from '../i18n';
import type { TeamsContext } from './context';
import { buildTeamsDeepLink, formatSubPageId } from './deep-link';
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
  /**
   * The app id Teams resolves deep links by: `context.app.appId` where the tab runs in Teams,
   * else the configured org-catalog id (TEAMS_CATALOG_APP_ID). Never blindly the manifest id:
   * an app in the org catalog has another id there.
   */
  appId: string;
  /** The tab the link opens: the personal tab's entity id, or the channel tab's as configured. */
  entityId: string;
  /**
   * The channel of that tab: set for a channel tab (Teams needs it to find the tab), null for
   * the personal tab (which belongs to no channel; Teams refuses a link that names one).
   */
  linkChannelId: string | null;
  /** The tab's own https address: the link's `webUrl`, for a client that cannot open the tab. */
  tabUrl: string | null;
  /** Also send an activity-feed notification to each approver. */
  notifyApprovers: boolean;
}

/** The part of the settings that says where a deep link points. */
export type ApprovalLinkTarget = Pick<
  ApprovalChannelSettings,
  'appId' | 'entityId' | 'linkChannelId' | 'tabUrl'
>;

/**
 * Where a request submitted from this tab links to: the channel tab it was submitted from (its
 * stable entity id and its channel), or the personal tab, without a channel, when it came from
 * the personal app or a plain browser. The app id is the one Teams reports, else `fallbackAppId`.
 */
export function approvalLinkTarget(
  context: Pick<TeamsContext, 'appId' | 'pageId' | 'channel'> | null,
  fallbackAppId: string,
  tabUrl: string | null,
): ApprovalLinkTarget {
  const appId = context?.appId ?? fallbackAppId;
  const channel = context?.channel ?? null;
  const pageId = context?.pageId ?? null;
  return channel && pageId && pageId !== PERSONAL_TAB_ENTITY_ID
    ? { appId, entityId: pageId, linkChannelId: channel.id, tabUrl }
    : { appId, entityId: PERSONAL_TAB_ENTITY_ID, linkChannelId: null, tabUrl };
}

/**
 * The local stack's approval channel: the emulator's team "Functiewijzer" and channel
 * "Goedkeuringen" (fixed ids, see src/emulator/tenant.ts; a test keeps them equal) and the local
 * app id of the Teams host page.
 */
export const LOCAL_APPROVAL_CHANNEL: ApprovalChannelSettings = {
  teamId: 'b14eaf5d-c0d2-41e3-9e45-1a6b5ce3d4cc',
  channelId: '19:b7d2a1e3f4c55a6b0d9e8f7a6b5c4d3e@thread.tacv2',
  // The local configuration's catalog id (as TEAMS_CATALOG_APP_ID is a tenant's), for a plain
  // browser; inside the local Teams host its context says the same.
  appId: LOCAL_APP_ID,
  entityId: PERSONAL_TAB_ENTITY_ID,
  linkChannelId: null,
  tabUrl: null,
  notifyApprovers: true,
};

/**
 * `https://teams.microsoft.com/l/entity/{appId}/{entityId}?webUrl=…&label=…&context=
 * {"subEntityId":…,"channelId":…}` with the context URL-encoded, as Teams documents deep links to
 * a tab: `channelId` only for a channel tab, `webUrl` the tab's own address on that sub page
 * (the plain-browser route `?subPageId=`), `label` the tab's title. The tab reads the sub-entity
 * as `page.subPageId`; the local Teams host resolves the same URL as Teams does.
 */
export function approvalDeepLink(
  settings: ApprovalLinkTarget,
  requestId: string,
  label?: string,
): string {
  const target = { kind: 'approval', requestId } as const;
  let webUrl: string | undefined;
  if (settings.tabUrl) {
    const url = new URL(settings.tabUrl);
    url.searchParams.set('subPageId', formatSubPageId(target));
    webUrl = url.toString();
  }
  return buildTeamsDeepLink({
    appId: settings.appId,
    entityId: settings.entityId,
    target,
    ...(settings.linkChannelId ? { channelId: settings.linkChannelId } : {}),
    ...(label ? { label } : {}),
    ...(webUrl ? { webUrl } : {}),
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
