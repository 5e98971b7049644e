/** @jest-environment jsdom */
import { QueryClient } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import type {
  CatalogueRow,
  CatalogueVerification,
  CatalogueVersion,
  FirstScreenRows,
  VersionedRows,
} from '../../src/services/catalogue';
import { rowsDigest } from '../../src/services/catalogue';
import {
  type CatalogueCheck,
  loadCatalogue,
  retryCatalogueCheck,
} from '../../src/tab/data/catalogue-load';
import { CACHE_VERSION, createCachePersister } from '../../src/tab/data/persist';
import { queryKeys } from '../../src/tab/data/queries';
import type {
  CatalogueEntry,
  TabCataloguePort,
  TabRepositories,
} from '../../src/tab/shared/host-context';
import { catalogueEntry, sampleRoles } from './support/fixtures';
import { memoryStorage } from './support/render-app';

/**
 * The catalogue query's fetch (issue 15): cold, the lean first screen (rows the row scan decides
 * "checking"), then the scan and the search text, merged into the cache in either order, and
 * the stamp only with the verified rows; warm, one revalidation and the stored rows kept — with
 * the search text the cache holds — or, when all must be read, the same two steps.
 */

const rows: CatalogueRow[] = sampleRoles.map((d) => ({ ...catalogueEntry(d), status: d.status }));
const withoutTasks = rows.map((r) => ({ ...r, tasks: [] }));
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
/** What the tab hands back to `verify`: opaque to it. */
const verification = { marker: 'eerste scherm' } as unknown as CatalogueVerification;
/** The first screen: the approved role (the first) waits for the scan. */
const painted: FirstScreenRows = {
  rows: withoutTasks.map((r, i) => (i === 0 ? { ...r, status: { kind: 'checking' } } : r)),
  checking: 1,
  verification,
  reread: 'all',
  withoutTasks: true,
};
const verified: VersionedRows = { rows: withoutTasks, version, reread: 'all', withoutTasks: true };

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function port(answer: Partial<VersionedRows> | FirstScreenRows = {}) {
  const catalogue: jest.Mocked<TabCataloguePort> = {
    firstScreen: jest.fn(async () => painted),
    verify: jest.fn(async (_verification: CatalogueVerification) => verified),
    revalidate: jest.fn(async (previous) =>
      'verification' in answer
        ? answer
        : {
            rows: [...previous.rows],
            version: previous.version,
            reread: 'none' as const,
            withoutTasks: false,
            ...answer,
          },
    ),
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

/** As the query runs it: the rows are stored when the fetch returns; the rest is merged after. */
function fetchCatalogue(client: QueryClient, repositories: TabRepositories) {
  return client.fetchQuery({
    queryKey: queryKeys.catalogue,
    queryFn: () => loadCatalogue(repositories, client),
  });
}

const cached = (client: QueryClient) => client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
const checkOf = (client: QueryClient) =>
  client.getQueryData<CatalogueCheck>(queryKeys.catalogueCheck);

test('cold: the first screen shows the row the scan decides as being checked, then exact, with its search text', async () => {
  const client = new QueryClient();
  const { catalogue, repositories } = port();
  const scan = deferred<VersionedRows>();
  catalogue.verify.mockReturnValueOnce(scan.promise);
  const first = await fetchCatalogue(client, repositories);
  expect(catalogue.firstScreen).toHaveBeenCalledTimes(1);
  expect(catalogue.revalidate).not.toHaveBeenCalled();
  expect(first[0]?.status).toEqual({ kind: 'checking' });
  expect(first.slice(1).map((r) => r.status)).toEqual(rows.slice(1).map((r) => r.status));
  // The scan and the search text are asked once the list has rendered, not while it renders.
  expect(catalogue.verify).not.toHaveBeenCalled();
  expect(catalogue.tasks).not.toHaveBeenCalled();
  await waitFor(() => expect(catalogue.verify).toHaveBeenCalledWith(verification));
  // No stamp while a row is unverified.
  expect(client.getQueryData(queryKeys.catalogueVersion)).toBeUndefined();
  expect(checkOf(client)).toEqual({ state: 'checking', count: 1 });
  // The search text arrives before the scan here: it is kept when the scan's rows come.
  await waitFor(() => expect(cached(client)?.[1]?.tasks).toEqual(rows[1]?.tasks));
  scan.resolve(verified);
  await waitFor(() => expect(cached(client)).toEqual(rows));
  expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version);
  expect(checkOf(client)).toEqual({ state: 'done', count: 0 });
});

test('cold: the scan may answer before the search text; both end in the cache', async () => {
  const client = new QueryClient();
  const { catalogue, repositories } = port();
  const text = deferred<Map<string, string[]>>();
  catalogue.tasks.mockReturnValueOnce(text.promise);
  await fetchCatalogue(client, repositories);
  await waitFor(() => expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version));
  expect(cached(client)).toEqual(withoutTasks);
  text.resolve(new Map(rows.map((r) => [r.key, r.tasks])));
  await waitFor(() => expect(cached(client)).toEqual(rows));
});

