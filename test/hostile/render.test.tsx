/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import type { RoleDetail } from '../../src/tab/shared/host-context';
import { catalogueEntry, sampleDictionary, sampleRoles } from '../tab/support/fixtures';
import { fakeRepositories, renderApp } from '../tab/support/render-app';
import { HOSTILE, HOSTILE_KEY, hostileDescription } from './payloads';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('../tab/support/sync-views'));

/**
 * List content rendered by the tab stays text: no element is made from it, nothing runs, no link
 * points at `javascript:`. Markup in the DOM would show as an element; a handler that ran would
 * have set `window.__pwned`.
 */

declare global {
  interface Window {
    __pwned?: string;
  }
}

const hostile: RoleDetail = {
  description: hostileDescription(),
  status: { kind: 'draft' },
  sharePointUrl: null,
};

function assertNothingInjected(container: HTMLElement): void {
  expect(container.querySelectorAll('script, iframe, object, embed')).toHaveLength(0);
  // The tab draws no <img> of its own (icons are inline SVG); any img came from content.
  expect(container.querySelectorAll('img')).toHaveLength(0);
  for (const element of Array.from(container.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.startsWith('on') ? attribute.name : null).toBeNull();
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name)) {
        expect(attribute.value.trim().toLowerCase()).not.toMatch(/^javascript:/);
      }
    }
  }
  expect(window.__pwned).toBeUndefined();
}

function hostileRepositories() {
  return fakeRepositories([...sampleRoles, hostile], sampleDictionary, [
    ...sampleRoles.map(catalogueEntry),
    catalogueEntry(hostile),
  ]);
}

beforeEach(() => {
  delete window.__pwned;
});

describe('hostile list content in the tab', () => {
  test('the catalogue shows markup and emoji in a title as text', async () => {
    const { container } = renderApp({ repositories: hostileRepositories() });
    const title = `${HOSTILE.script} ${HOSTILE.emoji}`;
    expect(await screen.findByRole('button', { name: title })).toBeInTheDocument();
    assertNothingInjected(container);
  });

  test('the role page shows every hostile field as the text that was typed', async () => {
    const { container } = renderApp({
      repositories: hostileRepositories(),
      subPageId: `role/${HOSTILE_KEY}`,
    });
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent(`${HOSTILE.script} ${HOSTILE.emoji}`, {
      normalizeWhitespace: false,
    });
    const general = screen.getByRole('region', { name: 'Algemeen' });
    // Direction overrides and zero-width characters survive unchanged (no stripping, no markup).
    expect(within(general).getByText('Afdeling').nextElementSibling?.textContent).toBe(HOSTILE.rtl);
    expect(within(general).getByText('Dienst').nextElementSibling?.textContent).toBe(
      HOSTILE.zeroWidth,
    );
    expect(within(general).getByText('Graad').nextElementSibling?.textContent).toBe(HOSTILE.jsUrl);
    const purpose = screen.getByRole('region', { name: 'Doel van de functie' });
    expect(purpose.textContent).toContain(HOSTILE.img);
    const tasks = within(purpose)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(tasks).toContain(HOSTILE.link);
    // The 100 KB task arrives whole, not cut off.
    expect(tasks).toContain(HOSTILE.long);
    expect(container.textContent).toContain(HOSTILE.emoji);
    assertNothingInjected(container);
  });

  test('a javascript: URL for the SharePoint item never becomes a link', async () => {
    const poisoned: RoleDetail = { ...hostile, sharePointUrl: HOSTILE.jsUrl };
    const repositories = fakeRepositories([...sampleRoles, poisoned], sampleDictionary, [
      ...sampleRoles.map(catalogueEntry),
      catalogueEntry(poisoned),
    ]);
    const { container } = renderApp({
      repositories,
      subPageId: `role/${HOSTILE_KEY}`,
      permissions: { canEdit: true, canSubmit: true, canApprove: false },
    });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('link', { name: 'Openen in SharePoint' })).not.toBeInTheDocument();
    assertNothingInjected(container);
  });

  test('an https URL for the SharePoint item is still a link (the check is not a blanket ban)', async () => {
    const https =
      'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/DispForm.aspx?ID=7';
    const fine: RoleDetail = { ...hostile, sharePointUrl: https };
    const repositories = fakeRepositories([...sampleRoles, fine], sampleDictionary, [
      ...sampleRoles.map(catalogueEntry),
      catalogueEntry(fine),
    ]);
    renderApp({
      repositories,
      subPageId: `role/${HOSTILE_KEY}`,
      permissions: { canEdit: true, canSubmit: true, canApprove: false },
    });
    expect(await screen.findByRole('link', { name: 'Openen in SharePoint' })).toHaveAttribute(
      'href',
      https,
    );
  });

  test('the comparison shows hostile content as text', async () => {
    const { container } = renderApp({
      repositories: hostileRepositories(),
      subPageId: `compare/deskundige-ict/${HOSTILE_KEY}`,
    });
    expect(
      await screen.findAllByText(`${HOSTILE.script} ${HOSTILE.emoji}`, { exact: false }),
    ).not.toHaveLength(0);
    assertNothingInjected(container);
  });
});
