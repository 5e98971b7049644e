import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../harness/axe';
import type { Scenario } from '../harness/runner';
import { choose, hostTabReady } from './host';
import {
  backToCatalogue,
  catalogueShown,
  check,
  compareRoles,
  heading,
  noHorizontalScroll,
  openFirstCompetency,
  openRole,
  renderedTheme,
  type Root,
} from './views';

/** Every view at 360 px without horizontal scrolling, and axe-clean in all three themes. */

async function eachView(root: Root, visit: (view: string) => Promise<void>): Promise<void> {
  await catalogueShown(root);
  await visit('catalogus');
  await openRole(root, 'Deskundige ICT');
  await visit('functie');
  await openFirstCompetency(root);
  await visit('competentie');
  await backToCatalogue(root);
  await compareRoles(root, ['Deskundige ICT', 'Leidinggevende']);
  await visit('vergelijking');
}

export const narrowViewport: Scenario = {
  name: '360 px: catalogus, functie, competentie en vergelijking zonder horizontaal scrollen',
  async run({ product, newPage }) {
    const page = await newPage({ width: 360, height: 740 });
    await page.goto(product.tabUrl);
    await eachView(page, (view) => noHorizontalScroll(page, `${view} op 360 px`));

    const host = await newPage({ width: 360, height: 740 });
    await host.goto(`${product.teamsHostUrl}?subPageId=role/deskundige-ict`);
    const tab = await hostTabReady(host);
    await heading(tab, 'Deskundige ICT').waitFor();
    await noHorizontalScroll(tab, 'functie in de Teams-host op 360 px');
  },
};

const THEMES = [
  { theme: 'default', media: { colorScheme: 'light', contrast: 'no-preference' } },
  { theme: 'dark', media: { colorScheme: 'dark', contrast: 'no-preference' } },
  { theme: 'contrast', media: { colorScheme: 'dark', contrast: 'more' } },
] as const;

export const axeEveryViewEveryTheme: Scenario = {
  name: 'axe-core: geen overtredingen in elke weergave, in licht, donker en hoog contrast',
  async run({ product, newPage }) {
    for (const { theme, media } of THEMES) {
      const page: Page = await newPage();
      // Outside Teams the tab follows the system's colour preferences.
      await page.emulateMedia(media);
      await page.goto(product.tabUrl);
      await eachView(page, async (view) => {
        check(
          (await renderedTheme(page)).theme === theme,
          `${view}: thema ${String((await renderedTheme(page)).theme)}, verwacht ${theme}`,
        );
        await expectNoAxeViolations(page, `${view} (${theme})`);
      });
    }
  },
};

export const axeHostAndConfiguration: Scenario = {
  name: 'axe-core: de Teams-host en de configuratiepagina, in licht, donker en hoog contrast',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.teamsHostUrl}?surface=settings`);
    const labels = { default: 'Standaard', dark: 'Donker', contrast: 'Hoog contrast' } as const;
    for (const { theme } of THEMES) {
      await choose(page, 'Thema', labels[theme]);
      const tab = await hostTabReady(page);
      await heading(tab, 'Functiewijzer aan dit kanaal toevoegen').waitFor();
      await tab.locator(`[data-theme="${theme}"]`).waitFor();
      await expectNoAxeViolations(tab, `configuratiepagina (${theme})`);
      await expectNoAxeViolations(page, `Teams-host (${theme})`);
    }
  },
};
