/**
 * When to retry a Graph request and how long to wait (DESIGN §4). Pure functions, shared by the
 * retry middleware (whole responses) and the `$batch` helper (single entries).
 */

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs: number;
  /** No single wait is longer than this; a longer Retry-After is handed to the caller instead. */
  maxDelayMs: number;
  /** Injected so tests can run a throttling storm without waiting for it. */
  sleep: (ms: number) => Promise<void>;
  /** Injected so tests can pin the jitter. Returns a number in [0, 1). */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Statuses that mean "not now": the service was throttling or briefly unavailable. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * Whether a response with `status` may be sent again.
 *
 * A 429, and a 503 *with* `Retry-After`, are SharePoint throttling: the request was refused
 * before it was processed, so even a create may be repeated (learn.microsoft.com, "Avoid getting
 * throttled or blocked in SharePoint Online"; M365-FACTS "Throttling"). A 503 without it, or a
 * 504, says nothing of the sort (a gateway may time out after the list item was written), so
 * only requests that are safe to repeat are retried on those: anything but POST, and a POST
 * marked idempotent by design (a `$batch` of GETs only). A create that got one "may have
 * landed": its caller re-reads by key before trying again.
 */
export function isRetryableStatus(
  status: number,
  idempotent: boolean,
  retryAfter?: string | null,
): boolean {
  if (isThrottled(status, retryAfter)) return true;
  return idempotent && TRANSIENT_STATUSES.has(status);
}

/** Throttled, so not processed: a 429, or a 503 that says when to come back. */
export function isThrottled(status: number, retryAfter?: string | null): boolean {
  if (status === 429) return true;
  return (
    status === 503 && retryAfter !== undefined && retryAfter !== null && retryAfter.trim() !== ''
  );
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds,
 * or undefined when absent or unreadable — in a browser Graph does not expose the header to
 * scripts (CORS), so "unreadable" is a normal case, not an error.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only the formats an HTTP date may take; Date.parse alone would accept "5.5" or "1 2 3".
  if (!/^[A-Za-z]{3},? /.test(trimmed) && !/^[A-Za-z]+day, /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Exponential backoff with "full jitter": a random wait in [0, base·2^(attempt-1)], so that many
 * clients throttled at the same moment do not come back at the same moment. `attempt` is 1-based
 * (1 = the wait after the first failure). Never below 50 ms, never above `maxDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(50, Math.floor(policy.random() * ceiling));
}

/** The wait before the next attempt: the server's word when readable, else backoff. */
export function retryDelay(
  retryAfterHeader: string | null | undefined,
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  now: number = Date.now(),
): number {
  return parseRetryAfter(retryAfterHeader, now) ?? backoffDelay(attempt, policy);
}
