import { z } from 'zod';
import { canonicalContentJson, contentHash, type ContentHash } from '../../domain/content-hash';
import { formatIsoDate } from '../../domain/dates';
import { type Change, diffDescriptions } from '../../domain/diff';
import { type FunctionContent, functionDescriptionSchema } from '../../domain/schema';
import {
  deriveStatus,
  type InvalidDecision,
  lastApprovedDecision,
  type RoleStatus,
} from '../../domain/status';
import {
  APPROVAL_ACTIVITY_TYPE,
  type ApprovalChannelSettings,
  approvalDeepLink,
  approvalMessage,
  buildApprovalCard,
  decisionReplyHtml,
} from '../../teams/approval-card';
import type { GraphHttp } from '../../graph/client';
import { GROUP_NAMES } from '../../graph/lists';
import { once } from '../../graph/once';
import { ConflictError, DataError, ForbiddenError, ValidationError } from '../../graph/errors';
import type { DecisionRecord, Person, RequestRecord, RoleContent } from '../../graph/model';
import type { Repositories } from '../../graph/repositories';
import { nl, summariseChanges } from '../../i18n';
import { listPath, type SiteLists } from '../../graph/site';

/*
 * The approval flow as one service (DESIGN §5), on top of the repositories; every write goes with
 * the signed-in user's own token, so SharePoint's list permissions decide who may do what.
 *
 * Races. A decision is made in two writes, in this order:
 *   1. close the request with If-Match on the eTag read when the decision started;
 *   2. write the decision (Besluiten is add-only for approvers).
 * Of two directors deciding at once, exactly one closes the request; the other gets a 412 and a
 * clear "al beslist" message before writing anything, so there is exactly one decision per
 * request. If step 2 fails (no right to decide, network), the request is reopened with the eTag
 * of step 1, so nothing is lost and HR's request stays in the queue. Should even the reopen fail
 * (the connection is gone), the request is closed without a decision: the history shows it as
 * such and HR submits again. As a last guard, `deriveStatus` counts only the first valid
 * decision per request (`duplicate`), so any client agrees on one winner whatever happened.
 * Before step 1 the content is checked: the request's hash, the hash of what the director saw
 * and the current hash must be one and the same, otherwise the decision is refused (HR submits
 * the new version).
 */

export type ApprovalConflictReason = 'already-decided' | 'request-closed' | 'content-changed';

