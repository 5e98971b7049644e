import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { ApprovalConflictError, type DecideInput } from '../../../services/approval/approval-types';
import { isDataError } from '../../../graph/errors';
import type { TabApprovalPort } from '../../shared/host-context';
import { queryKeys, RepositoriesContext } from '../../data/queries';
import { useI18n, type ApprovalFailure } from '../../i18n';

/** Approval reads are never persisted: a decision must be made on what the lists hold now. */
export const approvalKeys = {
  all: ['approval'] as const,
  view: (requestId: string) => ['approval', 'view', requestId] as const,
  history: (roleKey: string) => ['approval', 'history', roleKey] as const,
  queue: ['approval', 'queue'] as const,
};

export function useApprovalPort(): TabApprovalPort | null {
  return useContext(RepositoriesContext)?.approval ?? null;
}

/** The port, or an error that says approval is not offered here (a host without the flow). */
function useRequiredPort(): () => TabApprovalPort {
  const port = useApprovalPort();
  const { t } = useI18n();
  return () => {
    if (!port) throw new Error(t.approval.errors.unavailable);
    return port;
  };
}

export function useApprovalView(requestId: string) {
  const required = useRequiredPort();
  return useQuery({
    queryKey: approvalKeys.view(requestId),
    queryFn: ({ signal }) => required().view(requestId, signal),
  });
}

export function useRoleHistory(roleKey: string) {
  const port = useApprovalPort();
  const required = useRequiredPort();
  return useQuery({
    queryKey: approvalKeys.history(roleKey),
    queryFn: ({ signal }) => required().history(roleKey, signal),
    enabled: port !== null,
  });
}

export function useApprovalQueue(enabled: boolean) {
  const port = useApprovalPort();
  const required = useRequiredPort();
  return useQuery({
    queryKey: approvalKeys.queue,
    queryFn: ({ signal }) => required().queue(signal),
    enabled: enabled && port !== null,
  });
}

/**
 * After a submit or a decision every view that shows a status is stale: the catalogue, the
 * role, and all approval reads ("the role's status updates everywhere").
 */
function useInvalidateAll(): (roleKey: string) => Promise<void> {
  const client = useQueryClient();
  return async (roleKey) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: approvalKeys.all }),
      client.invalidateQueries({ queryKey: queryKeys.catalogue }),
      client.invalidateQueries({ queryKey: queryKeys.role(roleKey) }),
    ]);
  };
}

export function useSubmitForApproval(roleKey: string) {
  const required = useRequiredPort();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (note: string | null) => required().submit(roleKey, note),
    onSettled: () => invalidate(roleKey),
  });
}

export function useDecide(roleKey: string) {
  const required = useRequiredPort();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: DecideInput) => required().decide(input),
    // Also after a refusal: the page then shows who decided first, or the changed content.
    onSettled: () => invalidate(roleKey),
  });
}

/** What a failed approval action or read was, for the language to put in words. */
export function approvalFailure(
  error: unknown,
  action: ApprovalFailure['action'],
): ApprovalFailure {
  return {
    action,
    kind: isDataError(error) ? error.kind : null,
    reason: error instanceof ApprovalConflictError ? error.reason : null,
    message: error instanceof Error && error.message !== '' ? error.message : null,
  };
}

/**
 * The message a person reads for a failed action. Dutch shows our errors' own messages (they say
 * what to do); English describes the failure from its kind.
 */
export function useFailureMessage(): (error: unknown, action: ApprovalFailure['action']) => string {
  const { t } = useI18n();
  return (error, action) => t.approval.errors.describe(approvalFailure(error, action));
}
