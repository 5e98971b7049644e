import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator } from '../../emulator/server';
import { writeDescriptions } from '../../graph/import-writer';
import { createRepositories } from '../../graph/repositories';
import { READY_MARK } from '../../tab/host/marks';
import { median, round } from '../bench-kit';
import { benchDataset } from '../bench-dataset';
import { LOCAL_SITE, PERSONAS, startLocalStack } from '../local-stack';
import { ensureTabBuild, startTabServer } from '../tab-server';

/**
 * The tab in headless Chromium against the emulator loaded with 2,000 roles (issue #4):
 * - browserInitialJsGzipKb: the scripts index.html loads before anything renders, gzipped;
 * - browserCatalogueColdMs: navigation start → catalogue rendered, fresh profile (no cache);
 * - browserCatalogueWarmMs: the same after a reload (HTTP cache and the persisted query cache);
 * - browserRoleAfterClickMs: click on a role in the catalogue → its page rendered, the role
 *   never read before in that profile;
 * - browserSearchKeystrokeMs: key press in the search box → the result list updated and painted.
 * Medians over a few runs; the machine is shared, so single runs are noisy.
 *
 * The loaded emulator is kept under .cache/ (the load takes a while and is deterministic).
 * BENCH_BROWSER_ROLES overrides the number of roles for a quick local run.
 */

export const name = 'browser';

export const budget = {
  browserInitialJsGzipKb: 250,
  browserCatalogueColdMs: 1500,
  browserCatalogueWarmMs: 300,
  browserRoleAfterClickMs: 500,
  browserSearchKeystrokeMs: 50,
};

const ROLES = Number(process.env['BENCH_BROWSER_ROLES'] ?? 2000);
const RUNS = 3;
const ROOT = path.join(__dirname, '..', '..', '..');
const CACHE_DIR = path.join(ROOT, '.cache');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function run(): Promise<Record<string, number>> {
  await ensureTabBuild(ROOT, (line) => process.stderr.write(`${line}\n`));
  const initialJsGzipKb = await initialScriptsGzipKb(path.join(ROOT, 'dist', 'tab'));

  const dataDir = await loadedEmulatorCopy(ROLES);
  const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
  const tab = await startTabServer({
    root: ROOT,
    port: 0,
    config: {
      mode: 'local',
      emulatorUrl: emulator.url,
      graphBaseUrl: emulator.graphBaseUrl,
      site: LOCAL_SITE,
    },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const role: number[] = [];
    const keystrokes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await freshContext(browser);
      try {
        const page = await context.newPage();
        cold.push(await catalogueReadyMs(page, tab.url));
        // "Warm" is a second open after the tab has stored its cache (written throttled).
        await catalogueCachePersisted(page);
        await page.reload();
        warm.push(await readyMarkMs(page));
        keystrokes.push(...(await searchKeystrokesMs(page, i)));
      } finally {
        await context.close();
      }
      const roleContext = await freshContext(browser);
      try {
        const page = await roleContext.newPage();
        await catalogueReadyMs(page, tab.url);
        role.push(await roleAfterClickMs(page, i));
      } finally {
        await roleContext.close();
      }
    }
    return {
      browserRoles: ROLES,
      browserInitialJsGzipKb: initialJsGzipKb,
      browserCatalogueColdMs: round(median(cold)),
      browserCatalogueWarmMs: round(median(warm)),
      browserRoleAfterClickMs: round(median(role)),
      browserSearchKeystrokeMs: round(median(keystrokes)),
      browserSearchKeystrokeMaxMs: round(Math.max(...keystrokes)),
    };
  } finally {
    await browser.close();
    await tab.close();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ── measurements ───────────────────────────────────────────────────────────────────────────

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

async function freshContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'nl-BE',
  });
  // tsx keeps function names with an `__name` helper that the page does not have.
  await context.addInitScript('window.__name = (f) => f;');
  return context;
}

/** Milliseconds from navigation start to the tab's first meaningful render (HostRoot's mark). */
async function readyMarkMs(page: Page): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, READY_MARK);
  await page.getByRole('list', { name: 'Functies' }).getByRole('listitem').first().waitFor();
  return page.evaluate(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? NaN,
    READY_MARK,
  );
}

/** Waits until the tab's query cache (IndexedDB "functiewijzer") holds a stored session. */
async function catalogueCachePersisted(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('functiewijzer');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('query-cache')) {
            db.close();
            resolve(false);
            return;
          }
          const keys = db.transaction('query-cache').objectStore('query-cache').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.some((key) => String(key).startsWith('functiewijzer:cache:')));
          };
          keys.onerror = () => resolve(false);
        };
      }),
    null,
    { polling: 100, timeout: 10_000 },
  );
}

async function catalogueReadyMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return readyMarkMs(page);
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
async function searchKeystrokesMs(page: Page, run: number): Promise<number[]> {
  const box = page.getByRole('searchbox', { name: /Zoek op functie, taak of competentie/ });
  await box.click();
  // Every generated title is "Functie 0001"…"Functie 2000", so the prefix (typed at once) matches
  // all of them and each digit after it narrows the list: every key press is a measurement.
  await box.fill('Functie ');
  await page
    .getByRole('status')
    .filter({ hasText: `${ROLES} functies` })
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

// ── the data ───────────────────────────────────────────────────────────────────────────────

/**
 * A private copy of an emulator data directory with `roles` roles loaded through Graph (as HR,
 * like an import). Loaded once and kept in .cache/; every run works on a copy.
 */
async function loadedEmulatorCopy(roles: number): Promise<string> {
  const cached = path.join(CACHE_DIR, `bench-browser-emulator-${roles}-v2`);
  if (!existsSync(path.join(cached, '.complete'))) {
    await rm(cached, { recursive: true, force: true });
    await mkdir(cached, { recursive: true });
    process.stderr.write(`Emulator laden met ${roles} functies (eenmalig, in .cache/)…\n`);
    const stack = await startLocalStack({ port: 0, dataDir: cached, seed: false });
    try {
      const hr = createRepositories(stack.clientFor(PERSONAS.hr), stack.site);
      const admin = createRepositories(stack.clientFor(PERSONAS.admin), stack.site);
      const report = await writeDescriptions(benchDataset(roles), {
        roles: hr.roles,
        competencies: hr.competencies,
        decisions: admin.decisions,
        concurrency: 4,
      });
      const failed = report.documents.filter((d) => !d.ok);
      if (failed.length > 0) throw new Error(`${failed.length} functies niet geladen`);
    } finally {
      await stack.close();
    }
    await writeFile(path.join(cached, '.complete'), new Date().toISOString());
  }
  const copy = await mkdtemp(path.join(tmpdir(), 'functiewijzer-bench-browser-'));
  await cp(cached, copy, { recursive: true });
  return copy;
}
