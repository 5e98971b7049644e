import { z } from 'zod';
import { CONTENT_HASH_PATTERN } from './content-hash';
import { isoDateSchema } from './schema';

/*
 * A role's approval status is DERIVED from its requests and decisions, never stored (DESIGN §3).
 *
 * Which decisions count ("valid"):
 * - made by a member of the approver group (user ids compared case-insensitively: Entra object
 *   ids are GUIDs and different APIs spell them in different case). The Geimporteerd flag gives
 *   no exemption: the import's approvals are written with IT's account, and IT (the site owner)
 *   may add to Besluiten, so nothing but the creator tells a migrated paper decision from one IT
 *   made up. An imported decision by anyone else is a historical record ("historisch besluit
 *   (geïmporteerd)"): listed with reason `imported`, never an approval (docs/approval.md);
 * - at most one per request: if a request got two decisions (two directors at once), the first
 *   one wins and the other is flagged, so every client agrees on the same winner.
 *
 * Order: by `decidedAt` as an instant (offsets honoured); equal instants by item id, numerically
 * where both are numbers, because SharePoint hands out ids in creation order.
 *
 * Precedence, from the newest valid decision N and the open requests (a request still marked
 * open that already has a valid decision counts as closed — the decision was written but closing
 * the request did not happen):
 * 1. approved  — N is an approval and its hash is the current hash. Wins even over an open
 *                request: what is shown is exactly what was approved.
 * 2. pending   — an open request exists ("Ter goedkeuring"). Wins over rejected and changed:
 *                the newest thing that happened is a (re)submission, which HR and the director act
 *                on. It carries the date of the approval the content drifted from, if any.
 * 3. rejected  — N is a rejection. Shown even if the content has been edited since, or reverted
 *                to an earlier approved version: the last word on this role was "no" and only a
 *                new request and decision change that.
 * 4. changed   — N is an approval of other content ("Gewijzigd sinds goedkeuring van …").
 * 5. draft     — no valid decision and no open request ("Concept"); when a historical
 *                (imported, not counting) approval of exactly the current content exists, its
 *                date is carried so the user reads "Historisch besluit van …" instead.
 * Rejected and changed cannot compete: they depend on N's outcome.
 */

const idSchema = z.string().min(1);
const contentHashSchema = z.string().regex(CONTENT_HASH_PATTERN, 'verwacht sha256:<64 hex>');
const instantSchema = z.iso.datetime({ offset: true });

export const approvalRequestSchema = z.object({
  id: idSchema,
  createdAt: instantSchema,
  status: z.enum(['open', 'closed']),
  contentHash: contentHashSchema,
});
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

export const decisionSchema = z.object({
  id: idSchema,
  requestId: idSchema.nullable(),
  outcome: z.enum(['approved', 'rejected']),
  /** The date of the decision as the director (or the document) states it. */
  decisionDate: isoDateSchema,
  /** When the decision item was written; orders decisions. */
  decidedAt: instantSchema,
  contentHash: contentHashSchema,
  reason: z.string().min(1).nullable(),
  /**
   * Who wrote the decision item. Graph's identity type makes `user.id` nullable and SharePoint
   * items have been seen without it (empty here); then the creator is matched by `email` (their
   * UPN or mail address) and the derivation records it (`matchedByEmail`).
   */
  createdBy: z.object({
    id: z.string(),
    displayName: z.string(),
    email: z.string().optional(),
  }),
  /** Written by the import from the document's approval line; counts only if an approver wrote it. */
  imported: z.boolean(),
});
export type Decision = z.infer<typeof decisionSchema>;

export type RoleStatus =
  | { kind: 'approved'; date: string; decisionId: string; imported: boolean }
  | {
      kind: 'pending';
      requestId: string;
      /** When the request was made (ISO instant). */
      since: string;
      /** Date of the last approval if the current content differs from it, else null. */
      changedSinceApproval: string | null;
      /** The content was edited after it was submitted: the request's hash is not current. */
      changedSinceRequest: boolean;
    }
  | { kind: 'rejected'; date: string; reason: string | null; decisionId: string }
  | { kind: 'changed'; approvedDate: string; decisionId: string }
  | {
      kind: 'draft';
      /**
       * Date of an imported (historical) approval of exactly this content that does not count,
       * because no approver wrote it. Absent when there is none.
       */
      historicalDate?: string;
    };

export type StatusKind = RoleStatus['kind'];

/**
 * What a screen shows in place of a status it does not know: `checking` while what decides it is
 * still being read (the catalogue's row scan after its first screen, issue 15), `unknown` when
 * that read failed. Never derived, never a guess at one of the kinds above.
 */
export type StatusCheck = { kind: 'checking' } | { kind: 'unknown' };

export type InvalidDecisionReason =
  /** Its creator is not in the approver group and it was not imported. */
  | 'not-approver'
  /** Imported from a document by someone outside the approver group: history, not approval. */
  | 'imported'
  /** Another valid decision on the same request came first. */
  | 'duplicate';

export interface InvalidDecision {
  decision: Decision;
  reason: InvalidDecisionReason;
}

export interface DecisionSet {
  decisions: readonly Decision[];
  /**
   * The approver group (the algemeen directeur and deputies): their user ids, and their UPNs and
   * mail addresses for decisions whose creator came back without an id.
   */
  approverIds: Iterable<string>;
}

