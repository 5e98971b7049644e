import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { startEmulator } from '../../emulator/server';
import { READY_MARK, STATUS_EXACT_MARK } from '../../tab/host/marks';
import { type BenchOptions, median, round, withResources } from '../bench-kit';
import { cdpConditions, NETWORKS, type NetworkProfile } from '../bench-network';
import { benchViews, loadedEmulatorCopy, submitForApproval } from '../bench-dataset';
import { LOCAL_SITE, PERSONAS } from '../local-stack';
import { ensureTabBuild, startTabServer } from '../tab-server';

/**
 * (Over 400 lines: each measurement is a function here beside the definition of the figure it
 * gives, so what a number means is read in one file.)
 *
 * The tab in headless Chromium against the emulator loaded with 2,000 roles (issue #4):
 * - browserInitialJsGzipKb: the scripts index.html loads before anything renders, gzipped;
 * - browserCatalogueColdMs: navigation start → catalogue rendered, fresh profile (no cache);
 * - browserCatalogueStatusExactMs: navigation start → the row scan after that first screen has
 *   answered (STATUS_EXACT_MARK), every status in the list exact;
 * - browserCatalogueWarmMs: the same after a reload (the app-shell worker active, the HTTP cache
 *   and the persisted query cache);
 * - browserRoleAfterClickMs: click on a role in the catalogue → its page rendered, the role
 *   never read before in that profile;
 * - browserSearchKeystrokeMs: key press in the search box → the result list updated and painted;
 * - browser{Role,Compare,Approvals}{Cold,Warm}Ms: the view opened from a link (`?subPageId=…`,
 *   as Teams hands the tab a deep link) → its content rendered, in a fresh profile (cold) and
 *   reopened after the tab stored its cache (warm). Approvals is the approval page of an open
 *   request, as the director; approval reads are never cached, so its warm open reads again.
 * "Rendered" is the tab's ready mark (first meaningful render) with the view's content in the DOM.
 * `--network city`: every page is throttled through the DevTools protocol
 * (`Network.emulateNetworkConditions`: 100 ms latency, 20 Mbit/s down, 5 Mbit/s up), the tab's
 * own files included, as they too come over the city's network.
 * Medians over a few runs; the machine is shared, so single runs are noisy.
 *
 * The loaded emulator is kept under .cache/ (the load takes a while and is deterministic).
 * `--roles N` sets the number of roles for a quick local run.
 */

export const name = 'browser';

export const budget = {
  browserInitialJsGzipKb: 250,
  browserCatalogueColdMs: 1500,
  browserCatalogueWarmMs: 300,
  browserRoleAfterClickMs: 500,
  browserSearchKeystrokeMs: 50,
};

const RUNS = 3;
const ROOT = path.join(__dirname, '..', '..', '..');
const PERSONA_KEY = 'functiewijzer.persona';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Where the bench finds the project (its dist/) and Chromium. */
export type BrowserBenchSetup = { root: string; chromiumPath: string };

/** The Chromium the browser benches drive: CHROMIUM_PATH, else Debian's. */
export function benchChromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM;
}

