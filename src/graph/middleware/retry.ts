import type { Context, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { isRetryableStatus, type RetryPolicy, retryDelay } from '../retry';
import { TokenSourceError } from './auth';
import { Link, methodOf, untilAborted } from './chain';

/** How many times, and how long to wait between them; the rules themselves are in `../retry`. */
export type RetryHandlerOptions = RetryPolicy;

/** Per request: marks one POST as safe to repeat (a `$batch` of GETs), read by the RetryHandler. */
export class IdempotentRequest implements MiddlewareOptions {}

/**
 * Retries throttled and briefly-unavailable responses, dropped connections and timed-out attempts
 * of a whole request (DESIGN §4); never a failing token source. Sits before the auth handler so a retry after a long wait asks
 * for a fresh token, and around the timeout handler so each attempt gets its own time.
 */
export class RetryHandler extends Link {
  constructor(private readonly options: RetryHandlerOptions) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const policy = this.options;
    const signal = context.options?.signal ?? undefined;
    const idempotent =
      methodOf(context) !== 'POST' ||
      context.middlewareControl?.getMiddlewareOptions(IdempotentRequest) !== undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.forward(context);
      } catch (err) {
        // No token, so nothing was sent: waiting signs nobody in, and six attempts with back-off
        // would only keep the user from the sign-in screen (or IT from the real cause).
        if (err instanceof TokenSourceError) throw err;
        // The caller gave up: repeating would answer nobody.
        if (signal?.aborted) throw err;
        // No answer (dropped, or timed out) may still have delivered the request: repeat only
        // what is safe to repeat.
        if (!idempotent || attempt >= policy.maxAttempts) throw err;
        await untilAborted(policy.sleep(retryDelay(undefined, attempt, policy)), signal);
        continue;
      }
      const response = context.response;
      if (
        !response ||
        !isRetryableStatus(response.status, idempotent, response.headers.get('Retry-After')) ||
        attempt >= policy.maxAttempts
      )
        return;
      const delay = retryDelay(response.headers.get('Retry-After'), attempt, policy);
      // A wait longer than we are willing to block for goes back to the caller as Throttled.
      if (delay > policy.maxDelayMs) return;
      await response.body?.cancel().catch(() => undefined);
      await untilAborted(policy.sleep(delay), signal);
    }
  }
}