test('a stamp is never stored with rows still being checked; a restore without one reads afresh', async () => {
  const storage = memoryStorage();
  const client = new QueryClient();
  const persister = createCachePersister(client, {
    storage,
    key: 'k',
    buster: CACHE_VERSION,
    maxAgeMs: 60_000,
    throttleMs: 0,
  });
  const unsubscribe = persister.subscribe();
  const { catalogue, repositories } = port();
  const scan = deferred<VersionedRows>();
  catalogue.verify.mockReturnValueOnce(scan.promise);
  await fetchCatalogue(client, repositories);
  await waitFor(() => expect(storage.data.has('k')).toBe(true));
  // Written while the row was being checked: neither the rows nor a stamp.
  const early = JSON.parse(storage.data.get('k') ?? '{}') as {
    catalogue: unknown;
    queries: Array<{ queryKey: unknown[] }>;
  };
  expect(early.catalogue).toBeNull();
  expect(early.queries.map((q) => q.queryKey[0])).not.toContain('catalogue-version');

  // The tab is closed now: the next open restores no catalogue, and reads the first screen.
  const next = new QueryClient();
  await createCachePersister(next, {
    storage,
    key: 'k',
    buster: CACHE_VERSION,
    maxAgeMs: 60_000,
  }).restore();
  expect(cached(next)).toBeUndefined();
  const again = port();
  await fetchCatalogue(next, again.repositories);
  expect(again.catalogue.firstScreen).toHaveBeenCalledTimes(1);
  expect(again.catalogue.revalidate).not.toHaveBeenCalled();

  // Once verified, rows and stamp are stored together.
  scan.resolve(verified);
  await waitFor(() => {
    const record = JSON.parse(storage.data.get('k') ?? '{}') as {
      catalogue: unknown;
      queries: Array<{ queryKey: unknown[]; data: unknown }>;
    };
    expect(record.catalogue).not.toBeNull();
    expect(record.queries.find((q) => q.queryKey[0] === 'catalogue-version')?.data).toEqual(
      version,
    );
  });
  unsubscribe();
});

test('rows still being checked are never revalidated, even beside a stamp: the first screen is read', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, painted.rows);
  client.setQueryData(queryKeys.catalogueVersion, version);
  const { catalogue, repositories } = port();
  await loadCatalogue(repositories, client);
  expect(catalogue.revalidate).not.toHaveBeenCalled();
  expect(catalogue.firstScreen).toHaveBeenCalledTimes(1);
});

test('a failed scan leaves the rows "unknown", never a guessed status; a retry makes them exact', async () => {
  const client = new QueryClient();
  const { catalogue, repositories } = port();
  catalogue.verify.mockRejectedValueOnce(new Error('netwerk'));
  await fetchCatalogue(client, repositories);
  await waitFor(() => expect(checkOf(client)?.state).toBe('failed'));
  expect(cached(client)?.[0]?.status).toEqual({ kind: 'unknown' });
  expect(checkOf(client)).toMatchObject({ state: 'failed', count: 1 });
  expect(client.getQueryData(queryKeys.catalogueVersion)).toBeUndefined();
  await retryCatalogueCheck(repositories, client);
  expect(catalogue.verify).toHaveBeenCalledTimes(2);
  expect(catalogue.verify).toHaveBeenLastCalledWith(verification);
  expect(cached(client)?.map((r) => r.status)).toEqual(rows.map((r) => r.status));
  expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version);
});

test('warm and unchanged: one revalidation, the cached rows (search text included) stay', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, rows);
  client.setQueryData(queryKeys.catalogueVersion, version);
  const { catalogue, repositories } = port();
  const result = await loadCatalogue(repositories, client);
  expect(catalogue.revalidate).toHaveBeenCalledTimes(1);
  expect(catalogue.firstScreen).not.toHaveBeenCalled();
  expect(catalogue.verify).not.toHaveBeenCalled();
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

test('warm, all to be read: the stored stamp is dropped, the first screen replaces the rows, the scan follows', async () => {
  const client = new QueryClient();
  client.setQueryData(queryKeys.catalogue, rows);
  client.setQueryData(queryKeys.catalogueVersion, version);
  const { catalogue, repositories } = port(painted);
  const scan = deferred<VersionedRows>();
  catalogue.verify.mockReturnValueOnce(scan.promise);
  const shown = await fetchCatalogue(client, repositories);
  expect(catalogue.revalidate).toHaveBeenCalledTimes(1);
  expect(shown[0]?.status).toEqual({ kind: 'checking' });
  expect(client.getQueryData(queryKeys.catalogueVersion)).toBeUndefined();
  scan.resolve(verified);
  await waitFor(() => expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version));
  await waitFor(() => expect(cached(client)).toEqual(rows));
});

test('a scan that answers after a newer load changes nothing', async () => {
  const client = new QueryClient();
  const { catalogue, repositories } = port();
  const stale = deferred<VersionedRows>();
  catalogue.verify.mockReturnValueOnce(stale.promise);
  await fetchCatalogue(client, repositories);
  await waitFor(() => expect(checkOf(client)?.state).toBe('checking'));
  // A second load, whose scan answers at once.
  await client.fetchQuery({
    queryKey: queryKeys.catalogue,
    queryFn: () => loadCatalogue(repositories, client),
    staleTime: 0,
  });
  await waitFor(() => expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version));
  const other = { ...version, digest: 'anders' };
  stale.resolve({ ...verified, version: other });
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(client.getQueryData(queryKeys.catalogueVersion)).toEqual(version);
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
