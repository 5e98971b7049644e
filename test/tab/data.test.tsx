/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NetworkError } from '../../src/graph/errors';
import type { CatalogueEntry } from '../../src/tab/shared/host-context';
import { errorKind, isRetryable } from '../../src/tab/data/errors';
import { CACHE_VERSION, createCachePersister } from '../../src/tab/data/persist';
import { QueryClient } from '@tanstack/react-query';
import { catalogueEntry, sampleRoles } from './support/fixtures';
import { fakeRepositories, memoryStorage, renderApp } from './support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('./support/sync-views'));

const SOFIE = 'sofie.maes@stadtienen.onmicrosoft.com';
const cacheKey = (upn: string) => `functiewijzer:cache:${upn}`;
const tasksKey = (upn: string) => `${cacheKey(upn)}:tasks`;

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

const catalogue = sampleRoles.map(catalogueEntry);

/**
 * The records a first open of the tab stores for Sofie, written by the tab itself: the tests
 * below read them back the way a second open does, or damage them first.
 */
async function storedSession(entries: CatalogueEntry[] = catalogue): Promise<Map<string, string>> {
  const storage = memoryStorage();
  const repositories = fakeRepositories(undefined, undefined, entries);
  const { unmount } = renderApp({ cacheStorage: storage, repositories });
  await waitFor(() => expect(storage.data.has(tasksKey(SOFIE))).toBe(true));
  unmount();
  return new Map(storage.data);
}

/** The stored main record with `change` applied to its parsed JSON. */
function edited(stored: Map<string, string>, change: (record: Record<string, unknown>) => void) {
  const record = JSON.parse(stored.get(cacheKey(SOFIE)) ?? 'null') as Record<string, unknown>;
  change(record);
  return JSON.stringify(record);
}

/** A second open on `records`, its revalidation held until `answer` is called. */
function secondOpen(records: Record<string, string>) {
  const storage = memoryStorage(records);
  const repositories = fakeRepositories();
  let answer: (value: CatalogueEntry[]) => void = () => undefined;
  repositories.listCatalogue.mockImplementation(
    () => new Promise<CatalogueEntry[]>((resolve) => (answer = resolve)),
  );
  renderApp({ cacheStorage: storage, repositories });
  return { storage, repositories, answer: (value: CatalogueEntry[]) => act(() => answer(value)) };
}

function resultTitles(): string[] {
  return within(screen.getByRole('list', { name: 'Functies' }))
    .getAllByRole('listitem')
    .map((item) => within(item).getAllByRole('button')[0]?.textContent ?? '');
}

