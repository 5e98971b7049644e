/*
 * What the tables word that comes from outside the domain. src/i18n is shared by the tab, the
 * channel card and the approval service, so it imports only the domain; these shapes mirror the
 * data layer's and the service's types structurally, and the compiler checks every call site that
 * hands one in (a new error or warning kind fails there until both languages word it).
 */

/** The data layer's error kinds (src/graph/errors.ts `DataErrorKind`). */
export type FailureKind =
  'notFound' | 'conflict' | 'throttled' | 'forbidden' | 'unauthorized' | 'validation' | 'network';

/** A failed approval action or read, as the approval views hand it to `describe`. */
export interface ApprovalFailure {
  action: 'submit' | 'decide' | 'read';
  /** The typed error's kind; null for anything else. */
  kind: FailureKind | null;
  /** Why a decision was refused in the current state (ApprovalConflictError), if it was. */
  reason: 'already-decided' | 'request-closed' | 'content-changed' | null;
  /** The error's own (Dutch) message, if any. */
  message: string | null;
}

/** What did not work out besides the request itself (the approval service's `ApprovalWarning`). */
export type ApprovalWarning =
  | { kind: 'no-channel' }
  | { kind: 'card-not-posted'; detail: string }
  | { kind: 'approver-not-notified'; name: string; detail: string }
  | { kind: 'reply-not-posted'; detail: string };
