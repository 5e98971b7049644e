import {
  type Context,
  GraphClientError,
  type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import { Link, untilAborted } from './chain';

/**
 * 30 s per attempt. The largest answer we wait for is the catalogue: one `$batch` carrying every
 * page of a 2,000-role site, 11.4 MB of JSON (1.3 MB gzipped, docs/data-layer.md §8). Over a
 * slow city network (a few Mbit/s on a crowded Wi-Fi) plus SharePoint's own time for twenty list
 * pages that is several seconds, perhaps ten; 30 s leaves room for a bad day without cutting a
 * real answer short. Shorter would turn a slow catalogue into a failing one; longer lets a hung
 * socket — which a browser never times out itself, and Node only after five minutes — hold the
 * tab's spinner for minutes, and a GET that hangs is tried up to six times.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** setTimeout fires at once for a longer delay, which would time out every request. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long one attempt may take, from sending the request to the last byte of the answer. Given
 * to the handler as its default, or per request through `middlewareOptions` (as the SDK's
 * RetryHandlerOptions are). `Infinity` turns the timeout off.
 */
export class TimeoutHandlerOptions implements MiddlewareOptions {
  readonly timeoutMs: number;

  constructor(timeoutMs: number = DEFAULT_TIMEOUT_MS) {
    if (!(timeoutMs > 0) || (Number.isFinite(timeoutMs) && timeoutMs > MAX_TIMER_MS)) {
      throw new RangeError(
        `timeoutMs moet een positief aantal milliseconden zijn (hoogstens ${MAX_TIMER_MS}) of Infinity, niet ${timeoutMs}.`,
      );
    }
    this.timeoutMs = timeoutMs;
  }
}

/**
 * One attempt got no (complete) answer in time. A GraphClientError so the SDK hands it on as it
 * is instead of folding it into a GraphError; the client reports it as a NetworkError with this as
 * its `cause`, since to the user and to the retry rules it is the same as a lost connection.
 */
export class RequestTimeoutError extends GraphClientError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Geen antwoord van Graph binnen ${timeoutMs} ms.`);
    // The SDK's ES5 base class resets the prototype to its own; keep `instanceof` for ours.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'RequestTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Aborts an attempt (AbortController) that has no answer in time, and rejects with
 * RequestTimeoutError even when the transport ignores the abort. The caller's own signal still
 * aborts the attempt, with the caller's reason. Sits inside the retry handler, so each attempt
 * has its own time and a timed-out attempt is retried exactly as a dropped connection is; and
 * after the auth handler, so a slow token (an interactive sign-in) is not counted.
 */
export class TimeoutHandler extends Link {
  constructor(private readonly options: TimeoutHandlerOptions = new TimeoutHandlerOptions()) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const perRequest = context.middlewareControl?.getMiddlewareOptions(TimeoutHandlerOptions) as
      TimeoutHandlerOptions | undefined;
    const { timeoutMs } = perRequest ?? this.options;
    const callerSignal = context.options?.signal ?? undefined;
    const controller = new AbortController();
    const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => controller.abort(new RequestTimeoutError(timeoutMs)), timeoutMs)
      : undefined;
    // A context of its own: an attempt given up on may still answer late, and must not write its
    // response over that of the attempt after it.
    const attempt: Context = {
      ...context,
      options: { ...context.options, signal: controller.signal },
    };
    try {
      await untilAborted(this.answer(attempt), controller.signal);
      context.response = attempt.response;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private async answer(attempt: Context): Promise<void> {
    await this.forward(attempt);
    // A socket can hang after the headers as well: the body is part of the answer. Reading a
    // copy within the time leaves the original buffered for the client's own read.
    await attempt.response?.clone().arrayBuffer();
  }
}
