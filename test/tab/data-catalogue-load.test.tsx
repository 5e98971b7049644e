/** @jest-environment jsdom */
import { QueryClient } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import type { CatalogueVersion, VersionedRows } from '../../src/services/catalogue';
import { rowsDigest } from '../../src/services/catalogue';
import { loadCatalogue } from '../../src/tab/data/catalogue-load';
import { queryKeys } from '../../src/tab/data/queries';
import type {
  CatalogueEntry,
  TabCataloguePort,
  TabRepositories,
} from '../../src/tab/shared/host-context';
import { catalogueEntry, sampleRoles } from './support/fixtures';

/**
 * The catalogue query's fetch (issue 15): cold, the stamped first screen and then the search
 * text; warm, one revalidation and the stored rows kept — with the search text the cache holds.
 */

const rows: CatalogueEntry[] = sampleRoles.map(catalogueEntry);
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

function port(answer: Partial<VersionedRows> = {}) {
  const withoutTasks = rows.map((r) => ({ ...r, tasks: [] }));
  const catalogue: jest.Mocked<TabCataloguePort> = {
    firstScreen: jest.fn(async () => ({
      rows: withoutTasks,
      version,
      reread: 'all' as const,
      withoutTasks: true,
    })),
    revalidate: jest.fn(async (previous) => ({
      rows: [...previous.rows],
      version: previous.version,
      reread: 'none' as const,
      withoutTasks: false,
      ...answer,
    })),
    tasks: jest.fn(async () => new Map(rows.map((r) => [r.key, r.tasks]))),
  };
  const repositories = {
    listCatalogue: jest.fn(),
    getRole: jest.fn(),
    listCompetencies: jest.fn(),
    catalogue,
  } as unknown as TabRepositories;
  return { catalogue, repositories };
}

test('cold: the first screen without search text, then the search text in the cache', async () => {
  const client = new QueryClient();
  const { catalogue, repositories } = port();
  // As the query runs it: the rows are stored when the fetch returns, the text merged after.
  const first = await client.fetchQuery({
    queryKey: queryKeys.catalogue,
    queryFn: () => loadCatalogue(repositories, client),
  });
  expect(catalogue.firstScreen).toHaveBeenCalledTimes(1);
  expect(catalogue.revalidate).not.toHaveBeenCalled();
  expect(first.every((r) => r.tasks.length === 0)).toBe(true);
  expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version);
  await waitFor(() =>
    expect(client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue)).toEqual(rows),
  );
  expect(catalogue.tasks).toHaveBeenCalledTimes(1);
});

test('warm and unchanged: one revalidation, the cached rows (search text included) stay', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, rows);
  client.setQueryData(queryKeys.catalogueVersion, version);
  const { catalogue, repositories } = port();
  const result = await loadCatalogue(repositories, client);
  expect(catalogue.revalidate).toHaveBeenCalledTimes(1);
  expect(catalogue.firstScreen).not.toHaveBeenCalled();
  expect(catalogue.tasks).not.toHaveBeenCalled();
  expect(result).toBe(client.getQueryData(queryKeys.catalogue));
});

test('warm with one role re-read: that row is replaced, the others keep their search text', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, rows);
  client.setQueryData(queryKeys.catalogueVersion, version);
  const changed = { ...rows[0]!, title: `${rows[0]!.title} (nieuw)`, tasks: ['nieuwe taak'] };
  const { repositories } = port({
    // The service hands back the stored rows as sent (here without search text) and the new one.
    rows: [changed, ...rows.slice(1).map((r) => ({ ...r, tasks: [] }))],
    reread: [changed.key],
  });
  const result = await loadCatalogue(repositories, client);
  expect(result[0]).toEqual(changed);
  expect(result.slice(1)).toEqual(rows.slice(1));
});

test('a stored stamp of the wrong shape is not used: the first screen is read', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, rows);
  client.setQueryData(queryKeys.catalogueVersion, { lists: 'kapot' });
  const { catalogue, repositories } = port();
  await loadCatalogue(repositories, client);
  expect(catalogue.firstScreen).toHaveBeenCalledTimes(1);
  expect(catalogue.revalidate).not.toHaveBeenCalled();
});
