import type { Scenario } from '../harness/runner';
import { choose, hostTabReady, initializeCount } from './host';
import {
  action,
  backToCatalogue,
  catalogueShown,
  check,
  compareRoles,
  heading,
  openFirstCompetency,
  openRole,
  renderedTheme,
  searchFor,
} from './views';

/** The tab inside the local Teams host: the teams-js protocol end to end. */

export const hostFlow: Scenario = {
  name: 'Teams-host: catalogus → zoeken → functie → competentie → vergelijken in het frame',
  async run({ product, newPage }) {
    const page = await newPage({ width: 1280, height: 900 });
    await page.goto(product.teamsHostUrl);
    const tab = await hostTabReady(page);
    await catalogueShown(tab);
    await searchFor(tab, 'rapporteren', ['Leidinggevende']);
    await openRole(tab, 'Deskundige ICT');
    await openFirstCompetency(tab);
    await backToCatalogue(tab);
    await compareRoles(tab, ['Deskundige ICT', 'Leidinggevende']);
    const log = await page.locator('#log').innerText();
    for (const func of [
      'initialize',
      'getContext',
      'registerHandler',
      'appInitialization.success',
    ]) {
      check(log.includes(`→ ${func}`), `het protocol mist ${func}:\n${log}`);
    }
  },
};

export const hostDeepLinkAndTheme: Scenario = {
  name: 'Teams-host: deep link via page.subPageId, en thema wisselen zonder herladen',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.teamsHostUrl}?subPageId=role/deskundige-ict`);
    let tab = await hostTabReady(page);
    await heading(tab, 'Deskundige ICT').waitFor();
    const light = await renderedTheme(tab);
    check(
      light.theme === 'default' && light.luminance > 0.8,
      `geen licht thema: ${JSON.stringify(light)}`,
    );

    const connects = await initializeCount(page);
    await choose(page, 'Thema', 'Donker');
    await tab.locator('[data-theme="dark"]').waitFor();
    const dark = await renderedTheme(tab);
    check(dark.luminance < 0.25, `het donkere thema is niet donker: ${JSON.stringify(dark)}`);
    await choose(page, 'Thema', 'Hoog contrast');
    await tab.locator('[data-theme="contrast"]').waitFor();
    check((await initializeCount(page)) === connects, 'een themawissel herlaadde het tabblad');
    // Still on the same view: the theme changed in place.
    await heading(tab, 'Deskundige ICT').waitFor();

    // Another deep link through the host's own control.
    await page.getByLabel('Subpagina (deep link)').fill('compare/deskundige-ict/leidinggevende');
    await page.getByRole('button', { name: 'Openen' }).click();
    tab = await hostTabReady(page);
    await heading(tab, 'Functies vergelijken').waitFor();
    check(
      (await renderedTheme(tab)).theme === 'contrast',
      'het thema ging verloren bij de deep link',
    );
  },
};

export const hostPersona: Scenario = {
  name: 'Teams-host: "Gebruiker" wisselt tussen medewerker, HR en algemeen directeur',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.teamsHostUrl}?subPageId=role/deskundige-ict`);
    const select = page.getByLabel('Gebruiker', { exact: true });
    // The host fills the list from the emulator after load: wait for it, as a user would.
    let tab = await hostTabReady(page);
    for (const role of ['Medewerker', 'HR', 'Algemeen directeur']) {
      const found = await select
        .locator('option', { hasText: `(${role})` })
        .first()
        .waitFor({ state: 'attached', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      const options = await select.locator('option').allTextContents();
      check(found, `"Gebruiker" mist ${role}: ${options.join(', ')}`);
    }
    await heading(tab, 'Deskundige ICT').waitFor();
    const sharePoint = () => action(tab, 'Openen in SharePoint');
    check((await sharePoint().count()) === 0, 'een medewerker krijgt "Openen in SharePoint"');

    await choose(page, 'Gebruiker', /\(HR\)$/);
    tab = await hostTabReady(page);
    await heading(tab, 'Deskundige ICT').waitFor();
    await sharePoint().first().waitFor();

    await choose(page, 'Gebruiker', /\(Algemeen directeur\)$/);
    tab = await hostTabReady(page);
    await heading(tab, 'Deskundige ICT').waitFor();
    check(
      (await sharePoint().count()) === 0,
      'de algemeen directeur krijgt "Openen in SharePoint"',
    );
  },
};

export const hostCrossOrigin: Scenario = {
  name: 'Teams-host op een andere origin (localhost → 127.0.0.1): teams-js vertrouwt de host in lokale modus',
  async run({ product, newPage }) {
    const page = await newPage();
    const hostUrl = product.teamsHostUrl.replace('127.0.0.1', 'localhost');
    await page.goto(hostUrl);
    const tab = await hostTabReady(page);
    check(
      new URL(tab.url()).hostname === '127.0.0.1',
      `het tabblad laadt niet van 127.0.0.1: ${tab.url()}`,
    );
    await catalogueShown(tab);
  },
};

export const hostChannelConfiguration: Scenario = {
  name: 'Teams-host: kanaaltabblad configureren (naam, startpagina) en opslaan',
  async run({ product, newPage }) {
    const page = await newPage();
    await page.goto(`${product.teamsHostUrl}?surface=settings`);
    let tab = await hostTabReady(page);
    await heading(tab, 'Functiewijzer aan dit kanaal toevoegen').waitFor();
    const save = page.getByRole('button', { name: 'Opslaan' });
    await page.waitForFunction(
      () => !(document.getElementById('save') as HTMLButtonElement).disabled,
    );
    const name = tab.getByRole('textbox', { name: /Naam van het tabblad/ });
    await name.fill('');
    await page.waitForFunction(
      () => (document.getElementById('save') as HTMLButtonElement).disabled,
    );
    await name.fill('ICT-functies');
    const start = tab.getByRole('combobox', { name: 'Openen op' });
    await start.locator('option', { hasText: 'Deskundige ICT' }).waitFor({ state: 'attached' });
    await start.selectOption({ label: 'Deskundige ICT' });
    await page.waitForFunction(
      () => !(document.getElementById('save') as HTMLButtonElement).disabled,
    );
    await save.click();
    await page.locator('#log li', { hasText: 'Kanaaltabblad opgeslagen.' }).waitFor();
    tab = await hostTabReady(page);
    check(
      (await page.getByLabel('Tabblad', { exact: true }).inputValue()) === 'channel',
      'de host opende het kanaaltabblad niet na het opslaan',
    );
    await heading(tab, 'Deskundige ICT').waitFor();
    await backToCatalogue(tab);
  },
};
