import type { Scenario } from '../harness/runner';
import {
  backToCatalogue,
  catalogueShown,
  check,
  compareRoles,
  heading,
  noHorizontalScroll,
  openFirstCompetency,
  openRole,
  searchFor,
} from './views';

/** The tab opened directly in a browser (no Teams): the plain-browser fallback. */

export const directFlow: Scenario = {
  name: 'tabblad direct: catalogus → zoeken → functie → competentie → vergelijken (1280 px)',
  async run({ product, newPage }) {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(product.tabUrl);
    await catalogueShown(page);
    await noHorizontalScroll(page, 'catalogus');
    await searchFor(page, 'ICT', ['Deskundige ICT']);
    await openRole(page, 'Deskundige ICT');
    // Outside Teams the address bar follows the view, so a reload or a copied URL reopens it.
    check(
      new URL(page.url()).searchParams.get('subPageId') === 'role/deskundige-ict',
      `de URL volgt de functiepagina niet: ${page.url()}`,
    );
    await openFirstCompetency(page);
    await backToCatalogue(page);
    await compareRoles(page, ['Deskundige ICT', 'Leidinggevende']);
    await noHorizontalScroll(page, 'vergelijking');
  },
};

export const directDeepLink: Scenario = {
  name: 'tabblad direct: deep link (?subPageId=…) opent een functie, een competentie en een vergelijking',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.tabUrl}?subPageId=role/leidinggevende`);
    await heading(page, 'Leidinggevende').waitFor();
    await page.goto(`${product.tabUrl}?subPageId=compare/deskundige-ict/leidinggevende`);
    await heading(page, 'Functies vergelijken').waitFor();
    await page.goto(`${product.tabUrl}?subPageId=role/deskundige-ict`);
    await heading(page, 'Deskundige ICT').waitFor();
    const competency = await openFirstCompetency(page);
    const competencyLink = new URL(page.url()).searchParams.get('subPageId') ?? '';
    check(
      competencyLink.startsWith('competency/'),
      `geen competentie-link in de URL: ${page.url()}`,
    );
    await page.reload();
    await heading(page, competency).waitFor();
  },
};

export const directPersonaSwitcher: Scenario = {
  name: 'tabblad direct: de gebruikerskeuze (lokale modus) wisselt van medewerker naar HR',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.tabUrl}?subPageId=role/deskundige-ict`);
    await heading(page, 'Deskundige ICT').waitFor();
    const switcher = page
      .getByRole('complementary', { name: 'Lokale modus' })
      .getByLabel('Gebruiker');
    const chosen = (await switcher.locator('option:checked').textContent()) ?? '';
    check(chosen.includes('(Medewerker)'), `de tab start niet als medewerker maar als ${chosen}`);
    // Staff read; only HR edits in SharePoint.
    check(
      (await page
        .getByRole('button', { name: 'Openen in SharePoint' })
        .or(page.getByRole('link', { name: 'Openen in SharePoint' }))
        .count()) === 0,
      'een medewerker krijgt "Openen in SharePoint" te zien',
    );
    const hr = (await switcher.locator('option').allTextContents()).find((o) => o.includes('(HR)'));
    check(hr, 'geen HR-gebruiker in de lijst');
    await switcher.selectOption({ label: hr });
    await heading(page, 'Deskundige ICT').waitFor();
    await page
      .getByRole('button', { name: 'Openen in SharePoint' })
      .or(page.getByRole('link', { name: 'Openen in SharePoint' }))
      .first()
      .waitFor();
  },
};