export interface StatusInput extends DecisionSet {
  /** `contentHash` of the role's current content. */
  currentHash: string;
  requests: readonly ApprovalRequest[];
}

export interface StatusDerivation {
  status: RoleStatus;
  /** Decisions that count, newest first. */
  validDecisions: Decision[];
  /** Decisions that do not count, for the UI to flag, in the order given. */
  invalidDecisions: InvalidDecision[];
  /**
   * Ids of the valid decisions whose creator Graph returned without a user id, so they count
   * because their e-mail address (UPN) is an approver's: weaker evidence, kept visible.
   */
  matchedByEmail: string[];
}

export function deriveStatus(input: StatusInput): StatusDerivation {
  const { valid, invalid, matchedByEmail } = classifyDecisions(input);
  const newest = valid[valid.length - 1];
  const lastApproved = valid.findLast((d) => d.outcome === 'approved');
  const validDecisions = [...valid].reverse();
  const result = (status: RoleStatus): StatusDerivation => ({
    status,
    validDecisions,
    invalidDecisions: invalid,
    matchedByEmail,
  });

  if (newest?.outcome === 'approved' && newest.contentHash === input.currentHash) {
    return result({
      kind: 'approved',
      date: newest.decisionDate,
      decisionId: newest.id,
      imported: newest.imported,
    });
  }

  const decidedRequests = new Set(
    valid.flatMap((d) => (d.requestId === null ? [] : [d.requestId])),
  );
  const open = input.requests
    .filter((r) => r.status === 'open' && !decidedRequests.has(r.id))
    .sort((a, b) => compareInstants(a.createdAt, b.createdAt) || compareIds(a.id, b.id));
  const request = open[open.length - 1];
  if (request) {
    return result({
      kind: 'pending',
      requestId: request.id,
      since: request.createdAt,
      changedSinceApproval:
        lastApproved && lastApproved.contentHash !== input.currentHash
          ? lastApproved.decisionDate
          : null,
      changedSinceRequest: request.contentHash !== input.currentHash,
    });
  }

  if (newest?.outcome === 'rejected') {
    return result({
      kind: 'rejected',
      date: newest.decisionDate,
      reason: newest.reason,
      decisionId: newest.id,
    });
  }
  if (newest) {
    return result({ kind: 'changed', approvedDate: newest.decisionDate, decisionId: newest.id });
  }
  const historical = invalid
    .filter(
      (i) =>
        i.reason === 'imported' &&
        i.decision.outcome === 'approved' &&
        i.decision.contentHash === input.currentHash,
    )
    .map((i) => i.decision)
    .sort(compareDecisions)
    .at(-1);
  return result(
    historical ? { kind: 'draft', historicalDate: historical.decisionDate } : { kind: 'draft' },
  );
}

/** The newest valid approval: the base for "what changed since the last approved version". */
export function lastApprovedDecision(input: DecisionSet): Decision | null {
  return classifyDecisions(input).valid.findLast((d) => d.outcome === 'approved') ?? null;
}

/**
 * How a decision's creator is one of the approvers: by user id; by e-mail (UPN) only when Graph
 * left the id out; or not at all.
 */
function creatorMatch(createdBy: Decision['createdBy'], approvers: ReadonlySet<string>) {
  const id = createdBy.id.trim().toLowerCase();
  if (id !== '') return approvers.has(id) ? 'id' : null;
  const email = (createdBy.email ?? '').trim().toLowerCase();
  return email !== '' && approvers.has(email) ? 'email' : null;
}

/** Valid decisions oldest first, the invalid ones in input order, and who was matched by e-mail. */
function classifyDecisions(input: DecisionSet): {
  valid: Decision[];
  invalid: InvalidDecision[];
  matchedByEmail: string[];
} {
  const approvers = new Set(Array.from(input.approverIds, (id) => id.toLowerCase()));
  const matchedByEmail: string[] = [];
  const reasons = new Map<Decision, InvalidDecisionReason>();
  const ordered = [...input.decisions].sort(compareDecisions);
  const decidedRequests = new Set<string>();
  const valid: Decision[] = [];
  for (const decision of ordered) {
    const match = creatorMatch(decision.createdBy, approvers);
    if (match === null) {
      reasons.set(decision, decision.imported ? 'imported' : 'not-approver');
    } else if (decision.requestId !== null && decidedRequests.has(decision.requestId)) {
      reasons.set(decision, 'duplicate');
    } else {
      if (decision.requestId !== null) decidedRequests.add(decision.requestId);
      if (match === 'email') matchedByEmail.push(decision.id);
      valid.push(decision);
    }
  }
  const invalid = input.decisions.flatMap((decision) => {
    const reason = reasons.get(decision);
    return reason ? [{ decision, reason }] : [];
  });
  return { valid, invalid, matchedByEmail };
}

function compareDecisions(a: Decision, b: Decision): number {
  return compareInstants(a.decidedAt, b.decidedAt) || compareIds(a.id, b.id);
}

function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function compareIds(a: string, b: string): number {
  let x = a;
  let y = b;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    x = a.replace(/^0+(?=\d)/, '');
    y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}
