import type { Frame, Route } from 'playwright-core';
import type { Scenario } from '../harness/runner';
import { hostTabReady } from './host';
import { catalogueShown, check } from './views';

/**
 * Issue 15, the warm open inside Teams (src/tab/host/boot-early.ts): once teams-js has given the
 * context and its user is the last identified one, the tab shows the stored catalogue before
 * boot has its token and `/me`. Proven by holding `/me` on the second open: whatever is on
 * screen while it is held did not wait for it.
 */

/** Waits until the first open has stored its catalogue (with the search text) and its user. */
async function untilStored(tab: Frame): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const stored = await tab.evaluate(async () => {
      if (localStorage.getItem('functiewijzer.last-user') === null) return false;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('functiewijzer', 1);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
      });
      try {
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const request = db.transaction('query-cache').objectStore('query-cache').getAllKeys();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB'));
        });
        return keys.some((key) => String(key).endsWith(':tasks'));
      } finally {
        db.close();
      }
    });
    if (stored) return;
    check(Date.now() < deadline, 'de eerste opening bewaarde de catalogus niet');
    await tab.page().waitForTimeout(100);
  }
}

export const hostWarmOpenBeforeMe: Scenario = {
  name: 'Teams-host: een tweede opening toont de bewaarde catalogus voor /me antwoordt',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(product.teamsHostUrl);
    await catalogueShown(await hostTabReady(page));
    await untilStored(await hostTabReady(page));

    // The second open, with Graph's `/me` held until the catalogue is on screen.
    const held: Route[] = [];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const isMe = (url: URL) => url.pathname.endsWith('/v1.0/me');
    await page.route(isMe, async (route) => {
      held.push(route);
      await released;
      await route.continue();
    });
    // Once released, the route lets every later `/me` through at once (it stays until the
    // scenario's browser context closes).
    await page.reload();
    // "ready": the early view's first render told the host it loaded, as Teams needs.
    const tab = await hostTabReady(page);
    await catalogueShown(tab);
    // Boot did ask for `/me` (the scenario holds what it says it holds), and has no answer.
    const deadline = Date.now() + 15_000;
    while (held.length === 0) {
      check(Date.now() < deadline, 'de tweede opening vroeg /me nooit: het scenario test niets');
      await page.waitForTimeout(50);
    }
    await catalogueShown(tab);

    release();
    // Boot finishes as the same user: the tab stays on the catalogue, nothing reloads.
    await page.waitForFunction(() => document.body.dataset.tabState === 'ready');
    await catalogueShown(tab);
  },
};
