import type { Frame, Response } from 'playwright-core';
import type { Scenario } from '../harness/runner';
import { hostTabReady } from './host';
import { catalogueShown, check } from './views';

/**
 * Issue 15, the app-shell service worker (src/tab/sw/): the first open registers it once the
 * catalogue is on screen; a second open of the tab in the Teams host — Teams reopens a tab by
 * loading its page again — is controlled by it, and its page and scripts come from it, not over
 * the network. config.json and Graph still do: the worker never answers them.
 */

/** Until the tab's registration has an activated worker (its install precached the build). */
async function untilWorkerActive(tab: Frame): Promise<void> {
  const state = await tab.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        });
      });
    }
    return { scope: registration.scope, state: registration.active?.state ?? null };
  });
  check(state.state === 'activated', `de service worker is niet actief: ${JSON.stringify(state)}`);
  check(
    new URL(state.scope).pathname === '/',
    `de service worker heeft bereik ${state.scope}, verwacht: de oorsprong van het tabblad`,
  );
}

export const hostShellWorker: Scenario = {
  name: 'Teams-host: een tweede opening komt van de service worker, config.json en Graph van het netwerk',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(product.teamsHostUrl);
    const first = await hostTabReady(page);
    await catalogueShown(first);
    await untilWorkerActive(first);

    // The second open: every answer the tab's frame got, and who gave it.
    const tabOrigin = new URL(product.tabUrl).origin;
    const answers: Response[] = [];
    page.on('response', (response) => {
      if (response.frame().parentFrame() !== null) answers.push(response);
    });
    await page.reload();
    const tab = await hostTabReady(page);
    await catalogueShown(tab);

    const opened = await tab.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return {
        controlled: navigator.serviceWorker.controller !== null,
        workerStart: navigation?.workerStart ?? 0,
      };
    });
    check(opened.controlled, 'de tweede opening wordt niet door de service worker bediend');
    check(opened.workerStart > 0, 'de pagina van de tweede opening ging niet langs de worker');

    const of = (test: (url: URL) => boolean): Response[] =>
      answers.filter((response) => test(new URL(response.url())));
    const pageAnswer = of((url) => url.origin === tabOrigin && url.pathname === '/');
    check(pageAnswer.length === 1, `de pagina werd ${pageAnswer.length} keer geladen, verwacht 1`);
    check(pageAnswer[0]?.fromServiceWorker(), 'de pagina kwam niet uit de service worker');
    const scripts = of((url) => url.origin === tabOrigin && url.pathname.endsWith('.js'));
    check(scripts.length > 0, 'de tweede opening laadde geen scripts: het scenario test niets');
    const overNetwork = scripts.filter((response) => !response.fromServiceWorker());
    check(
      overNetwork.length === 0,
      `scripts over het netwerk: ${overNetwork.map((r) => r.url()).join(', ')}`,
    );

    const config = of((url) => url.origin === tabOrigin && url.pathname === '/config.json');
    check(config.length > 0, 'de tweede opening vroeg config.json niet');
    check(
      config.every((response) => !response.fromServiceWorker()),
      'config.json kwam uit de service worker: IT kan het dan niet meer wijzigen',
    );
    const graph = of((url) => url.origin !== tabOrigin);
    check(graph.length > 0, 'de tweede opening vroeg Graph niets');
    check(
      graph.every((response) => !response.fromServiceWorker()),
      'een antwoord van Graph kwam uit de service worker',
    );
  },
};
