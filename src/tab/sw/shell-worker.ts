/**
 * The app-shell service worker (issue 15): a warm open's page and scripts come from the
 * worker's cache instead of a round trip (100 ms over a city's network), and the data layer
 * revalidates as before. docs/service-worker.md says what is cached and when an update applies.
 *
 * What it answers, and only that (an allowlist, so nothing else can be served from a cache by
 * mistake): a navigation to the tab's page (`/`, `/index.html`, any query), and GETs of the
 * build's own content-hashed scripts. Everything else — `/config.json` (IT may change it),
 * Graph and the emulator (other origins), `/_emulator/*`, the sign-in pages, the local Teams
 * host — is left alone: no `respondWith`, so the browser fetches it as without a worker.
 *
 * One build, one cache: the manifest (written into sw.js by webpack.config.js) names the page's
 * digest and every script of that build; the install refuses a page of another build (a deploy
 * between fetching sw.js and fetching the page), so an old page is never served with scripts that
 * are not its own, nor a new page with old ones.
 *
 * Typed against its own narrow interfaces instead of TypeScript's "webworker" lib, which cannot
 * share a program with the "DOM" lib the rest of src/ is checked with.
 */

export interface ShellManifest {
  /** Derived from the page's digest and the script names: one build, one cache. */
  version: string;
  /** SHA-256 (hex) of index.html as the build wrote it. */
  pageDigest: string;
  /** The tab's initial and lazy scripts of this build, as URL paths (`/tab.<hash>.js`). */
  scripts: string[];
}

export const SHELL_CACHE_PREFIX = 'functiewijzer-shell-';
/** Which builds' caches are kept: this one's and the one before it (for a page still open). */
const VERSIONS_CACHE = 'functiewijzer-shell';
const VERSIONS_KEY = '/__functiewijzer-shell-versions';
/** The tab's page, as the manifest's `contentUrl` names it. */
export const PAGE_URL = '/';
const TAB_PAGES: ReadonlySet<string> = new Set(['/', '/index.html']);
/** webpack's `[name].[contenthash].js` (webpack.config.js): such a file never changes. */
export const HASHED_SCRIPT = /^\/[\w.-]+\.[0-9a-f]{16,}\.js$/;

export interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}

export interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