describe('persisted cache', () => {
  test('a second open shows the stored catalogue at once and revalidates it', async () => {
    const stored = await storedSession();
    const { repositories, answer } = secondOpen(Object.fromEntries(stored));
    // On screen while the repository has not answered.
    expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('3 functies');
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalledTimes(1));
    const renamed = catalogue.map((e) =>
      e.key === 'deskundige-ict' ? { ...e, title: 'Deskundige ICT (nieuw)' } : e,
    );
    answer(renamed);
    expect(
      await screen.findByRole('button', { name: 'Deskundige ICT (nieuw)' }),
    ).toBeInTheDocument();
  });

  test('before the revalidation answers, search finds stored tasks and competencies and says why', async () => {
    const user = userEvent.setup();
    const stored = await storedSession();
    secondOpen(Object.fromEntries(stored));
    const search = await screen.findByRole('searchbox', { name: /zoek op functie/i });
    await user.type(search, 'geintegreerd beleid');
    await waitFor(() => expect(resultTitles()).toEqual(['Deskundige ICT']));
    expect(screen.getByRole('list', { name: 'Functies' })).toHaveTextContent(
      'Gevonden in: Taak: Werkt mee aan een geïntegreerd beleid voor de organisatie.',
    );
    await user.clear(search);
    await user.type(search, 'samenwerken');
    await waitFor(() => expect(resultTitles()).toEqual(['Leidinggevende']));
    expect(screen.getByRole('list', { name: 'Functies' })).toHaveTextContent(
      'Gevonden in: Competentie: Samenwerken',
    );
  });

  test('the catalogue reads back exactly as the repository gave it, and is not written back', async () => {
    const varied: CatalogueEntry[] = catalogue.map((e, i) => ({
      ...e,
      department: i === 0 ? null : e.department,
      status: i === 1 ? { kind: 'draft', historicalDate: '2021-03-04' } : e.status,
      competencies: e.competencies.map((c, j) => ({
        ...c,
        requiredLevel: j === 0 ? null : i === 2 && j === 1 ? 5 : c.requiredLevel,
      })),
      // A role on 1–5 keeps its scale and its level 5 through storage.
      levelScale: i === 2 ? { lowest: 1, highest: 5, titles: [] } : e.levelScale,
    }));
    const storage = memoryStorage(Object.fromEntries(await storedSession(varied)));
    const writes = jest.spyOn(storage, 'setItem');
    const client = new QueryClient();
    const persister = createCachePersister(client, {
      storage,
      key: cacheKey(SOFIE),
      buster: CACHE_VERSION,
      maxAgeMs: 60_000,
    });
    const unsubscribe = persister.subscribe();
    expect(await persister.restore()).toBe('restored');
    expect(await persister.restoreSearchText()).toBe(true);
    expect(client.getQueryData(['catalogue'])).toEqual(varied);
    unsubscribe();
    expect(writes).not.toHaveBeenCalled();
  });

  test('a revalidation that brings the same catalogue rewrites only the small record', async () => {
    const stored = await storedSession();
    const { storage, repositories, answer } = secondOpen(Object.fromEntries(stored));
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    const writes = jest.spyOn(storage, 'setItem');
    // Equal content in new objects, as every fetch brings.
    answer(JSON.parse(JSON.stringify(catalogue)) as CatalogueEntry[]);
    await waitFor(() => expect(writes).toHaveBeenCalledWith(cacheKey(SOFIE), expect.any(String)));
    expect(writes).not.toHaveBeenCalledWith(tasksKey(SOFIE), expect.any(String));
    expect(storage.data.get(tasksKey(SOFIE))).toBe(stored.get(tasksKey(SOFIE)));
  });

  test('a revalidation that changed a task stores the new search text', async () => {
    const user = userEvent.setup();
    const stored = await storedSession();
    const { storage, repositories, answer } = secondOpen(Object.fromEntries(stored));
    await screen.findByRole('button', { name: 'Deskundige ICT' });
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    answer(
      catalogue.map((e) =>
        e.key === 'deskundige-ict' ? { ...e, tasks: [...e.tasks, 'Beheert de printervloot.'] } : e,
      ),
    );
    await waitFor(() =>
      expect(storage.data.get(tasksKey(SOFIE))).toContain('Beheert de printervloot.'),
    );
    const search = screen.getByRole('searchbox', { name: /zoek op functie/i });
    await user.type(search, 'printervloot');
    await waitFor(() => expect(resultTitles()).toEqual(['Deskundige ICT']));
  });

  test('another user never sees the stored view of someone else', async () => {
    const stored = await storedSession();
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockImplementation(never);
    renderApp({
      cacheStorage: memoryStorage(Object.fromEntries(stored)),
      repositories,
      user: { upn: 'hilde.janssens@stadtienen.onmicrosoft.com', displayName: 'Hilde', role: 'hr' },
    });
    expect(await screen.findByRole('status', { name: '' })).toHaveTextContent('Laden…');
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Deskundige ICT' })).not.toBeInTheDocument();
  });

  test.each<[string, (stored: Map<string, string>) => string]>([
    ['not JSON', () => '{nope'],
    ['of another app version', (stored) => edited(stored, (r) => (r['buster'] = 'old'))],
    [
      'older than a day',
      (stored) => edited(stored, (r) => (r['savedAt'] = Date.now() - 25 * 60 * 60_000)),
    ],
    [
      'of the wrong shape',
      (stored) =>
        edited(stored, (r) => {
          const entries = (r['catalogue'] as { entries: Array<Record<string, unknown>> }).entries;
          entries[0]!['title'] = 42;
        }),
    ],
    [
      'naming a competency outside its table',
      (stored) =>
        edited(stored, (r) => {
          const entries = (r['catalogue'] as { entries: Array<Record<string, unknown>> }).entries;
          entries[0]!['competencies'] = '999:2';
        }),
    ],
    [
      // Rows of before issue 13's scales: read back as 0–3 they could be on 1–5. Both the
      // version stamp and the rows' shape refuse them; each on its own is checked here.
      'of version 2, whose rows carry no level scale',
      (stored) =>
        edited(stored, (r) => {
          r['buster'] = 'functiewijzer-query-cache-2';
          const entries = (r['catalogue'] as { entries: Array<Record<string, unknown>> }).entries;
          for (const entry of entries) delete entry['levelScale'];
        }),
    ],
    [
      'of rows without a level scale',
      (stored) =>
        edited(stored, (r) => {
          const entries = (r['catalogue'] as { entries: Array<Record<string, unknown>> }).entries;
          delete entries[0]!['levelScale'];
        }),
    ],
    [
      'holding a level off its row scale',
      (stored) =>
        edited(stored, (r) => {
          const entries = (r['catalogue'] as { entries: Array<Record<string, unknown>> }).entries;
          entries[0]!['competencies'] = '0:7';
        }),
    ],
  ])('a stored cache that is %s is ignored', async (_, damage) => {
    const stored = await storedSession();
    const storage = memoryStorage({
      [cacheKey(SOFIE)]: damage(stored),
      [tasksKey(SOFIE)]: stored.get(tasksKey(SOFIE)) ?? '',
    });
    const repositories = fakeRepositories();
    repositories.listCatalogue.mockImplementation(never);
    renderApp({ cacheStorage: storage, repositories });
    await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalled());
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Laden…');
    expect(screen.queryByRole('listitem')).not.toBeInTheDocument();
  });

  test.each<[string, (stored: Map<string, string>) => string | null]>([
    ['missing', () => null],
    ['not JSON', () => '[1,'],
    [
      'of another session',
      (stored) => (stored.get(tasksKey(SOFIE)) ?? '').replace(/"stamp":"[^"]+"/, '"stamp":"x"'),
    ],
    [
      'for fewer roles',
      (stored) => {
        const tasks = JSON.parse(stored.get(tasksKey(SOFIE)) ?? 'null') as { tasks: unknown[] };
        tasks.tasks.pop();
        return JSON.stringify(tasks);
      },
    ],
  ])(
    'stored search text that is %s: the list still shows, the revalidation brings the tasks',
    async (_, damage) => {
      const user = userEvent.setup();
      const stored = await storedSession();
      const tasks = damage(stored);
      const records: Record<string, string> = {
        [cacheKey(SOFIE)]: stored.get(cacheKey(SOFIE)) ?? '',
      };
      if (tasks !== null) records[tasksKey(SOFIE)] = tasks;
      const { repositories, answer } = secondOpen(records);
      expect(await screen.findByRole('button', { name: 'Deskundige ICT' })).toBeInTheDocument();
      const search = screen.getByRole('searchbox', { name: /zoek op functie/i });
      // Damaged tasks are never shown as if they were the role's: a task search finds nothing yet.
      await user.type(search, 'geintegreerd beleid');
      await waitFor(() =>
        expect(screen.queryByRole('list', { name: 'Functies' })).not.toBeInTheDocument(),
      );
      await waitFor(() => expect(repositories.listCatalogue).toHaveBeenCalledTimes(1));
      answer(catalogue);
      await waitFor(() => expect(resultTitles()).toEqual(['Deskundige ICT']));
    },
  );
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
