import { deriveStatus, lastApprovedDecision, type StatusDerivation } from '../../domain/status';
import type { DecisionRecord, RequestRecord } from '../../graph/model';

/**
 * The one place a role's status is derived (DESIGN §3: derived, never stored): the catalogue
 * rows, the role page, the approval page and the history all come through here, so they cannot
 * disagree. Only decisions by members of the approver group count (`approverIds`).
 */
export function roleStatus(input: {
  /** The hash of the current content; null for a role never written through the app. */
  currentHash: string | null;
  decisions: readonly DecisionRecord[];
  requests: readonly RequestRecord[];
  approverIds: ReadonlySet<string>;
}): StatusDerivation {
  return deriveStatus({
    // No hash: nothing can match it, so the role is never "approved" by accident.
    currentHash: input.currentHash ?? '',
    decisions: input.decisions,
    requests: input.requests,
    approverIds: input.approverIds,
  });
}

/** The record of the newest decision that counts as an approval, or null. */
export function lastApprovedRecord(
  decisions: readonly DecisionRecord[],
  approverIds: ReadonlySet<string>,
): DecisionRecord | null {
  const last = lastApprovedDecision({ decisions, approverIds });
  return last ? (decisions.find((d) => d.id === last.id) ?? null) : null;
}
