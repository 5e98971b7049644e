import type { Frame, Page } from 'playwright-core';
import { check } from './views';

/** Driving the local Teams host page (src/emulator/teams-host). */

export async function hostTabReady(page: Page): Promise<Frame> {
  await page.waitForFunction(() => document.body.dataset.tabState === 'ready');
  const handle = await page.locator('iframe[title="Functiewijzer"]').elementHandle();
  const frame = await handle?.contentFrame();
  check(frame, 'de Teams-host heeft geen tabblad-frame');
  return frame;
}

/** How many times the tab connected (initialize) since the host page loaded. */
export async function initializeCount(page: Page): Promise<number> {
  return page
    .locator('#log li')
    .filter({ hasText: /^→ initialize$/ })
    .count();
}

export async function choose(
  page: Page,
  label: string,
  optionLabel: string | RegExp,
): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const matches = (o: string) =>
    typeof optionLabel === 'string' ? o === optionLabel : optionLabel.test(o);
  // Some lists are filled after load (the personas come from the emulator): give them a moment.
  let options: string[];
  const deadline = Date.now() + 5_000;
  for (;;) {
    options = await select.locator('option').allTextContents();
    if (options.some(matches) || Date.now() > deadline) break;
    await page.waitForTimeout(50);
  }
  const wanted = options.find(matches);
  check(wanted, `"${label}" heeft geen keuze ${String(optionLabel)} (wel: ${options.join(', ')})`);
  await select.selectOption({ label: wanted });
}
