import { formatIsoDate } from '../../domain/dates';
import { diffDescriptions } from '../../domain/diff';
import type { FunctionContent } from '../../domain/schema';
import type { Person, RequestRecord } from '../../graph/model';
import type { Repositories } from '../../graph/repositories';
import { nl, summariseChanges } from '../../i18n';
import {
  APPROVAL_ACTIVITY_TYPE,
  type ApprovalChannelSettings,
  approvalDeepLink,
  approvalMessage,
  buildApprovalCard,
  decisionReplyHtml,
} from '../../teams/approval-card';
import type { ApprovalWarning } from './approval-types';

/*
 * What the approval flow says in Teams: the card of a new request (and the approvers' activity
 * notifications), and the reply in its thread once decided. Each is best effort: the request or
 * the decision stands whatever Teams answers, and a failure becomes a typed warning. Channel text
 * is Dutch (the city's channel); its words come from the i18n tables.
 */

export interface Announcement {
  request: RequestRecord;
  cardPosted: boolean;
  notifiedApprovers: number;
  warnings: ApprovalWarning[];
}

export async function announceRequest(input: {
  repos: Pick<Repositories, 'directory' | 'requests' | 'teamwork'>;
  channel: ApprovalChannelSettings;
  request: RequestRecord;
  content: FunctionContent;
  /** The last approved content, when there is one: the card lists what changed since. */
  lastContent: FunctionContent | null;
  note: string | null;
  approvers: readonly Person[];
}): Promise<Announcement> {
  const { repos, channel, content } = input;
  let request = input.request;
  const warnings: ApprovalWarning[] = [];
  const changes = input.lastContent
    ? summariseChanges(diffDescriptions(input.lastContent, content), 'nl', { max: 6 })
    : null;
  const me = await repos.directory.me();
  // Where the link points (which app id, which tab, which channel) was decided by the tab it was
  // submitted from (ApprovalChannelSettings); the service only names the request.
  const deepLink = approvalDeepLink(channel, request.id, nl.card.requestedFor(content.title));
  const card = buildApprovalCard({
    requestId: request.id,
    roleTitle: content.title,
    department: content.department,
    service: content.service,
    careerPath: content.careerPath,
    changes,
    requestedBy: me.displayName,
    note: input.note,
    deepLink,
  });

  let cardPosted = false;
  try {
    const messageId = await repos.teamwork.postChannelMessage(
      channel,
      approvalMessage(card, `aanvraag-${request.id}`),
    );
    request = await repos.requests.setMessage(request.id, request.eTag, {
      teamId: channel.teamId,
      channelId: channel.channelId,
      messageId,
    });
    cardPosted = true;
  } catch (error) {
    warnings.push({ kind: 'card-not-posted', detail: messageOf(error) });
  }

  let notified = 0;
  if (channel.notifyApprovers) {
    for (const approver of input.approvers) {
      // Graph refuses a notification to yourself, and the sender knows already (an HR member
      // who is also a deputy director).
      if (approver.id === me.id) continue;
      try {
        await repos.teamwork.notify(approver.id, {
          topic: { source: 'text', value: 'Functiewijzer', webUrl: deepLink },
          activityType: APPROVAL_ACTIVITY_TYPE,
          previewText: { content: nl.card.requestedFor(content.title).slice(0, 150) },
          templateParameters: [{ name: 'functie', value: content.title }],
        });
        notified += 1;
      } catch (error) {
        warnings.push({
          kind: 'approver-not-notified',
          name: approver.displayName,
          detail: messageOf(error),
        });
      }
    }
  }
  return { request, cardPosted, notifiedApprovers: notified, warnings };
}

/** The reply in the card's thread; nothing to do for a request whose card was never posted. */
export async function replyWithDecision(
  repos: Pick<Repositories, 'directory' | 'teamwork'>,
  request: RequestRecord,
  decision: {
    outcome: 'approved' | 'rejected';
    /** YYYY-MM-DD */
    date: string;
    reason: string | null;
  },
): Promise<{ replyPosted: boolean; warnings: ApprovalWarning[] }> {
  if (!request.teamId || !request.channelId || !request.messageId) {
    return { replyPosted: false, warnings: [] };
  }
  try {
    const me = await repos.directory.me();
    await repos.teamwork.postReply(
      { teamId: request.teamId, channelId: request.channelId },
      request.messageId,
      decisionReplyHtml({
        outcome: decision.outcome,
        decidedBy: me.displayName,
        date: formatIsoDate(decision.date, 'nl'),
        reason: decision.reason,
      }),
    );
    return { replyPosted: true, warnings: [] };
  } catch (error) {
    return {
      replyPosted: false,
      warnings: [{ kind: 'reply-not-posted', detail: messageOf(error) }],
    };
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
