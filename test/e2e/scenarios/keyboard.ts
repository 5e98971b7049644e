import type { Locator, Page } from 'playwright-core';
import type { Scenario } from '../harness/runner';
import { catalogueShown, check, comparisonShown, heading } from './views';

/** Keyboard only: no mouse event from start to end, from the catalogue to a comparison. */

const MAX_TABS = 80;

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${what} is niet met Tab te bereiken (${MAX_TABS} keer geprobeerd)`);
}

export const keyboardOnly: Scenario = {
  name: 'toetsenbord: catalogus → functie → vergelijken zonder muis',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(product.tabUrl);
    await catalogueShown(page);

    const ict = page
      .getByRole('list', { name: 'Functies' })
      .getByRole('button', { name: 'Deskundige ICT' });
    await tabTo(page, ict, 'de functie Deskundige ICT');
    await page.keyboard.press('Enter');
    await heading(page, 'Deskundige ICT').waitFor();
    // After navigating, the focus lands on the new page's heading, not on a vanished button.
    check(
      await heading(page, 'Deskundige ICT').evaluate((el) => el === document.activeElement),
      'de focus staat na het openen niet op de titel van de functie',
    );

    const compare = page.getByRole('button', { name: 'Vergelijken met andere functie' });
    await tabTo(page, compare, '"Vergelijken met andere functie"');
    await page.keyboard.press('Enter');
    await heading(page, 'Functies vergelijken').waitFor();

    // The second role with the keyboard: Tab to its list and type the first letter, as people do.
    const second = page.getByRole('combobox', { name: 'Functie 2' });
    await tabTo(page, second, 'de keuzelijst "Functie 2"');
    await page.keyboard.press('L');
    await comparisonShown(page, ['Deskundige ICT', 'Leidinggevende']);
  },
};
