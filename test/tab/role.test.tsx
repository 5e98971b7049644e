/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotFoundError } from '../../src/graph/errors';
import { listDef } from '../../src/graph/lists';
import {
  ROLE_LOOKUP,
  ROW_LISTS,
  sharePointLinks,
} from '../../src/tab/features/role/sharepoint-links';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/** The card of one competency: a region named by its heading. */
async function competencyCard(name: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

describe('role page', () => {
  test('opens from a deep link with general data, doel, tasks, place and taakafspraken', async () => {
    renderApp({ subPageId: 'role/deskundige-ict' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' }),
    ).toBeInTheDocument();
    const general = screen.getByRole('region', { name: 'Algemeen' });
    expect(within(general).getByText('Afdeling').nextElementSibling).toHaveTextContent(
      'Algemeen beheer',
    );
    expect(within(general).getByText('Functionele loopbaan').nextElementSibling).toHaveTextContent(
      'B1-B3',
    );
    const purpose = screen.getByRole('region', { name: 'Doel van de functie' });
    expect(within(purpose).getByRole('heading', { name: 'Hoofdtaken' })).toBeInTheDocument();
    expect(within(purpose).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('region', { name: 'Plaats in de organisatie' })).toHaveTextContent(
      'rapporteert aan het diensthoofd ICT',
    );
    const areas = screen.getByRole('region', { name: 'Inhoudelijke taakafspraken' });
    expect(
      within(areas).getByRole('heading', { name: 'Behartigt de werking van de eigen dienst.' }),
    ).toBeInTheDocument();
  });

  test('shows "Niveau 2" for Tekstverwerking, a named scale and that level\'s indicators', async () => {
    renderApp({ subPageId: 'role/deskundige-ict' });
    const card = await competencyCard('Tekstverwerking');
    expect(card).toHaveTextContent('Vereist: Niveau 2 (Gevorderd)');
    expect(within(card).getByRole('img', { name: 'Vereist niveau 2 van 3' })).toBeInTheDocument();
    const panel = within(card).getByRole('tabpanel');
    expect(panel).toHaveTextContent('Kan figuren en tabellen invoegen.');
    expect(panel).not.toHaveTextContent('Kan werken met sjablonen.');
    expect(within(card).getByRole('tab', { name: 'Niveau 2 (vereist)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  test('the other levels are one click away', async () => {
    const user = userEvent.setup();
    renderApp({ subPageId: 'role/deskundige-ict' });
    const card = await competencyCard('Tekstverwerking');
    await user.click(within(card).getByRole('tab', { name: 'Niveau 3' }));
    const panel = within(card).getByRole('tabpanel');
    expect(panel).toHaveTextContent('Kan werken met sjablonen.');
    expect(panel).toHaveAccessibleName('Niveau 3');
    // The required level stays written out while another level is shown.
    expect(card).toHaveTextContent('Vereist: Niveau 2 (Gevorderd)');
  });

  test('the levels work by keyboard: one tab stop, arrows, Home and End', async () => {
    const user = userEvent.setup();
    renderApp({ subPageId: 'role/deskundige-ict' });
    const card = await competencyCard('Tekstverwerking');
    const tabs = within(card).getAllByRole('tab');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([-1, -1, 0, -1]);
    tabs[2]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(within(card).getByRole('tab', { name: 'Niveau 3' })).toHaveFocus();
    expect(within(card).getByRole('tabpanel')).toHaveTextContent('Kan werken met sjablonen.');
    await user.keyboard('{ArrowRight}');
    expect(within(card).getByRole('tab', { name: 'Niveau 0' })).toHaveFocus();
    expect(within(card).getByRole('tabpanel')).toHaveTextContent('N.v.t.');
    await user.keyboard('{End}');
    await user.keyboard('{ArrowLeft}');
    expect(within(card).getByRole('tab', { name: 'Niveau 2 (vereist)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // Tab leaves the list for the next control instead of walking every level.
    await user.tab();
    expect(within(card).getByRole('button', { name: 'Meer over Tekstverwerking' })).toHaveFocus();
  });

  test('groups competencies by block and cluster', async () => {
    renderApp({ subPageId: 'role/deskundige-ict' });
    await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' });
    const competencies = screen.getByRole('region', { name: 'Competenties' });
    const headings = within(competencies)
      .getAllByRole('heading')
      .map((h) => `${h.tagName}:${h.textContent}`);
    expect(headings.slice(0, 6)).toEqual([
      'H2:Competenties',
      'H3:Blok 1: technische competenties',
      'H4:PC-vaardigheden',
      'H5:Tekstverwerking',
      'H5:Presentaties',
      'H4:Wetgeving',
    ]);
    expect(headings).toContain('H3:Blok 2: gedragscompetenties');
    expect(headings).toContain('H4:Beheersmatige vaardigheden');
  });

  test('the approval status reads as a Dutch date', async () => {
    renderApp({ subPageId: 'role/deskundige-ict' });
    const approval = await screen.findByRole('region', { name: 'Goedkeuring' });
    expect(approval).toHaveTextContent('Goedgekeurd op 9 februari 2023');
  });

  test('a functieprofiel shows definition, level title and indicators without a level scale', async () => {
    renderApp({ subPageId: 'role/leidinggevende' });
    const card = await competencyCard('Klantgerichtheid');
    expect(card).toHaveTextContent('Met het oog op het dienen van het algemeen belang');
    expect(card).toHaveTextContent('Onderneemt, binnen de mogelijkheden van de eigen functie');
    expect(card).toHaveTextContent('Formuleert concrete voorstellen');
    expect(within(card).queryByRole('tablist')).not.toBeInTheDocument();
    expect(within(card).queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Resultaatsgebieden' })).toHaveTextContent(
      'Rapporteren',
    );
    expect(screen.getByRole('region', { name: 'Goedkeuring' })).toHaveTextContent('Concept');
  });

  test('"Openen in SharePoint" only for HR', async () => {
    const { unmount } = renderApp({ subPageId: 'role/deskundige-ict' });
    await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' });
    expect(screen.queryByRole('link', { name: /Openen in SharePoint/ })).not.toBeInTheDocument();
    unmount();

    renderApp({
      subPageId: 'role/deskundige-ict',
      user: { upn: 'hilde.janssens@stadtienen.onmicrosoft.com', displayName: 'Hilde', role: 'hr' },
      permissions: { canEdit: true, canSubmit: true, canApprove: false },
    });
    const link = await screen.findByRole('link', { name: /Openen in SharePoint/ });
    expect(link).toHaveAttribute(
      'href',
      'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/DispForm.aspx?ID=1',
    );
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
  });

  test('HR gets the role’s competency and task rows in SharePoint as views filtered on the role', async () => {
    const hr = {
      user: { upn: 'hilde.janssens@stadtienen.onmicrosoft.com', displayName: 'Hilde', role: 'hr' },
      permissions: { canEdit: true, canSubmit: true, canApprove: false },
    } as const;
    const { unmount } = renderApp({ subPageId: 'role/deskundige-ict' });
    await screen.findByRole('heading', { level: 1, name: 'Deskundige ICT' });
    expect(screen.queryByRole('link', { name: /in SharePoint/ })).not.toBeInTheDocument();
    unmount();

    renderApp({ subPageId: 'role/deskundige-ict', ...hr });
    const site = 'https://stadtienen.sharepoint.com/sites/functiewijzer';
    const filter = 'AllItems.aspx?FilterField1=Functie&FilterValue1=1&FilterLookupId1=1';
    expect(await screen.findByRole('link', { name: 'Competenties in SharePoint' })).toHaveAttribute(
      'href',
      `${site}/Lists/Functiecompetenties/${filter}`,
    );
    expect(screen.getByRole('link', { name: 'Taakafspraken in SharePoint' })).toHaveAttribute(
      'href',
      `${site}/Lists/Taakafspraken/${filter}`,
    );
    const group = screen.getByRole('group', { name: 'Acties' });
    expect(within(group).getAllByRole('link', { name: /SharePoint/ })).toHaveLength(3);
  });

  test('SharePoint links follow Graph’s item URL and the lists provisioning makes', () => {
    const links = sharePointLinks(
      'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/7_.000',
    );
    expect(links?.item).toBe(
      'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies/7_.000',
    );
    expect(links?.competencies).toMatch(
      /\/Lists\/Functiecompetenties\/AllItems\.aspx\?FilterField1=Functie&FilterValue1=7&FilterLookupId1=1$/,
    );
    // A URL that names no item still opens, without the filtered views.
    expect(
      sharePointLinks('https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies'),
    ).toEqual({
      item: 'https://stadtienen.sharepoint.com/sites/functiewijzer/Lists/Functies',
      competencies: null,
      tasks: null,
    });
    expect(sharePointLinks('javascript:alert(1)')).toBeNull();
    const rows = [listDef(ROW_LISTS.competencies), listDef(ROW_LISTS.tasks)];
    for (const def of rows) {
      expect(def.columns.find((c) => c.name === ROLE_LOOKUP)?.type).toEqual({
        kind: 'lookup',
        list: 'Functies',
      });
    }
  });

  test('"Afdrukken" opens the print dialog', async () => {
    const user = userEvent.setup();
    const print = jest.fn();
    window.print = print;
    renderApp({ subPageId: 'role/deskundige-ict' });
    await user.click(await screen.findByRole('button', { name: 'Afdrukken' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  test('list content is shown as text, never as HTML', async () => {
    const repositories = fakeRepositories();
    const original = await repositories.getRole('deskundige-ict');
    repositories.getRole.mockResolvedValue({
      ...original,
      description: {
        ...original.description,
        purpose: '<img src=x onerror="alert(1)">Doel',
      },
    });
    const { container } = renderApp({ subPageId: 'role/deskundige-ict', repositories });
    const purpose = await screen.findByRole('region', { name: 'Doel van de functie' });
    expect(purpose).toHaveTextContent('<img src=x onerror="alert(1)">Doel');
    expect(container.querySelector('img')).toBeNull();
  });

  test('an unknown role says so, without retrying', async () => {
    const repositories = fakeRepositories();
    renderApp({ subPageId: 'role/bestaat-niet', repositories });
    expect(await screen.findByText(/Deze pagina bestaat niet/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Opnieuw proberen' })).not.toBeInTheDocument();
    expect(repositories.getRole).toHaveBeenCalledTimes(1);
    await expect(repositories.getRole.mock.results[0]?.value).rejects.toBeInstanceOf(NotFoundError);
  });

  test('"Meer over" opens the competency page', async () => {
    const user = userEvent.setup();
    renderApp({ subPageId: 'role/deskundige-ict' });
    const card = await competencyCard('Klantgerichtheid');
    await user.click(within(card).getByRole('button', { name: 'Meer over Klantgerichtheid' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Klantgerichtheid' }),
    ).toHaveFocus();
  });

  test('has no axe violations in the light, dark and high-contrast themes', async () => {
    for (const [theme, key] of [
      ['default', 'deskundige-ict'],
      ['dark', 'leidinggevende'],
      ['contrast', 'deskundige-ict'],
    ] as const) {
      const { container, unmount } = renderApp({ theme, subPageId: `role/${key}` });
      await screen.findByRole('region', { name: 'Goedkeuring' });
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });
});
