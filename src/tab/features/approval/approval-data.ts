import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import type { DecideInput } from '../../../graph/approval-service';
import type { TabApprovalPort } from '../../app/host-context';
import { queryKeys, RepositoriesContext } from '../../data/queries';

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

function required(port: TabApprovalPort | null): TabApprovalPort {
  if (!port) throw new Error('Goedkeuren is in deze omgeving niet beschikbaar.');
  return port;
}

export function useApprovalView(requestId: string) {
  const port = useApprovalPort();
  return useQuery({
    queryKey: approvalKeys.view(requestId),
    queryFn: ({ signal }) => required(port).view(requestId, signal),
  });
}

export function useRoleHistory(roleKey: string) {
  const port = useApprovalPort();
  return useQuery({
    queryKey: approvalKeys.history(roleKey),
    queryFn: ({ signal }) => required(port).history(roleKey, signal),
    enabled: port !== null,
  });
}

export function useApprovalQueue(enabled: boolean) {
  const port = useApprovalPort();
  return useQuery({
    queryKey: approvalKeys.queue,
    queryFn: ({ signal }) => required(port).queue(signal),
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
  const port = useApprovalPort();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (note: string | null) => required(port).submit(roleKey, note),
    onSettled: () => invalidate(roleKey),
  });
}

export function useDecide(roleKey: string) {
  const port = useApprovalPort();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (input: DecideInput) => required(port).decide(input),
    // Also after a refusal: the page then shows who decided first, or the changed content.
    onSettled: () => invalidate(roleKey),
  });
}

/** The message a person reads for a failed action: our errors are Dutch and say what to do. */
export function failureMessage(error: unknown): string {
  if (error instanceof Error && error.message) {
    if (error.name === 'ForbiddenError') return `Geweigerd: ${error.message}`;
    return error.message;
  }
  return 'Er ging iets mis. Probeer het opnieuw.';
}
