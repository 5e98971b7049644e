import type {
  ExtendableEventLike,
  FetchEventLike,
  ShellWorkerScope,
} from '../../../src/tab/sw/shell-worker';

/**
 * A service worker's global scope for tests: a Cache API over Maps, `fetch` answered by the
 * test, and the events dispatched by hand — what a browser does, minus the browser.
 */

class FakeCache {
  readonly entries = new Map<string, Response>();
  constructor(private readonly origin: string) {}

  private key(request: RequestInfo | URL): string {
    const url = typeof request === 'string' || request instanceof URL ? request : request.url;
    return new URL(url, this.origin).href;
  }
  put(request: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(this.key(request), response);
    return Promise.resolve();
  }
  match(request: RequestInfo | URL): Promise<Response | undefined> {
    return Promise.resolve(this.entries.get(this.key(request))?.clone());
  }
  keys(): Promise<Request[]> {
    return Promise.resolve([...this.entries.keys()].map((url) => new Request(url)));
  }
}

export class FakeCaches {
  readonly caches = new Map<string, FakeCache>();
  constructor(private readonly origin: string) {}

  open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name);
    if (!cache) {
      cache = new FakeCache(this.origin);
      this.caches.set(name, cache);
    }
    return Promise.resolve(cache);
  }
  keys(): Promise<string[]> {
    return Promise.resolve([...this.caches.keys()]);
  }
  delete(name: string): Promise<boolean> {
    return Promise.resolve(this.caches.delete(name));
  }
  /** The paths a cache holds, sorted; null when there is no such cache. */
  paths(name: string): string[] | null {
    const cache = this.caches.get(name);
    return cache ? [...cache.entries.keys()].map((url) => new URL(url).pathname).sort() : null;
  }
}

export interface Dispatched {
  /** The answer the worker gave, or null when it left the request to the browser. */
  response: Promise<Response> | null;
}

export class FakeWorkerScope {
  readonly caches: FakeCaches;
  readonly location: { origin: string };
  readonly crypto = globalThis.crypto;
  readonly fetched: string[] = [];
  skippedWaiting = false;
  private readonly listeners = new Map<string, Array<(event: never) => void>>();

  constructor(
    origin: string,
    private readonly server: (url: URL, init?: RequestInit) => Response | Promise<Response>,
  ) {
    this.location = { origin };
    this.caches = new FakeCaches(origin);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(
      typeof input === 'string' || input instanceof URL ? input : input.url,
      this.location.origin,
    );
    this.fetched.push(url.origin === this.location.origin ? url.pathname : url.href);
    return this.server(url, init);
  };

  skipWaiting(): Promise<void> {
    this.skippedWaiting = true;
    return Promise.resolve();
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  /** The scope as the worker sees it. */
  get scope(): ShellWorkerScope {
    return this as unknown as ShellWorkerScope;
  }

  private async extendable(type: 'install' | 'activate'): Promise<void> {
    const waits: Promise<unknown>[] = [];
    const event: ExtendableEventLike = { waitUntil: (promise) => void waits.push(promise) };
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
    await Promise.all(waits);
  }

  install(): Promise<void> {
    return this.extendable('install');
  }
  activate(): Promise<void> {
    return this.extendable('activate');
  }

  /** A request from a controlled page; `navigate` for a page load. */
  request(url: string, mode: RequestMode = 'no-cors', method = 'GET'): Dispatched {
    const request = { url: new URL(url, this.location.origin).href, mode, method } as Request;
    const dispatched: Dispatched = { response: null };
    const event: FetchEventLike = {
      request,
      respondWith: (response) => void (dispatched.response = response),
      waitUntil: () => undefined,
    };
    for (const listener of this.listeners.get('fetch') ?? []) listener(event as never);
    return dispatched;
  }
}