/** A decision that cannot be made in the current state; `message` says why and what to do. */
export class ApprovalConflictError extends ConflictError {
  constructor(
    readonly reason: ApprovalConflictReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Something that did not work while the request or decision itself was saved. Typed, so the tab
 * can say it in the user's language; `detail` is the underlying error's own message.
 */
export type ApprovalWarning =
  | { kind: 'no-channel' }
  | { kind: 'card-not-posted'; detail: string }
  | { kind: 'approver-not-notified'; name: string; detail: string }
  | { kind: 'reply-not-posted'; detail: string };

export interface SubmitInput {
  roleKey: string;
  note: string | null;
}

export interface SubmitResult {
  request: RequestRecord;
  /** False when the card could not be posted; the request exists anyway (see `warnings`). */
  cardPosted: boolean;
  notifiedApprovers: number;
  /** What did not work out besides the request itself; the tab words it in the user's language. */
  warnings: ApprovalWarning[];
}

export interface DecideInput {
  requestId: string;
  outcome: 'approved' | 'rejected';
  reason: string | null;
  /** The content hash of what the director was shown; null skips that check (CLI use). */
  seenHash: ContentHash | null;
}

export interface DecideResult {
  decision: DecisionRecord;
  request: RequestRecord;
  replyPosted: boolean;
  warnings: ApprovalWarning[];
}

export interface ApprovalView {
  request: RequestRecord;
  role: { id: string; key: string; content: FunctionContent; webUrl: string | null };
  currentHash: ContentHash;
  status: RoleStatus;
  /** The last valid approval with its snapshot, if any. */
  lastApproved: DecisionRecord | null;
  /** Changes since `lastApproved`; null when there is none to compare with. */
  changes: Change[] | null;
  /** The valid decision on this request, when there is one. */
  decision: DecisionRecord | null;
  /** The content differs from what HR submitted: a decision is refused until HR resubmits. */
  changedSinceRequest: boolean;
  /**
   * The signed-in director closed this request and no decision followed (the decision write was
   * lost): the page offers the decision again, and `decide` finishes it.
   */
  unfinishedByMe: boolean;
}

export interface RoleHistory {
  roleId: string;
  currentHash: ContentHash;
  status: RoleStatus;
  requests: RequestRecord[];
  /** Every decision, oldest first, each with whether it counts and why not. */
  decisions: { decision: DecisionRecord; invalid: InvalidDecision['reason'] | null }[];
  /** Changes of the current content since the last approval, when it drifted from it. */
  changesSinceApproval: Change[] | null;
}

export interface QueueEntry {
  request: RequestRecord;
  roleKey: string;
  roleTitle: string;
}

export interface ApprovalServiceOptions {
  repos: Repositories;
  http: GraphHttp;
  /** The lists the repositories use: the reopen after a failed decision goes there directly. */
  site: SiteLists;
  channel: ApprovalChannelSettings | null;
  /** The decision date is today in Brussels; injectable so tests can fix it. */
  today?: () => string;
}

const snapshotSchema = functionDescriptionSchema.omit({ approval: true });

/** Parses a decision's snapshot; null for a missing or unreadable one (shown as such). */
export function parseSnapshot(snapshot: string | null): FunctionContent | null {
  if (snapshot === null) return null;
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(snapshot));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Today's date in Belgium as YYYY-MM-DD, whatever the time zone of the machine. */
export function todayInBrussels(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const createdMessage = z.object({ id: z.string().min(1) });

/** Rounds of the client's own retries spent on reopening a request after a failed decision. */
const REOPEN_ROUNDS = 3;

export class ApprovalService {
  private readonly repos: Repositories;
  private readonly http: GraphHttp;
  private readonly site: SiteLists;
  private readonly channel: ApprovalChannelSettings | null;
  private readonly today: () => string;
  /** The approver group does not depend on who is signed in: read once per service. */
  private readonly approverList = once(() => this.repos.directory.approvers());

  constructor(options: ApprovalServiceOptions) {
    this.repos = options.repos;
    this.http = options.http;
    this.site = options.site;
    this.channel = options.channel;
    this.today = options.today ?? (() => todayInBrussels());
  }

  /** Members of the approver group, read once per service (one per signed-in session). */
  approvers(): Promise<Person[]> {
    return this.approverList();
  }

  /**
   * HR submits the role's current content. Earlier open requests of the role are closed first:
   * the newest submission replaces them, so a director never decides on an outdated one.
   */
  async submit(input: SubmitInput): Promise<SubmitResult> {
    const role = await this.repos.roles.getByKey(input.roleKey);
    const hash = await contentHash(role.content);
    const approvers = await this.approvers();
    const approverIds = approvers.map((p) => p.id);
    const note = input.note !== null && input.note.trim() !== '' ? input.note.trim() : null;

    let request: RequestRecord;
    try {
      request = await this.repos.requests.create({
        roleId: role.id,
        roleTitle: role.content.title,
        contentHash: hash,
        note,
      });
    } catch (error) {
      throw forbiddenAs(error, 'Alleen HR kan een functiebeschrijving ter goedkeuring voorleggen.');
    }
    const warnings: ApprovalWarning[] = [];
    for (const older of role.requests.filter((r) => r.status === 'open')) {
      try {
        await this.repos.requests.close(older.id, older.eTag);
      } catch (error) {
        // Someone decided on it meanwhile: fine, it is closed either way.
        if (!(error instanceof ConflictError)) throw error;
      }
    }

    if (!this.channel) {
      warnings.push({ kind: 'no-channel' });
      return { request, cardPosted: false, notifiedApprovers: 0, warnings };
    }
    const channel = this.channel;
    const last = lastApprovedDecision({ decisions: role.decisions, approverIds });
    const lastContent = last ? parseSnapshot(await this.snapshotOf(last)) : null;
    const changes = lastContent
      ? summariseChanges(diffDescriptions(lastContent, role.content), 'nl', { max: 6 })
      : null;
    const me = await this.repos.directory.me();
    const deepLink = approvalDeepLink(channel, request.id);
    const card = buildApprovalCard({
      requestId: request.id,
      roleTitle: role.content.title,
      department: role.content.department,
      service: role.content.service,
      careerPath: role.content.careerPath,
      changes,
      requestedBy: me.displayName,
      note,
      deepLink,
    });

    let cardPosted = false;
    try {
      const message = await this.http.request(
        'POST',
        `/teams/${encodeURIComponent(channel.teamId)}/channels/${encodeURIComponent(channel.channelId)}/messages`,
        createdMessage,
        { body: approvalMessage(card, `aanvraag-${request.id}`) },
      );
      request = await this.repos.requests.setMessage(request.id, request.eTag, {
        teamId: channel.teamId,
        channelId: channel.channelId,
        messageId: message.id,
      });
      cardPosted = true;
    } catch (error) {
      warnings.push({ kind: 'card-not-posted', detail: messageOf(error) });
    }

    let notified = 0;
    if (channel.notifyApprovers) {
      for (const approver of approvers) {
        try {
          await this.http.expectOk(
            'POST',
            `/users/${encodeURIComponent(approver.id)}/teamwork/sendActivityNotification`,
            {
              body: {
                topic: { source: 'text', value: 'Functiewijzer', webUrl: deepLink },
                activityType: APPROVAL_ACTIVITY_TYPE,
                previewText: {
                  content: nl.card.requestedFor(role.content.title).slice(0, 150),
                },
                templateParameters: [{ name: 'functie', value: role.content.title }],
              },
            },
          );
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

  /** Approve or reject one request; see the file comment for the order of the writes. */
  async decide(input: DecideInput): Promise<DecideResult> {
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (input.outcome === 'rejected' && reason === null) {
      throw new ValidationError('Geef een reden op: een afwijzing zonder motivering kan niet.');
    }
    const request = await this.repos.requests.get(input.requestId);
    const approverIds = (await this.approvers()).map((p) => p.id);
    // A close of mine without a decision: my earlier attempt's close landed and its decision did
    // not (a lost answer, a restart). Finish it rather than leave the request stuck.
    const resumed = await this.closedByMe(request);
    await this.refuseIfDecided(request, approverIds, resumed);

    const role = await this.repos.roles.getById(request.roleId);
    const currentHash = await contentHash(role.content);
    if (
      currentHash !== request.contentHash ||
      (input.seenHash !== null && input.seenHash !== currentHash)
    ) {
      throw new ApprovalConflictError(
        'content-changed',
        'De functiebeschrijving is gewijzigd nadat ze ter goedkeuring werd voorgelegd. Er kan niet over beslist worden; HR moet de nieuwe versie opnieuw voorleggen.',
      );
    }

    const closed = resumed ? request : await this.closeRequest(request, approverIds);
    let decision: DecisionRecord;
    try {
      decision = await this.repos.decisions.create({
        roleId: role.id,
        roleTitle: role.content.title,
        requestId: request.id,
        outcome: input.outcome,
        decisionDate: this.today(),
        contentHash: currentHash,
        reason,
        snapshot: canonicalContentJson(role.content),
        imported: false,
      });
    } catch (error) {
      // A connection lost after the write may still have delivered it: look before reopening,
      // or the director's next attempt would write a second decision (issue #7).
      const landed =
        error instanceof ForbiddenError
          ? null
          : await this.landedDecision(request.id, input.outcome, currentHash);
      if (!landed) {
        await this.reopen(closed);
        throw forbiddenAs(
          error,
          'Alleen de algemeen directeur of een adjunct-algemeen directeur kan over een functiebeschrijving beslissen. De aanvraag blijft open.',
        );
      }
      decision = landed;
    }

    const warnings: ApprovalWarning[] = [];
    let replyPosted = false;
    if (closed.teamId && closed.channelId && closed.messageId) {
      try {
        const me = await this.repos.directory.me();
        await this.http.request(
          'POST',
          `/teams/${encodeURIComponent(closed.teamId)}/channels/${encodeURIComponent(closed.channelId)}/messages/${encodeURIComponent(closed.messageId)}/replies`,
          createdMessage,
          {
            body: {
              body: {
                contentType: 'html',
                content: decisionReplyHtml({
                  outcome: input.outcome,
                  decidedBy: me.displayName,
                  date: formatIsoDate(decision.decisionDate, 'nl'),
                  reason,
                }),
              },
            },
          },
        );
        replyPosted = true;
      } catch (error) {
        warnings.push({ kind: 'reply-not-posted', detail: messageOf(error) });
      }
    }
    return { decision, request: closed, replyPosted, warnings };
  }

  /** Everything the approval page shows for one request. */
  async view(requestId: string): Promise<ApprovalView> {
    const request = await this.repos.requests.get(requestId);
    const role = await this.repos.roles.getById(request.roleId);
    const approverIds = (await this.approvers()).map((p) => p.id);
    const currentHash = await contentHash(role.content);
    const derived = deriveStatus({
      currentHash,
      decisions: role.decisions,
      requests: role.requests,
      approverIds,
    });
    const lastApproved = await this.withSnapshot(lastApprovedRecord(role, approverIds));
    const before = lastApproved ? parseSnapshot(lastApproved.snapshot) : null;
    const decision = derived.validDecisions.find((d) => d.requestId === request.id) ?? null;
    return {
      request,
      role: { id: role.id, key: role.content.key, content: role.content, webUrl: role.webUrl },
      currentHash,
      status: derived.status,
      lastApproved,
      changes: before ? diffDescriptions(before, role.content) : null,
      decision: decision ? (role.decisions.find((d) => d.id === decision.id) ?? null) : null,
      changedSinceRequest: currentHash !== request.contentHash,
      unfinishedByMe: decision === null && (await this.closedByMe(request)),
    };
  }

  /**
   * Every request and decision of a role, with validity, for the history panel. When HR (or IT)
   * opens a role whose app-maintained columns went stale through an edit in SharePoint's own UI,
   * they are repaired on the way, so the catalogue no longer has to re-read it.
   */
  async history(roleKey: string): Promise<RoleHistory> {
    const role = await this.repos.roles.getByKey(roleKey);
    await this.repairSummaryIfAllowed(role);
    const approverIds = (await this.approvers()).map((p) => p.id);
    const currentHash = await contentHash(role.content);
    // The role read may leave snapshots out; the history shows them, so read them with them.
    const decisions = await this.repos.decisions.listForRole(role.id);
    const derived = deriveStatus({ currentHash, decisions, requests: role.requests, approverIds });
    const invalid = new Map(derived.invalidDecisions.map((i) => [i.decision.id, i.reason]));
    const last = decisions.find(
      (d) => d.id === derived.validDecisions.find((v) => v.outcome === 'approved')?.id,
    );
    const before = last ? parseSnapshot(last.snapshot) : null;
    return {
      roleId: role.id,
      currentHash,
      status: derived.status,
      requests: role.requests,
      decisions: decisions.map((decision) => ({
        decision,
        invalid: invalid.get(decision.id) ?? null,
      })),
      changesSinceApproval:
        before && last && last.contentHash !== currentHash
          ? diffDescriptions(before, role.content)
          : null,
    };
  }

  /** The "Te beslissen" queue: open requests, oldest first, with their role. */
  async queue(): Promise<QueueEntry[]> {
    const open = await this.repos.requests.listOpen();
    const entries: QueueEntry[] = [];
    for (const request of open) {
      try {
        const role = await this.repos.roles.getById(request.roleId);
        entries.push({ request, roleKey: role.content.key, roleTitle: role.content.title });
      } catch (error) {
        // A request for a role that was removed is not something to decide on.
        if (!(error instanceof DataError && error.kind === 'notFound')) throw error;
      }
    }
    return entries;
  }

  /** Best effort: a failed repair (a concurrent edit, no right) leaves the next read to try. */
  private async repairSummaryIfAllowed(role: RoleContent): Promise<void> {
    try {
      if (!(await this.repos.roles.isSummaryStale(role))) return;
      if (!(await this.mayEditContent())) return;
      await this.repos.roles.repairSummary(role);
    } catch {
      // Nothing the user has to act on: the status shown is derived from the content read.
    }
  }

  /**
   * Whether the signed-in user is in a group that may edit Functies (HR or IT). Not cached: the
   * service outlives a persona switch in local mode, and this is asked only for a stale role.
   */
  private async mayEditContent(): Promise<boolean> {
    try {
      const groups = await this.repos.directory.myGroups();
      return groups.some(
        (g) => g.displayName === GROUP_NAMES.hr || g.displayName === GROUP_NAMES.beheerders,
      );
    } catch {
      return false;
    }
  }

  /** Whether the request is closed, by the signed-in user. */
  private async closedByMe(request: RequestRecord): Promise<boolean> {
    if (request.status !== 'closed' || request.closedBy === null) return false;
    const me = await this.repos.directory.me();
    return request.closedBy.id === me.id;
  }

  private async refuseIfDecided(
    request: RequestRecord,
    approverIds: string[],
    closedByMe = false,
  ): Promise<void> {
    const decisions = await this.repos.decisions.listForRequest(request.id);
    const valid = deriveStatus({
      currentHash: request.contentHash,
      decisions,
      requests: [],
      approverIds,
    }).validDecisions;
    const first = valid[valid.length - 1];
    if (first) {
      throw new ApprovalConflictError(
        'already-decided',
        `Over deze aanvraag is al beslist: ${first.outcome === 'approved' ? 'goedgekeurd' : 'afgewezen'} door ${first.createdBy.displayName} op ${formatIsoDate(first.decisionDate, 'nl')}.`,
      );
    }
    if (request.status === 'closed' && !closedByMe) {
      throw new ApprovalConflictError(
        'request-closed',
        'Deze aanvraag is gesloten zonder besluit (vervangen door een nieuwere aanvraag, of een besluit dat niet doorging). Open de functie en beslis over de nieuwste aanvraag.',
      );
    }
  }

  /** Step 1: of concurrent deciders exactly one gets past this (If-Match). */
  private async closeRequest(
    request: RequestRecord,
    approverIds: string[],
  ): Promise<RequestRecord> {
    try {
      return await this.repos.requests.close(request.id, request.eTag);
    } catch (error) {
      if (error instanceof ForbiddenError) {
        throw forbiddenAs(
          error,
          'Alleen de algemeen directeur of een adjunct-algemeen directeur kan over een functiebeschrijving beslissen.',
        );
      }
      if (!(error instanceof ConflictError)) throw error;
      // Lost the race, or the request changed for another reason (the card was just linked).
      const fresh = await this.repos.requests.get(request.id);
      // My own close landed but its answer was lost, and the client's retry met the new eTag.
      const mine = await this.closedByMe(fresh);
      await this.refuseIfDecided(fresh, approverIds, mine);
      if (mine && fresh.contentHash === request.contentHash) return fresh;
      if (fresh.status === 'closed' || fresh.contentHash !== request.contentHash) {
        throw new ApprovalConflictError(
          'already-decided',
          'Iemand anders heeft net over deze aanvraag beslist. Vernieuw de pagina om het besluit te zien.',
        );
      }
      return this.repos.requests.close(fresh.id, fresh.eTag);
    }
  }

  /** The decision on this request with this outcome and content, if one was written; else null. */
  private async landedDecision(
    requestId: string,
    outcome: DecideInput['outcome'],
    hash: ContentHash,
  ): Promise<DecisionRecord | null> {
    try {
      const decisions = await this.repos.decisions.listForRequest(requestId);
      return (
        decisions.find((d) => !d.imported && d.outcome === outcome && d.contentHash === hash) ??
        null
      );
    } catch {
      return null;
    }
  }

  private async reopen(closed: RequestRecord): Promise<void> {
    // The client already retries a PATCH with backoff; a few more rounds ride out a service
    // that is restarting, so the request is not left closed without a decision.
    for (let round = 0; round < REOPEN_ROUNDS; round++) {
      try {
        await this.http.expectOk(
          'PATCH',
          `${listPath(this.site, 'Goedkeuringsaanvragen')}/items/${closed.id}/fields`,
          { body: { Status: 'Open' }, headers: { 'If-Match': closed.eTag } },
        );
        return;
      } catch (error) {
        // 412: the request changed since our close — reopened by an earlier attempt whose
        // answer was lost, or superseded. Either way there is nothing left for us to undo.
        if (error instanceof DataError && error.kind !== 'network' && error.kind !== 'throttled')
          return;
      }
    }
    // Best effort; the file comment explains what remains (a closed request without decision).
  }

  private async snapshotOf(decision: { id: string }): Promise<string | null> {
    return (await this.repos.decisions.get(decision.id)).snapshot;
  }

  private async withSnapshot(decision: DecisionRecord | null): Promise<DecisionRecord | null> {
    if (!decision) return null;
    return decision.snapshot !== null ? decision : this.repos.decisions.get(decision.id);
  }
}

function lastApprovedRecord(role: RoleContent, approverIds: string[]): DecisionRecord | null {
  const last = lastApprovedDecision({ decisions: role.decisions, approverIds });
  return last ? (role.decisions.find((d) => d.id === last.id) ?? null) : null;
}

function forbiddenAs(error: unknown, message: string): unknown {
  return error instanceof ForbiddenError
    ? new ForbiddenError(message, error.detail, { cause: error })
    : error;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