/** Said before a build or an emulator load, which take minutes when nothing is cached. */
export function requireChromium(chromiumPath: string): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium niet gevonden op ${chromiumPath}: installeer het (apt-get install -y chromium) of zet CHROMIUM_PATH op het programma.`,
    );
  }
}

export function run(options: BenchOptions): Promise<Record<string, number>> {
  return measureBrowser(options, { root: ROOT, chromiumPath: benchChromiumPath() });
}

/**
 * `run` for a given project root and Chromium. Whatever it opened (the emulator and its data
 * copy, the tab server, the browser) is closed again when a step fails, so `npm run bench`
 * reports the failure and exits instead of waiting on an open server.
 */
export async function measureBrowser(
  options: BenchOptions,
  setup: BrowserBenchSetup,
): Promise<Record<string, number>> {
  const roles = options.roles;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  requireChromium(setup.chromiumPath);
  const views = benchViews(roles);
  const profile = NETWORKS[options.network ?? 'loopback'];
  const newPage = (context: BrowserContext) => throttledPage(context, profile);
  await ensureTabBuild(setup.root, progress);
  const initialJsGzipKb = await initialScriptsGzipKb(path.join(setup.root, 'dist', 'tab'));

  return withResources(async (defer) => {
    const dataDir = await loadedEmulatorCopy(roles);
    defer(() => rm(dataDir, { recursive: true, force: true }));
    const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    defer(() => emulator.close());
    const [requestId] = await submitForApproval(emulator, views.approvals);
    if (requestId === undefined) throw new Error('geen aanvraag ingediend');
    const tab = await startTabServer({
      root: setup.root,
      port: 0,
      config: {
        mode: 'local',
        emulatorUrl: emulator.url,
        graphBaseUrl: emulator.graphBaseUrl,
        site: LOCAL_SITE,
      },
    });
    defer(() => tab.close());
    progress(`browser: emulator op ${emulator.url}, tabblad op ${tab.url}`);
    const browser = await launchChromium(setup.chromiumPath);
    defer(() => browser.close());

    const cold: number[] = [];
    const statusExact: number[] = [];
    const warm: number[] = [];
    const role: number[] = [];
    const keystrokes: number[] = [];
    const linked = { role: new Samples(), compare: new Samples(), approvals: new Samples() };
    const titleOf = (key: string): string => `Functie ${key.slice('functie-'.length)}`;
    const heading = (page: Page, name: string | RegExp): Locator =>
      page.getByRole('heading', { level: 1, name });
    for (let i = 0; i < RUNS; i += 1) {
      progress(`browser: ronde ${i + 1} van ${RUNS}…`);
      await openFromLink(
        browser,
        newPage,
        tab.url,
        `role/${views.role}`,
        null,
        linked.role,
        (page) => heading(page, titleOf(views.role)),
      );
      await openFromLink(
        browser,
        newPage,
        tab.url,
        `compare/${views.compare.join('/')}`,
        null,
        linked.compare,
        (page) => page.getByRole('columnheader', { name: titleOf(views.compare[2]) }).first(),
      );
      await openFromLink(
        browser,
        newPage,
        tab.url,
        `approval/${requestId}`,
        PERSONAS.approver,
        linked.approvals,
        (page) => heading(page, `Goedkeuring: ${titleOf(views.approvals[0] ?? '')}`),
      );
      const context = await freshContext(browser);
      try {
        const page = await newPage(context);
        cold.push(await catalogueReadyMs(page, tab.url));
        statusExact.push(await markMs(page, STATUS_EXACT_MARK));
        // "Warm" is a second open after the tab has stored its cache (written throttled).
        await cachePersisted(page, { withTasks: true });
        await shellWorkerActive(page);
        await page.reload();
        warm.push(await readyMarkMs(page, catalogueItem(page)));
        keystrokes.push(...(await searchKeystrokesMs(page, i, roles)));
      } finally {
        await context.close();
      }
      const roleContext = await freshContext(browser);
      try {
        const page = await newPage(roleContext);
        await catalogueReadyMs(page, tab.url);
        role.push(await roleAfterClickMs(page, i));
      } finally {
        await roleContext.close();
      }
    }
    return {
      browserRoles: roles,
      browserInitialJsGzipKb: initialJsGzipKb,
      browserCatalogueColdMs: round(median(cold)),
      browserCatalogueStatusExactMs: round(median(statusExact)),
      browserCatalogueWarmMs: round(median(warm)),
      browserRoleAfterClickMs: round(median(role)),
      browserSearchKeystrokeMs: round(median(keystrokes)),
      browserSearchKeystrokeMaxMs: round(Math.max(...keystrokes)),
      browserRoleColdMs: round(median(linked.role.cold)),
      browserRoleWarmMs: round(median(linked.role.warm)),
      browserCompareColdMs: round(median(linked.compare.cold)),
      browserCompareWarmMs: round(median(linked.compare.warm)),
      browserApprovalsColdMs: round(median(linked.approvals.cold)),
      browserApprovalsWarmMs: round(median(linked.approvals.warm)),
    };
  });
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  } catch (error) {
    // Playwright's message carries the browser's whole output; its first line says what failed.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`Chromium (${executablePath}) start niet: ${first}`, { cause: error });
  }
}

// ── measurements ───────────────────────────────────────────────────────────────────────────

class Samples {
  readonly cold: number[] = [];
  readonly warm: number[] = [];
}

/**
 * Opens the tab on `subPageId` in a fresh profile (as `persona`, or the default member of staff)
 * and reopens it: once the tab has stored its cache, or at once for views it never caches.
 */
async function openFromLink(
  browser: Browser,
  newPage: (context: BrowserContext) => Promise<Page>,
  tabUrl: string,
  subPageId: string,
  persona: string | null,
  samples: Samples,
  content: (page: Page) => Locator,
): Promise<void> {
  const context = await freshContext(browser, persona);
  try {
    const page = await newPage(context);
    const url = new URL(tabUrl);
    url.searchParams.set('subPageId', subPageId);
    await page.goto(url.href);
    samples.cold.push(await readyMarkMs(page, content(page)));
    if (!subPageId.startsWith('approval/')) await cachePersisted(page, { withTasks: false });
    await shellWorkerActive(page);
    await page.reload();
    samples.warm.push(await readyMarkMs(page, content(page)));
  } finally {
    await context.close();
  }
}

function catalogueItem(page: Page): Locator {
  return page.getByRole('list', { name: 'Functies' }).getByRole('listitem').first();
}

/** The scripts index.html loads up front, gzipped as the tab server sends them. */
async function initialScriptsGzipKb(distTab: string): Promise<number> {
  const html = await readFile(path.join(distTab, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]*\bsrc="?\/?([^"\s>]+)"?/g)].map(
    (m) => m[1] as string,
  );
  if (sources.length === 0) throw new Error('index.html laadt geen scripts: is de build volledig?');
  let bytes = 0;
  for (const source of sources)
    bytes += gzipSync(await readFile(path.join(distTab, source))).length;
  return round(bytes / 1024);
}

/** A page of `context`, throttled to `profile` through the DevTools protocol when one is given. */
async function throttledPage(
  context: BrowserContext,
  profile: NetworkProfile | null,
): Promise<Page> {
  const page = await context.newPage();
  if (profile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', cdpConditions(profile));
  }
  return page;
}

/**
 * A context with nothing stored (a first open), on the Dutch page; with `persona`, the local
 * persona this browser tab chose, as the persona switch leaves it.
 */
export async function freshContext(
  browser: Browser,
  persona: string | null = null,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'nl-BE',
  });
  // tsx keeps function names with an `__name` helper that the page does not have.
  await context.addInitScript('window.__name = (f) => f;');
  if (persona !== null) {
    await context.addInitScript(([key, upn]) => sessionStorage.setItem(key, upn), [
      PERSONA_KEY,
      persona,
    ] as const);
  }
  return context;
}

/**
 * Milliseconds from navigation start to the tab's first meaningful render (HostRoot's mark),
 * once `content` is in the DOM: a mark set for an error page is not content.
 */
async function readyMarkMs(page: Page, content: Locator): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK);
  await content.waitFor();
  return page.evaluate(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? NaN,
    READY_MARK,
  );
}

/** Milliseconds from navigation start to the performance mark `mark`, once it is set. */
async function markMs(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark);
  return page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN, mark);
}

/** Waits until the tab's query cache (IndexedDB "functiewijzer") holds a stored session. */
async function cachePersisted(page: Page, options: { withTasks: boolean }): Promise<void> {
  // Polled with evaluate: waitForFunction takes a returned Promise object as truthy at once, so
  // the "warm" reload used to happen before anything was stored (a second cold open).
  const stored = (): Promise<string[]> =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('functiewijzer');
          open.onerror = () => resolve([]);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('query-cache')) {
              db.close();
              resolve([]);
              return;
            }
            const keys = db.transaction('query-cache').objectStore('query-cache').getAllKeys();
            keys.onsuccess = () => {
              db.close();
              resolve(keys.result.map(String));
            };
            keys.onerror = () => resolve([]);
          };
        }),
    );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const keys = await stored();
    // The cache's record, and for the catalogue its tasks too (written as a second record).
    const main = keys.find(
      (key) => key.startsWith('functiewijzer:cache:') && !key.endsWith(':tasks'),
    );
    if (main && (!options.withTasks || keys.includes(`${main}:tasks`))) return;
    if (Date.now() > deadline)
      throw new Error(`de cache werd niet bewaard (sleutels: ${keys.join(', ')})`);
    await page.waitForTimeout(100);
  }
}

/**
 * Waits until the tab's app-shell worker (docs/service-worker.md) is active, as it is when a
 * member of staff opens the tab again later: the warm open is then the one the worker serves.
 * A browser without service workers goes on at once; a worker that never activates, after 10 s.
 */
async function shellWorkerActive(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        if (!('serviceWorker' in navigator)) {
          resolve();
          return;
        }
        const timer = setTimeout(resolve, 10_000);
        void navigator.serviceWorker.ready.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  );
}

async function catalogueReadyMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return readyMarkMs(page, catalogueItem(page));
}

/** Click a role not read before in this profile; time until its page heading is in the DOM. */
async function roleAfterClickMs(page: Page, run: number): Promise<number> {
  const title = `Functie ${String(1 + run).padStart(4, '0')}`;
  const button = page.getByRole('list', { name: 'Functies' }).getByRole('button', { name: title });
  await button.waitFor();
  const handle = await button.elementHandle();
  if (!handle) throw new Error(`${title} staat niet in de catalogus`);
  return page.evaluate(
    ([element, wanted]) =>
      new Promise<number>((resolve, reject) => {
        const headingShown = () =>
          [...document.querySelectorAll('h1')].some((h) => h.textContent === wanted);
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!headingShown()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`${wanted} niet getoond binnen 10 s`)), 10_000);
        (element as HTMLElement).click();
      }),
    [handle, title] as const,
  );
}

/**
 * Types a query one key at a time; for every key that changes the results, the time from the
 * key event to the updated list being painted (the next animation frame after the DOM change).
 */
async function searchKeystrokesMs(page: Page, run: number, roles: number): Promise<number[]> {
  const box = page.getByRole('searchbox', { name: /Zoek op functie, taak of competentie/ });
  await box.click();
  // Every generated title is "Functie 0001"…"Functie 2000", so the prefix (typed at once) matches
  // all of them and each digit after it narrows the list: every key press is a measurement.
  await box.fill('Functie ');
  await page
    .getByRole('status')
    .filter({ hasText: `${roles} functies` })
    .first()
    .waitFor();
  const query = ['1234', '0457', '1999'][run % 3] as string;
  const timings: number[] = [];
  for (const key of query) {
    const waiting = page.evaluate(
      () =>
        new Promise<number | null>((resolve) => {
          // The result list and its count, not the search box (whose clear button also appears).
          const list = document.querySelector('ul[aria-label="Functies"]');
          const count = list?.closest('section')?.querySelector('[role="status"]');
          let keyAt: number | null = null;
          const onKey = (event: KeyboardEvent) => {
            keyAt = event.timeStamp;
          };
          document.addEventListener('keydown', onKey, { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (keyAt === null) return;
            observer.disconnect();
            const at = keyAt;
            requestAnimationFrame(() => resolve(performance.now() - at));
          });
          for (const target of [list, count]) {
            if (target)
              observer.observe(target, { childList: true, subtree: true, characterData: true });
          }
          // A key that does not change the results (a space, say) is not a measurement.
          setTimeout(() => {
            observer.disconnect();
            resolve(null);
          }, 1000);
        }),
    );
    // Handled below, after the key press; a rejection meanwhile must not count as unhandled.
    waiting.catch(() => undefined);
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    const ms = await waiting;
    if (ms !== null) timings.push(ms);
  }
  if (timings.length === 0) throw new Error('geen enkele toetsaanslag veranderde de resultaten');
  return timings;
}
