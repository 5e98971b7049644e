import { canonicalContentJson, type ContentHash } from '../../domain/content-hash';
import { formatIsoDate } from '../../domain/dates';
import { diffDescriptions } from '../../domain/diff';
import { ConflictError, DataError, ForbiddenError, ValidationError } from '../../graph/errors';
import type { DecisionRecord, Person, RequestRecord } from '../../graph/model';
import type { Repositories } from '../../graph/repositories';
import type { ApprovalChannelSettings } from '../../teams/approval-card';
import { CatalogueService, parseSnapshot, roleStatus, type RoleReadModel } from '../catalogue';
import type { IdentityService } from '../identity';
import { announceRequest, replyWithDecision } from './announce';
import {
  ApprovalConflictError,
  type ApprovalView,
  type ApprovalWarning,
  type DecideInput,
  type DecideResult,
  type QueueEntry,
  type RoleHistory,
  type SubmitInput,
  type SubmitResult,
} from './approval-types';

/*
 * The approval flow as one service (DESIGN §5), on top of the repositories; every write goes with
 * the signed-in user's own token, so SharePoint's list permissions decide who may do what. Who
 * counts as an approver, and who may repair a role's summary, the identity service says; a
 * role's status, the catalogue's read model.
 *
 * Races. A decision is made in two writes, in this order:
 *   1. close the request with If-Match on the eTag read when the decision started;
 *   2. write the decision (Besluiten is add-only for approvers).
 * Of two directors deciding at once, exactly one closes the request; the other gets a 412 and a
 * clear "al beslist" message before writing anything, so there is exactly one decision per
 * request. If step 2 fails (no right to decide, network), the request is reopened with the eTag
 * of step 1, so nothing is lost and HR's request stays in the queue. Should even the reopen fail
 * (the connection is gone), the request is closed without a decision: the history shows it as
 * such and HR submits again. As a last guard, status derivation counts only the first valid
 * decision per request (`duplicate`), so any client agrees on one winner whatever happened.
 * Before step 1 the content is checked: the request's hash, the hash of what the director saw
 * and the current hash must be one and the same, otherwise the decision is refused (HR submits
 * the new version).
 */

export interface ApprovalServiceOptions {
  repos: Repositories;
  identity: IdentityService;
  /** The read model; built on the same repositories and identity when absent. */
  catalogue?: CatalogueService;
  channel: ApprovalChannelSettings | null;
  /** The decision date is today in Brussels; injectable so tests can fix it. */
  today?: () => string;
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

/** Rounds of the client's own retries spent on reopening a request after a failed decision. */
const REOPEN_ROUNDS = 3;

export class ApprovalService {
  private readonly repos: Repositories;
  private readonly identity: IdentityService;
  private readonly catalogue: CatalogueService;
  private readonly channel: ApprovalChannelSettings | null;
  private readonly today: () => string;

  constructor(options: ApprovalServiceOptions) {
    this.repos = options.repos;
    this.identity = options.identity;
    this.catalogue = options.catalogue ?? new CatalogueService(options.repos, options.identity);
    this.channel = options.channel;
    this.today = options.today ?? (() => todayInBrussels());
  }

  /** Members of the approver group, read once per session. */
  approvers(): Promise<Person[]> {
    return this.identity.approvers();
  }

