import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { startProduct, type RunningProduct } from './harness/product';
import { runScenarios } from './harness/runner';
import { scenarios } from './scenarios';

/**
 * `npm run test:e2e` (and .ci/run): starts the product itself with `npm start` on a fresh data
 * directory and CI=true, runs every scenario in headless Chromium, prints `N passed, N failed`
 * last and exits non-zero when anything failed — including the product not starting.
 *
 * `E2E_ONLY=<text>` runs only the scenarios whose name contains the text. While developing,
 * `E2E_TAB_URL` + `E2E_EMULATOR_URL` point the scenarios at a product that is already running.
 */

const root = path.resolve(__dirname, '..', '..');

function existingProduct(): RunningProduct | null {
  const tabUrl = process.env.E2E_TAB_URL;
  const emulatorUrl = process.env.E2E_EMULATOR_URL;
  if (!tabUrl || !emulatorUrl) return null;
  const base = tabUrl.endsWith('/') ? tabUrl : `${tabUrl}/`;
  return {
    tabUrl: base,
    teamsHostUrl: `${base}teams-host.html`,
    emulatorUrl,
    dataDir: '',
    output: () => '',
    stop: () => Promise.resolve(),
  };
}

async function main(): Promise<number> {
  const only = process.env.E2E_ONLY;
  const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios;
  let product: RunningProduct | null = null;
  let browser: Browser | null = null;
  try {
    product = existingProduct() ?? null;
    if (!product) {
      console.log('npm start (nieuwe datamap, CI=true)…');
      product = await startProduct({ root, echo: process.env.E2E_ECHO === '1' });
    }
    console.log(`tabblad ${product.tabUrl} · Teams-host ${product.teamsHostUrl}`);
    browser = await launchChromium();
    const result = await runScenarios(selected, product, browser, (line) => console.log(line));
    console.log(`${result.passed} passed, ${result.failed} failed`);
    return result.failed === 0 && result.passed > 0 ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    console.log(`0 passed, ${Math.max(1, selected.length)} failed`);
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await product?.stop().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
