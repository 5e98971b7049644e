import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * What every middleware of our chain shares: the link to the next one and the few reads of the
 * SDK's request context. Kept here so each handler file holds only its own rule.
 */

export abstract class Link implements Middleware {
  protected next: Middleware | undefined;

  setNext(next: Middleware): void {
    this.next = next;
  }

  protected async forward(context: Context): Promise<void> {
    if (!this.next) throw new Error('middleware-keten is niet afgesloten');
    await this.next.execute(context);
  }

  abstract execute(context: Context): Promise<void>;
}

/** Links the handlers in order and returns the first, for `Client.initWithMiddleware`. */
export function linkChain(middlewares: readonly Middleware[]): Middleware {
  for (let i = 0; i < middlewares.length - 1; i++) {
    const current = middlewares[i] as Middleware & { setNext(m: Middleware): void };
    current.setNext(middlewares[i + 1] as Middleware);
  }
  return middlewares[0] as Middleware;
}

export function requestUrl(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

export function methodOf(context: Context): string {
  return (context.options?.method ?? 'GET').toUpperCase();
}

export function setHeader(context: Context, name: string, value: string): void {
  const options = (context.options ??= {});
  const headers = options.headers;
  if (headers instanceof Headers) {
    headers.set(name, value);
  } else if (Array.isArray(headers)) {
    options.headers = [
      ...headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
      [name, value],
    ];
  } else {
    options.headers = { ...(headers ?? {}), [name]: value };
  }
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts. Racing rather
 * than trusting `fetch` to honour the signal: a hung answer must end even when the transport (or
 * a test double) ignores the abort.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
