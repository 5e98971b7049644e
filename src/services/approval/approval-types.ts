import type { ContentHash } from '../../domain/content-hash';
import type { Change } from '../../domain/diff';
import type { FunctionContent } from '../../domain/schema';
import type { InvalidDecision, RoleStatus } from '../../domain/status';
import { ConflictError } from '../../graph/errors';
import type { DecisionRecord, RequestRecord } from '../../graph/model';

/** The shapes the approval service takes and gives; the tab and the tests speak these. */

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
  decisions: {
    decision: DecisionRecord;
    invalid: InvalidDecision['reason'] | null;
    /**
     * It counts because its maker's e-mail address (UPN) is an approver's: Graph gave the creator
     * without a user id (issue 12), weaker evidence that the panel shows. Absent means no.
     */
    matchedByEmail?: boolean;
  }[];
  /** Changes of the current content since the last approval, when it drifted from it. */
  changesSinceApproval: Change[] | null;
}

export interface QueueEntry {
  request: RequestRecord;
  roleKey: string;
  roleTitle: string;
}
