import type { QueryClient } from '@tanstack/react-query';
import { catalogueVersionSchema } from '../../services/catalogue/version';
import type { CatalogueEntry, TabRepositories } from '../shared/host-context';
import { queryKeys } from './queries';

/**
 * The catalogue query's fetch (issue 15). Cold: the first screen without search text, so the
 * list is on screen after some 3 MB (0.4 MB gzipped at 2,000 roles) instead of 11 MB; the search
 * text follows in a request of its own. Warm (rows and their stamp restored from storage): one
 * cheap request asks whether anything changed (src/services/catalogue/revalidation.ts) and the
 * stored rows stay; only rows that changed are replaced. The stamp is kept as a query of its
 * own (`queryKeys.catalogueVersion`) so the persister stores it beside the rows; a stamp that
 * is not the rows' is recognised by its digest and costs a full read, never a wrong row.
 */
export async function loadCatalogue(
  repositories: TabRepositories,
  client: QueryClient,
  signal?: AbortSignal,
): Promise<CatalogueEntry[]> {
  const port = repositories.catalogue;
  if (!port) return repositories.listCatalogue(signal);
  const previous = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
  const stored = catalogueVersionSchema.safeParse(client.getQueryData(queryKeys.catalogueVersion));
  const result =
    previous && stored.success
      ? await port.revalidate({ rows: previous, version: stored.data }, signal)
      : await port.firstScreen(signal);
  client.setQueryData(queryKeys.catalogueVersion, result.version);
  // What the cache holds now, not what was sent: the restore may have completed the stored
  // rows' search text meanwhile (persist.ts, restoreSearchText), and that must stay.
  const current = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
  let rows = result.rows;
  if (current && result.reread === 'none') {
    rows = current;
  } else if (current && Array.isArray(result.reread)) {
    const fresh = new Set(result.reread);
    const byKey = new Map(current.map((row) => [row.key, row]));
    rows = result.rows.map((row) => (fresh.has(row.key) ? row : (byKey.get(row.key) ?? row)));
  }
  if (result.withoutTasks) void completeCatalogueTasks(repositories, client);
  return rows;
}

/**
 * Reads every role's search text and puts it into the cached catalogue. Runs beside the first
 * render; a failure leaves search on titles and competencies (the next open reads it again).
 */
export async function completeCatalogueTasks(
  repositories: TabRepositories,
  client: QueryClient,
): Promise<void> {
  const port = repositories.catalogue;
  if (!port) return;
  let tasks: Map<string, string[]>;
  try {
    tasks = await port.tasks();
  } catch {
    return;
  }
  // Started inside the catalogue's own fetch: merge into the rows that fetch stores, not into
  // what the cache held before it (those would be replaced, text and all, a moment later).
  await whenNotFetching(client);
  const now = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
  if (!now) return;
  client.setQueryData<CatalogueEntry[]>(
    queryKeys.catalogue,
    now.map((row) => {
      const found = tasks.get(row.key);
      return found ? { ...row, tasks: found } : row;
    }),
  );
}

function whenNotFetching(client: QueryClient): Promise<void> {
  const idle = () => client.getQueryState(queryKeys.catalogue)?.fetchStatus !== 'fetching';
  if (idle()) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = client.getQueryCache().subscribe(() => {
      if (!idle()) return;
      unsubscribe();
      resolve();
    });
  });
}