  /**
   * HR submits the role's current content. Earlier open requests of the role are closed first:
   * the newest submission replaces them, so a director never decides on an outdated one.
   */
  async submit(input: SubmitInput): Promise<SubmitResult> {
    const role = await this.catalogue.role(input.roleKey);
    const approvers = await this.approvers();
    const note = input.note !== null && input.note.trim() !== '' ? input.note.trim() : null;

    let request: RequestRecord;
    try {
      request = await this.repos.requests.create({
        roleId: role.id,
        roleTitle: role.content.title,
        contentHash: role.currentHash,
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
    const last = await this.catalogue.withSnapshot(role.lastApproved);
    const lastContent = last ? parseSnapshot(last.snapshot) : null;
    const announced = await announceRequest({
      repos: this.repos,
      channel: this.channel,
      request,
      content: role.content,
      lastContent,
      note,
      approvers,
    });
    warnings.push(...announced.warnings);
    return {
      request: announced.request,
      cardPosted: announced.cardPosted,
      notifiedApprovers: announced.notifiedApprovers,
      warnings,
    };
  }

  /** Approve or reject one request; see the file comment for the order of the writes. */
  async decide(input: DecideInput): Promise<DecideResult> {
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (input.outcome === 'rejected' && reason === null) {
      throw new ValidationError('Geef een reden op: een afwijzing zonder motivering kan niet.');
    }
    const request = await this.repos.requests.get(input.requestId);
    const approverIds = await this.identity.approverIds();
    // A close of mine without a decision: my earlier attempt's close landed and its decision did
    // not (a lost answer, a restart). Finish it rather than leave the request stuck.
    const resumed = await this.closedByMe(request);
    await this.refuseIfDecided(request, approverIds, resumed);

    const role = await this.catalogue.roleById(request.roleId);
    const currentHash = role.currentHash;
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

    const { replyPosted, warnings } = await replyWithDecision(this.repos, closed, {
      outcome: input.outcome,
      date: decision.decisionDate,
      reason,
    });
    return { decision, request: closed, replyPosted, warnings };
  }

  /** Everything the approval page shows for one request. */
  async view(requestId: string): Promise<ApprovalView> {
    const request = await this.repos.requests.get(requestId);
    const role = await this.catalogue.roleById(request.roleId);
    const lastApproved = await this.catalogue.withSnapshot(role.lastApproved);
    const before = lastApproved ? parseSnapshot(lastApproved.snapshot) : null;
    const decision = role.derivation.validDecisions.find((d) => d.requestId === request.id) ?? null;
    return {
      request,
      role: { id: role.id, key: role.key, content: role.content, webUrl: role.webUrl },
      currentHash: role.currentHash,
      status: role.status,
      lastApproved,
      changes: before ? diffDescriptions(before, role.content) : null,
      decision: decision ? (role.decisions.find((d) => d.id === decision.id) ?? null) : null,
      changedSinceRequest: role.currentHash !== request.contentHash,
      unfinishedByMe: decision === null && (await this.closedByMe(request)),
    };
  }

  /**
   * Every request and decision of a role, with validity, for the history panel. When HR (or IT)
   * opens a role whose app-maintained columns went stale through an edit in SharePoint's own UI,
   * they are repaired on the way, so the catalogue no longer has to re-read it.
   */
  async history(roleKey: string): Promise<RoleHistory> {
    const role = await this.catalogue.role(roleKey);
    await this.repairSummaryIfAllowed(role);
    const approverIds = await this.identity.approverIds();
    // The role read may leave snapshots out; the history shows them, so read them with them.
    const decisions = await this.repos.decisions.listForRole(role.id);
    const derived = roleStatus({
      currentHash: role.currentHash,
      decisions,
      requests: role.requests,
      approverIds,
    });
    const invalid = new Map(derived.invalidDecisions.map((i) => [i.decision.id, i.reason]));
    const byEmail = new Set(derived.matchedByEmail);
    return {
      roleId: role.id,
      currentHash: role.currentHash,
      status: derived.status,
      requests: role.requests,
      decisions: decisions.map((decision) => ({
        decision,
        invalid: invalid.get(decision.id) ?? null,
        matchedByEmail: byEmail.has(decision.id),
      })),
      changesSinceApproval: await this.catalogue.changesSinceApproval({
        ...role,
        lastApproved:
          decisions.find(
            (d) => d.id === derived.validDecisions.find((v) => v.outcome === 'approved')?.id,
          ) ?? null,
      }),
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
  private async repairSummaryIfAllowed(role: RoleReadModel): Promise<void> {
    try {
      if (!(await this.repos.roles.isSummaryStale(role.stored))) return;
      // Asked of the session's identity: HR and IT edit Functies, others would be refused.
      if (!(await this.identity.current()).permissions.canEdit) return;
      await this.repos.roles.repairSummary(role.stored);
    } catch {
      // Nothing the user has to act on: the status shown is derived from the content read.
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
    approverIds: ReadonlySet<string>,
    closedByMe = false,
  ): Promise<void> {
    const decisions = await this.repos.decisions.listForRequest(request.id);
    const valid = roleStatus({
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
    approverIds: ReadonlySet<string>,
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
        await this.repos.requests.reopen(closed.id, closed.eTag);
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
}

function forbiddenAs(error: unknown, message: string): unknown {
  return error instanceof ForbiddenError
    ? new ForbiddenError(message, error.detail, { cause: error })
    : error;
}
