import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from '../harness/axe';
import type { Scenario } from '../harness/runner';
import { docxOf, pdfOf, readSeed } from '../../import/document-fixtures';
import { catalogueShown, check, heading, listedTitles } from './views';

/**
 * Issue 13, item 4: HR imports in the tab. A docx is dropped on the zone and a PDF is picked
 * with the keyboard (the file dialog opened with Enter); both are parsed in the page's Web
 * Worker (pdf.js and mammoth in the browser), previewed, saved to SharePoint (the emulator) and
 * then listed in the catalogue. Keyboard only after the persona is chosen; axe on the page.
 */

const MAX_TABS = 120;

async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${what} is niet met Tab te bereiken (${MAX_TABS} keer geprobeerd)`);
}

const nonBlankLines = (text: string): string[] =>
  text.split(/\r?\n/).filter((line) => line.trim() !== '');

/** The ICT seed as another role: every "ICT" renamed, so its title and key are new. */
function seedAs(name: string): string[] {
  return nonBlankLines(readSeed('functiebeschrijving-deskundige-ict.txt').replace(/ICT/g, name));
}

/** A drop on the zone with real File objects, as the browser gives a drag from the desktop. */
async function dropFile(page: Page, zone: Locator, name: string, bytes: Buffer, type: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ base64, name, type }) => {
      const raw = atob(base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i += 1) data[i] = raw.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { base64: bytes.toString('base64'), name, type },
  );
  await zone.dispatchEvent('drop', { dataTransfer });
}

export const importDocuments: Scenario = {
  name: 'importeren: HR sleept een docx en kiest een PDF, ziet de voorbeelden, slaat op; de functies staan in de catalogus',
  async run({ product, newPage }) {
    const page = await newPage({ width: 1280, height: 900 });
    await page.goto(product.tabUrl);
    await catalogueShown(page);
    check(
      (await page.getByRole('button', { name: 'Importeren' }).count()) === 0,
      'een medewerker krijgt "Importeren" te zien',
    );
    const switcher = page
      .getByRole('complementary', { name: 'Lokale modus' })
      .getByLabel('Gebruiker');
    const hr = (await switcher.locator('option').allTextContents()).find((o) => o.includes('(HR)'));
    check(hr, 'geen HR-gebruiker in de lijst');
    await switcher.selectOption({ label: hr });

    // From here on the keyboard only (the drop stands for a drag from the desktop).
    const entry = page.getByRole('button', { name: 'Importeren' });
    await entry.waitFor();
    await tabTo(page, entry, 'de knop "Importeren"');
    await page.keyboard.press('Enter');
    await heading(page, 'Functiebeschrijvingen importeren').waitFor();

    const docx = await docxOf(seedAs('Archief'));
    const pdf = await pdfOf([seedAs('Erfgoed')]);
    await dropFile(
      page,
      page.getByRole('region', { name: 'Documenten om te importeren' }),
      'deskundige-archief.docx',
      docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    const choose = page.getByRole('button', { name: 'Bestanden kiezen' });
    await tabTo(page, choose, 'de knop "Bestanden kiezen"');
    // Enter on the focused button (a key press on that element: no mouse).
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 30_000 }),
      choose.press('Enter'),
    ]);
    await chooser.setFiles([
      { name: 'deskundige-erfgoed.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);

    for (const [file, title] of [
      ['deskundige-archief.docx', 'Deskundige Archief'],
      ['deskundige-erfgoed.pdf', 'Deskundige Erfgoed'],
    ] as const) {
      const card = page.getByRole('region', { name: file });
      await card.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
      await card.getByText('Nieuwe functie: ze bestaat nog niet in SharePoint.').waitFor();
      check(
        await card.getByRole('checkbox', { name: `${title} opslaan` }).isChecked(),
        `${title} is niet geselecteerd om op te slaan`,
      );
      const serviceText = await card
        .getByText('Dienst', { exact: true })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
      check(
        serviceText === title.replace('Deskundige ', ''),
        `${file}: de dienst is '${serviceText ?? ''}'`,
      );
    }
    await expectNoAxeViolations(page, 'de importpagina met twee voorbeelden');

    const save = page.getByRole('button', { name: 'Opslaan in SharePoint (2)' });
    await tabTo(page, save, 'de knop "Opslaan in SharePoint (2)"');
    await page.keyboard.press('Enter');
    for (const file of ['deskundige-archief.docx', 'deskundige-erfgoed.pdf']) {
      await page
        .getByRole('region', { name: file })
        .getByText('Opgeslagen als nieuwe functie.')
        .waitFor({ timeout: 30_000 });
    }
    await page.getByRole('status').getByText('2 van 2 documenten opgeslagen').waitFor();
    await expectNoAxeViolations(page, 'de importpagina na het opslaan');

    const catalogue = page.getByRole('button', { name: 'Catalogus' });
    await tabTo(page, catalogue, 'de knop "Catalogus"');
    await page.keyboard.press('Enter');
    await heading(page, 'Functies').waitFor();
    await page
      .getByRole('list', { name: 'Functies' })
      .getByRole('button', { name: 'Deskundige Erfgoed' })
      .waitFor();
    const titles = await listedTitles(page);
    check(
      titles.includes('Deskundige Archief') && titles.includes('Deskundige Erfgoed'),
      `de geïmporteerde functies staan niet in de catalogus: ${titles.join(', ')}`,
    );
  },
};