/** The part of ServiceWorkerGlobalScope the worker uses. */
export interface ShellWorkerScope {
  readonly location: { readonly origin: string };
  readonly caches: CacheStorage;
  readonly crypto: { readonly subtle: Pick<SubtleCrypto, 'digest'> };
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  skipWaiting(): Promise<void>;
  addEventListener(
    type: 'install' | 'activate',
    listener: (event: ExtendableEventLike) => void,
  ): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

/**
 * `page`: the tab's page from this build's cache; `script`: one of this build's scripts;
 * `earlier-script`: a script of the previous build that its cache still holds (a page opened
 * before an update, still running, loads a lazy chunk of its own build); null: not the worker's
 * business, the browser fetches it as without a worker.
 */
export type ShellRoute = 'page' | 'script' | 'earlier-script' | null;

export function shellRoute(
  request: Pick<Request, 'url' | 'method' | 'mode'>,
  origin: string,
  manifest: ShellManifest,
  earlierScripts: ReadonlySet<string> = new Set(),
): ShellRoute {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  if (request.mode === 'navigate') return TAB_PAGES.has(url.pathname) ? 'page' : null;
  if (url.search !== '') return null;
  if (manifest.scripts.includes(url.pathname)) return 'script';
  return earlierScripts.has(url.pathname) ? 'earlier-script' : null;
}

export function shellCacheName(manifest: ShellManifest): string {
  return `${SHELL_CACHE_PREFIX}${manifest.version}`;
}

/** The manifest as the build wrote it (a JSON string); anything else is a broken build. */
export function parseShellManifest(json: string): ShellManifest {
  const value: unknown = JSON.parse(json);
  const candidate = value as Partial<ShellManifest> | null;
  if (
    typeof candidate?.version !== 'string' ||
    !/^[0-9a-f]{8,}$/.test(candidate.version) ||
    typeof candidate.pageDigest !== 'string' ||
    !Array.isArray(candidate.scripts) ||
    !candidate.scripts.every((script) => typeof script === 'string' && HASHED_SCRIPT.test(script))
  ) {
    throw new Error('sw.js: the build wrote no valid shell manifest');
  }
  return {
    version: candidate.version,
    pageDigest: candidate.pageDigest,
    scripts: candidate.scripts,
  };
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function precache(scope: ShellWorkerScope, manifest: ShellManifest): Promise<void> {
  const name = shellCacheName(manifest);
  try {
    // The page revalidated past the HTTP cache: it must be this build's, checked by digest.
    const page = await scope.fetch(PAGE_URL, { cache: 'no-cache', credentials: 'same-origin' });
    if (!page.ok || page.redirected) throw new Error(`${PAGE_URL}: ${page.status}`);
    const digest = hex(
      await scope.crypto.subtle.digest('SHA-256', await page.clone().arrayBuffer()),
    );
    if (digest !== manifest.pageDigest) {
      // Another build is deployed already; the browser fetches its sw.js on the next open.
      throw new Error(`${PAGE_URL} is not the page of build ${manifest.version}`);
    }
    const cache = await scope.caches.open(name);
    // Content-hashed: whatever copy the HTTP cache holds is the right one.
    const scripts = await Promise.all(
      manifest.scripts.map(async (script) => {
        const response = await scope.fetch(script, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`${script}: ${response.status}`);
        return [script, response] as const;
      }),
    );
    await Promise.all(scripts.map(([script, response]) => cache.put(script, response)));
    // The page last: a cache with a page is a complete one.
    await cache.put(PAGE_URL, page);
  } catch (error) {
    // A failed install leaves the previous worker in charge; leave no half cache behind.
    await scope.caches.delete(name);
    throw error;
  }
}

/** Keeps this build's cache and the previous build's; deletes every older shell cache. */
async function keepCurrentAndPrevious(
  scope: ShellWorkerScope,
  manifest: ShellManifest,
): Promise<void> {
  const meta = await scope.caches.open(VERSIONS_CACHE);
  let known: string[] = [];
  try {
    const stored: unknown = await (await meta.match(VERSIONS_KEY))?.json();
    if (Array.isArray(stored)) known = stored.filter((v): v is string => typeof v === 'string');
  } catch {
    // An unreadable list: only the current build is kept.
  }
  const kept = [...known.filter((version) => version !== manifest.version), manifest.version].slice(
    -2,
  );
  await meta.put(VERSIONS_KEY, new Response(JSON.stringify(kept)));
  const keptNames = new Set(kept.map((version) => `${SHELL_CACHE_PREFIX}${version}`));
  for (const name of await scope.caches.keys()) {
    if (name.startsWith(SHELL_CACHE_PREFIX) && !keptNames.has(name))
      await scope.caches.delete(name);
  }
}

/** The script paths the kept caches of other builds hold. */
async function earlierScriptsOf(
  scope: ShellWorkerScope,
  manifest: ShellManifest,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const name of await scope.caches.keys()) {
    if (!name.startsWith(SHELL_CACHE_PREFIX) || name === shellCacheName(manifest)) continue;
    for (const request of await (await scope.caches.open(name)).keys()) {
      const path = new URL(request.url).pathname;
      if (HASHED_SCRIPT.test(path)) found.add(path);
    }
  }
  return found;
}

async function fromShellCaches(
  scope: ShellWorkerScope,
  request: Request,
): Promise<Response | null> {
  for (const name of await scope.caches.keys()) {
    if (!name.startsWith(SHELL_CACHE_PREFIX)) continue;
    const hit = await (await scope.caches.open(name)).match(request.url);
    if (hit) return hit;
  }
  return null;
}

async function answer(
  scope: ShellWorkerScope,
  manifest: ShellManifest,
  route: Exclude<ShellRoute, null>,
  request: Request,
): Promise<Response> {
  try {
    const hit =
      route === 'earlier-script'
        ? await fromShellCaches(scope, request)
        : ((await (
            await scope.caches.open(shellCacheName(manifest))
          ).match(route === 'page' ? PAGE_URL : request.url)) ?? null);
    if (hit) return hit;
  } catch {
    // Storage evicted or unreadable: the network, as without a worker.
  }
  return scope.fetch(request);
}

export function installShellWorker(scope: ShellWorkerScope, manifest: ShellManifest): void {
  // Read once the worker starts (the fetch handler must decide at once whether to answer); a
  // request before it is read goes to the network, as without a worker.
  let earlierScripts: ReadonlySet<string> = new Set();
  const readEarlierScripts = (): Promise<void> =>
    earlierScriptsOf(scope, manifest).then(
      (found) => void (earlierScripts = found),
      () => undefined,
    );
  void readEarlierScripts();

  scope.addEventListener('install', (event) => {
    // A new build takes over as soon as it is cached (the page that fetched it keeps running on
    // its own scripts, see `earlier-script`): the next open is the new build's.
    event.waitUntil(precache(scope, manifest).then(() => scope.skipWaiting()));
  });
  scope.addEventListener('activate', (event) => {
    event.waitUntil(keepCurrentAndPrevious(scope, manifest).then(readEarlierScripts));
  });
  scope.addEventListener('fetch', (event) => {
    const route = shellRoute(event.request, scope.location.origin, manifest, earlierScripts);
    if (route === null) return;
    event.respondWith(answer(scope, manifest, route, event.request));
  });
}
