/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor } from '@testing-library/react';
import { NetworkError } from '../../src/graph/errors';
import type { CatalogueEntry } from '../../src/tab/app/host-context';
import { errorKind, isRetryable } from '../../src/tab/data/errors';
import { CACHE_VERSION } from '../../src/tab/data/persist';
import { catalogueEntry, sampleRoles } from './support/fixtures';
import { fakeRepositories, memoryStorage, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

const SOFIE = 'sofie.maes@stadtienen.onmicrosoft.com';
const cacheKey = (upn: string) => `functiewijzer:cache:${upn}`;

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function persisted(catalogue: CatalogueEntry[], ageMs: number): string {
  const at = Date.now() - ageMs;
  return JSON.stringify({
    buster: CACHE_VERSION,
    savedAt: at,
    queries: [{ queryKey: ['catalogue'], dataUpdatedAt: at, data: catalogue }],
  });
}

const catalogue = sampleRoles.map(catalogueEntry);

describe('persisted cache', () => {
  test('the first open writes the catalogue to the store', async () => {
    const storage = memoryStorage();
    const { unmount } = renderApp({ cacheStorage: storage });
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    unmount(); // flushes the pending write
    const saved = JSON.parse(storage.data.get(cacheKey(SOFIE)) ?? 'null') as {
      queries: Array<{ queryKey: unknown[]; data: CatalogueEntry[] }>;
    };
    const entry = saved.queries.find((q) => q.queryKey[0] === 'catalogue');
    expect(entry?.data.map((e) => e.key)).toEqual(catalogue.map((e) => e.key));
  });

  test('a second open renders the stored catalogue at once and revalidates it', async () => {
    const storage = memoryStorage({ [cacheKey(SOFIE)]: persisted(catalogue, 5 * 60_000) });
    const repositories = fakeRepositories();
    let answer: (value: CatalogueEntry[]) => void = () => undefined;
    repositories.listCatalogue.mockImplementation(
      () => new Promise<CatalogueEntry[]>((resolve) => (answer = resolve)),
    );
    renderApp({ cacheStorage: storage, repositories });
    // On screen while the repository has not answered.
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalledTimes(1));
    const renamed = catalogue.map((e) =>
      e.key === 'deskundige-ict' ? { ...e, title: 'Deskundige ICT (nieuw)' } : e,
    );
    act(() => answer(renamed));
    expect(
      await screen.findByRole('button', { name: 'Deskundige ICT (nieuw)' }),
    ).toBeInTheDocument();
  });

  test('another user never sees the stored view of someone else', async () => {
    const storage = memoryStorage({ [cacheKey(SOFIE)]: persisted(catalogue, 1000) });
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockImplementation(never);
    renderApp({
      cacheStorage: storage,
      repositories,
      user: { upn: 'hilde.janssens@stadtienen.onmicrosoft.com', displayName: 'Hilde', role: 'hr' },
    });
    expect(await screen.findByRole('status', { name: '' })).toHaveTextContent('Laden…');
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Deskundige ICT' })).not.toBeInTheDocument();
  });

  test.each([
    ['not JSON', '{nope'],
    ['another app version', JSON.stringify({ buster: 'old', savedAt: Date.now(), queries: [] })],
    ['older than a day', persisted(catalogue, 25 * 60 * 60_000)],
    [
      'data of the wrong shape',
      persisted([{ key: 'x', title: 42 } as unknown as CatalogueEntry], 1000),
    ],
  ])('a stored cache that is %s is ignored', async (_, stored) => {
    const storage = memoryStorage({ [cacheKey(SOFIE)]: stored });
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockImplementation(never);
    renderApp({ cacheStorage: storage, repositories });
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Laden…');
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });
});

describe('network', () => {
  let online = true;
  beforeAll(() => {
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
  });
  afterEach(() => {
    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
  });

  test('going offline shows a notice, coming back removes it', async () => {
    renderApp();
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    expect(screen.queryByText(/Je bent offline/)).not.toBeInTheDocument();
    online = false;
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(
      screen.getByText(/Je bent offline\. Je ziet de laatst bewaarde gegevens/),
    ).toBeInTheDocument();
    // The data already on screen stays.
    expect(screen.getByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByText(/Je bent offline/)).not.toBeInTheDocument();
  });

  test('offline without stored data says so instead of loading forever', async () => {
    online = false;
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    const repositories = fakeRepositories();
    renderApp({ repositories });
    expect(await screen.findByText(/nog geen gegevens bewaard op dit toestel/)).toBeInTheDocument();
    expect(repositories.listCatalogue).not.toHaveBeenCalled();
    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
  });

  test('a network hiccup is retried without the user doing anything', async () => {
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockRejectedValueOnce(new NetworkError('Geen verbinding.'));
    renderApp({ repositories });
    expect(
      await screen.findByRole('button', { name: 'Deskundige ICT' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(repositories.listCatalogue).toHaveBeenCalledTimes(2);
  });
});

describe('error kinds', () => {
  test('typed Graph errors and wrapped ones are recognised; only hiccups are retried', () => {
    expect(errorKind(new NetworkError('x'))).toBe('network');
    expect(errorKind({ kind: 'forbidden', message: 'x' })).toBe('forbidden');
    expect(errorKind(new TypeError('Failed to fetch'))).toBe('network');
    expect(errorKind(new Error('boom'))).toBe('other');
    expect(isRetryable({ kind: 'notFound' })).toBe(false);
    expect(isRetryable({ kind: 'unauthorized' })).toBe(false);
    expect(isRetryable({ kind: 'throttled' })).toBe(true);
    expect(isRetryable(new Error('boom'))).toBe(true);
  });
});
