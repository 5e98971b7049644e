import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningProduct } from './product';

export interface ScenarioContext {
  product: RunningProduct;
  browser: Browser;
  /** A fresh browser context (own storage and cache) per scenario, at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
}

export interface Scenario {
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

export interface RunResult {
  passed: number;
  failed: number;
}

export async function runScenarios(
  scenarios: Scenario[],
  product: RunningProduct,
  browser: Browser,
  log: (line: string) => void,
): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: 0 };
  for (const scenario of scenarios) {
    const contexts: BrowserContext[] = [];
    const consoleErrors: string[] = [];
    const context: ScenarioContext = {
      product,
      browser,
      async newPage(viewport = { width: 1280, height: 800 }) {
        const browserContext = await browser.newContext({ viewport, locale: 'nl-BE' });
        contexts.push(browserContext);
        browserContext.setDefaultTimeout(15_000);
        // tsx keeps function names with an `__name` helper that pages do not have.
        await browserContext.addInitScript('window.__name = (f) => f;');
        const page = await browserContext.newPage();
        page.on('pageerror', (error) => consoleErrors.push(error.message));
        return page;
      },
    };
    const started = Date.now();
    try {
      await scenario.run(context);
      if (consoleErrors.length > 0) {
        throw new Error(`onopgevangen fout in de pagina: ${consoleErrors.join(' | ')}`);
      }
      result.passed += 1;
      log(`✓ ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      result.failed += 1;
      log(
        `✗ ${scenario.name}\n    ${(error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n').join('\n    ')}`,
      );
    } finally {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    }
  }
  return result;
}
