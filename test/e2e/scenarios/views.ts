import type { Frame, Locator, Page } from 'playwright-core';

/**
 * The user's path through the tab, the same whether the tab runs directly in a page or inside
 * the local Teams host's frame. Everything waits for what a user would see; nothing sleeps.
 */

export type Root = Page | Frame;

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Fluent's Link renders as a button without href: find an action by name, whichever it is. */
export function action(root: Root, name: string | RegExp): Locator {
  return root.getByRole('button', { name }).or(root.getByRole('link', { name }));
}

export function heading(root: Root, name: string | RegExp): Locator {
  return root.getByRole('heading', { level: 1, name });
}

export function roleList(root: Root): Locator {
  return root.getByRole('list', { name: 'Functies' });
}

export async function listedTitles(root: Root): Promise<string[]> {
  const items = roleList(root).getByRole('listitem');
  const titles: string[] = [];
  for (const item of await items.all()) {
    titles.push(
      (
        (await item.getByRole('button').or(item.getByRole('link')).first().textContent()) ?? ''
      ).trim(),
    );
  }
  return titles;
}

export async function catalogueShown(root: Root): Promise<void> {
  await heading(root, 'Functies').waitFor();
  await action(root, 'Deskundige ICT').first().waitFor();
  const titles = await listedTitles(root);
  check(
    titles.includes('Deskundige ICT') && titles.includes('Leidinggevende'),
    `de catalogus toont niet beide voorbeeldfuncties: ${titles.join(', ')}`,
  );
}

/**
 * Waits until the catalogue's row scan has answered (issue 15): until then a role whose status
 * it decides reads "Status wordt gecontroleerd…" instead of a status.
 */
export async function statusesChecked(root: Root): Promise<void> {
  await root
    .getByRole('list', { name: 'Functies' })
    .getByText('Status wordt gecontroleerd…')
    .first()
    .waitFor({ state: 'detached' });
}

export async function searchFor(root: Root, text: string, expected: string[]): Promise<void> {
  const box = root.getByRole('searchbox', { name: /Zoek op functie, taak of competentie/ });
  await box.fill(text);
  try {
    await root
      .getByRole('status')
      .filter({ hasText: `${expected.length} van` })
      .first()
      .waitFor();
  } catch {
    throw new Error(
      `zoeken op "${text}" toont ${JSON.stringify(await listedTitles(root))}, verwacht ${JSON.stringify(expected)}`,
    );
  }
  const titles = await listedTitles(root);
  check(
    JSON.stringify(titles) === JSON.stringify(expected),
    `zoeken op "${text}" toont ${JSON.stringify(titles)}, verwacht ${JSON.stringify(expected)}`,
  );
  await box.fill('');
  await root
    .getByRole('status')
    .filter({ hasText: /^\d+ functies$/ })
    .first()
    .waitFor();
}

export async function openRole(root: Root, title: string): Promise<void> {
  await action(root, title).first().click();
  await heading(root, title).waitFor();
  await root.getByRole('heading', { name: 'Competenties', exact: true }).first().waitFor();
}

/** From a role page: the first competency's own page. Returns its name. */
export async function openFirstCompetency(root: Root): Promise<string> {
  const more = action(root, /^Meer over /).first();
  const label = ((await more.textContent()) ?? '').trim();
  const name = label.replace(/^Meer over /, '');
  check(name.length > 0, 'geen link "Meer over …" op de functiepagina');
  await more.click();
  await heading(root, name).waitFor();
  await root.getByRole('heading', { name: 'Functies die deze competentie vereisen' }).waitFor();
  return name;
}

export async function backToCatalogue(root: Root): Promise<void> {
  await root
    .getByRole('navigation', { name: 'Hoofdnavigatie' })
    .getByRole('button', { name: 'Catalogus' })
    .click();
  await catalogueShown(root);
}

/** From the catalogue: select the roles and open the comparison. */
export async function compareRoles(root: Root, titles: string[]): Promise<void> {
  for (const title of titles) {
    await root.getByRole('checkbox', { name: `Vergelijken: ${title}` }).check();
  }
  await root.getByRole('button', { name: 'Vergelijk selectie' }).click();
  await comparisonShown(root, titles);
}

export async function comparisonShown(root: Root, titles: string[]): Promise<void> {
  await heading(root, 'Functies vergelijken').waitFor();
  const table = root.getByRole('table');
  await table.first().waitFor();
  const text = (await table.first().textContent()) ?? '';
  for (const title of titles) check(text.includes(title), `de vergelijking toont ${title} niet`);
}

/** No horizontal scrolling: the page is never wider than its viewport. */
export async function noHorizontalScroll(root: Root, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await root.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  check(
    scrollWidth <= clientWidth,
    `${where}: horizontaal scrollen (${scrollWidth} px inhoud in ${clientWidth} px)`,
  );
}

/** The theme the tab renders with, and how dark its background is (0 black … 1 white). */
export async function renderedTheme(
  root: Root,
): Promise<{ theme: string | null; luminance: number }> {
  return root.evaluate(() => {
    const provider = document.querySelector('[data-theme]');
    const colour = provider ? getComputedStyle(provider).backgroundColor : 'rgb(255, 255, 255)';
    const [r = 255, g = 255, b = 255] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    return {
      theme: provider?.getAttribute('data-theme') ?? null,
      luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255,
    };
  });
}
