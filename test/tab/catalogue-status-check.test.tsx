/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NetworkError } from '../../src/graph/errors';
import type {
  CatalogueRow,
  CatalogueVerification,
  CatalogueVersion,
  FirstScreenRows,
  VersionedRows,
} from '../../src/services/catalogue';
import { rowsDigest } from '../../src/services/catalogue';
import type { TabCataloguePort } from '../../src/tab/shared/host-context';
import { catalogueEntry, sampleRoles } from './support/fixtures';
import { axeViolations, fakeRepositories, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

/*
 * Issue 15: the list is on screen before the row scan; a row whose status the scan decides says
 * "Status wordt gecontroleerd…" (never the status its stored hash suggests) until it answers,
 * the status filter and sort do not place it under a status meanwhile, and a failed scan leaves
 * "Status onbekend" with a Dutch error and a retry.
 */

const CHECKING = 'Status wordt gecontroleerd…';
const APPROVED = 'Goedgekeurd op 9 februari 2023';

// Deskundige ICT is approved, Leidinggevende a draft, Administratief medewerker pending.
const rows: CatalogueRow[] = sampleRoles.map((d) => ({ ...catalogueEntry(d), status: d.status }));
const version: CatalogueVersion = {
  lists: {
    Functies: '2026-12-01T09:00:00Z',
    Taakafspraken: '2026-12-01T09:00:00Z',
    Functiecompetenties: '2026-12-01T09:00:00Z',
    Besluiten: '2026-12-01T09:00:00Z',
    Goedkeuringsaanvragen: '2026-12-01T09:00:00Z',
  },
  approvers: 'u-director',
  ids: Object.fromEntries(rows.map((r, i) => [r.key, String(i + 1)])),
  digest: rowsDigest(rows),
};
const verification = { marker: 'eerste scherm' } as unknown as CatalogueVerification;
/** The approved and the pending role wait for the scan; the draft is exact at once. */
const painted: FirstScreenRows = {
  rows: rows.map((r) => (r.status.kind === 'draft' ? r : { ...r, status: { kind: 'checking' } })),
  checking: 2,
  verification,
  reread: 'all',
  withoutTasks: false,
};

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function withPort() {
  const scan = deferred<VersionedRows>();
  const catalogue: jest.Mocked<TabCataloguePort> = {
    firstScreen: jest.fn(async () => painted),
    verify: jest.fn((_verification: CatalogueVerification) => scan.promise),
    revalidate: jest.fn(
      async (
        _previous: Parameters<TabCataloguePort['revalidate']>[0],
      ): Promise<FirstScreenRows | VersionedRows> => painted,
    ),
    tasks: jest.fn(async () => new Map(rows.map((r) => [r.key, r.tasks]))),
  };
  const repositories = { ...fakeRepositories(), catalogue };
  return { repositories, catalogue, scan };
}

function row(title: string): HTMLElement {
  const items = within(screen.getByRole('list', { name: 'Functies' })).getAllByRole('listitem');
  const found = items.find((item) => within(item).queryByRole('button', { name: title }));
  if (!found) throw new Error(`geen rij ${title}`);
  return found;
}

function titles(): string[] {
  return within(screen.getByRole('list', { name: 'Functies' }))
    .getAllByRole('listitem')
    .map((item) => within(item).getAllByRole('button')[0]?.textContent ?? '');
}

const verified: VersionedRows = { rows, version, reread: 'all', withoutTasks: false };

test('a row the scan decides says it is being checked until the scan answers, then its status', async () => {
  const { repositories, catalogue, scan } = withPort();
  const { container } = renderApp({ repositories });
  await screen.findByRole('button', { name: 'Deskundige ICT' });
  expect(within(row('Deskundige ICT')).getByText(CHECKING)).toBeInTheDocument();
  expect(within(row('Deskundige ICT')).queryByText(APPROVED)).not.toBeInTheDocument();
  expect(within(row('Administratief medewerker')).getByText(CHECKING)).toBeInTheDocument();
  // Not decided by the scan: exact at once.
  expect(within(row('Leidinggevende')).getByText('Concept')).toBeInTheDocument();
  // One polite live region for the whole list, not one per row.
  const live = screen.getByText('De status van 2 functies wordt gecontroleerd…');
  expect(live).toHaveAttribute('aria-live', 'polite');
  expect(container.querySelectorAll('[aria-live="polite"]')).toHaveLength(2); // and the compare bar
  expect(await axeViolations(container)).toEqual([]);
  expect(catalogue.verify).toHaveBeenCalledWith(verification);

  await act(async () => scan.resolve(verified));
  await waitFor(() =>
    expect(within(row('Deskundige ICT')).getByText(APPROVED)).toBeInTheDocument(),
  );
  expect(within(row('Administratief medewerker')).getByText('Ter goedkeuring')).toBeInTheDocument();
  expect(screen.queryByText(CHECKING)).not.toBeInTheDocument();
  expect(live).toHaveTextContent('De status van alle functies is gecontroleerd.');
});

test('while rows are checked, the status filter shows only known statuses and says how many wait', async () => {
  const user = userEvent.setup();
  const { repositories, scan } = withPort();
  renderApp({ repositories });
  await screen.findByRole('button', { name: 'Deskundige ICT' });
  const status = screen.getByRole('combobox', { name: 'Status' });
  expect(status).toHaveAccessibleDescription('2 functies worden nog gecontroleerd');

  // "Goedgekeurd" while the approved role is being checked: it is not shown as approved.
  await user.selectOptions(status, 'Goedgekeurd');
  expect(await screen.findByText('Geen functies gevonden')).toBeInTheDocument();
  expect(
    screen.getByText(
      '2 functies worden nog gecontroleerd: ze staan voorlopig bij geen enkele status, en onderaan bij sorteren op status.',
    ),
  ).toBeInTheDocument();
  await user.selectOptions(status, 'Concept');
  expect(titles()).toEqual(['Leidinggevende']);

  // Sorting by status: the known first, the rows being checked after them.
  await user.selectOptions(status, 'Alle');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Sorteren op' }), 'Status');
  expect(titles()).toEqual(['Leidinggevende', 'Administratief medewerker', 'Deskundige ICT']);

  // Once the scan has answered, the filter finds the approved role and the notice is gone.
  await act(async () => scan.resolve(verified));
  await waitFor(() =>
    expect(titles()).toEqual(['Deskundige ICT', 'Administratief medewerker', 'Leidinggevende']),
  );
  await user.selectOptions(status, 'Goedgekeurd');
  expect(titles()).toEqual(['Deskundige ICT']);
  expect(status).not.toHaveAccessibleDescription('2 functies worden nog gecontroleerd');
  expect(screen.queryByText(/worden nog gecontroleerd/)).not.toBeInTheDocument();
});

test('a failed scan: "Status onbekend" with a Dutch error and a retry, never a guessed status', async () => {
  const user = userEvent.setup();
  const { repositories, catalogue, scan } = withPort();
  renderApp({ repositories });
  await screen.findByRole('button', { name: 'Deskundige ICT' });
  await act(async () => scan.reject(new NetworkError('SharePoint is niet bereikbaar.')));
  expect(
    await screen.findByText(
      'De status van 2 functies kon niet worden gecontroleerd. Ze staan als ‘Status onbekend’ tot controleren lukt.',
    ),
  ).toBeInTheDocument();
  expect(within(row('Deskundige ICT')).getByText('Status onbekend')).toBeInTheDocument();
  expect(within(row('Deskundige ICT')).queryByText(APPROVED)).not.toBeInTheDocument();
  expect(within(row('Leidinggevende')).getByText('Concept')).toBeInTheDocument();

  catalogue.verify.mockResolvedValueOnce(verified);
  await user.click(screen.getByRole('button', { name: 'Opnieuw controleren' }));
  await waitFor(() =>
    expect(within(row('Deskundige ICT')).getByText(APPROVED)).toBeInTheDocument(),
  );
  expect(screen.queryByText('Status onbekend')).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Opnieuw controleren' })).not.toBeInTheDocument();
});
