import {
  skipToken,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import type { z } from 'zod';
import { catalogueVersionSchema } from '../../services/catalogue/version';
import type { TabRepositories } from '../shared/host-context';
import { type CatalogueCheck, loadCatalogue, retryCatalogueCheck } from './catalogue-load';
import { catalogueSchema, dictionarySchema, roleDetailSchema } from './schemas';

/** One query per repository read; the keys double as the persisted cache's index. */
export const queryKeys = {
  catalogue: ['catalogue'] as const,
  /** The stamp the catalogue's rows were read with (catalogue-load.ts); no fetch of its own. */
  catalogueVersion: ['catalogue-version'] as const,
  /** Where the catalogue's row scan stands (catalogue-load.ts); not persisted, no fetch. */
  catalogueCheck: ['catalogue-check'] as const,
  role: (key: string) => ['role', key] as const,
  dictionary: ['competencies'] as const,
};

/** The schema of a persisted query's data, or null for queries that are not persisted. */
export function persistedDataSchema(key: QueryKey): z.ZodType | null {
  if (key.length === 1 && key[0] === 'catalogue') return catalogueSchema;
  if (key.length === 1 && key[0] === 'competencies') return dictionarySchema;
  if (key.length === 1 && key[0] === 'catalogue-version') return catalogueVersionSchema;
  if (key.length === 2 && key[0] === 'role' && typeof key[1] === 'string') return roleDetailSchema;
  return null;
}

export const RepositoriesContext = createContext<TabRepositories | null>(null);

function useRepositories(): TabRepositories {
  const repositories = useContext(RepositoriesContext);
  if (!repositories) throw new Error('useRepositories buiten <DataProvider> gebruikt');
  return repositories;
}

/**
 * `enabled: false` holds the read back (a cached catalogue still shows): for a view whose own
 * data comes first and which needs the catalogue only for its pickers.
 */
export function useCatalogueQuery(options: { enabled?: boolean } = {}) {
  const repositories = useRepositories();
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.catalogue,
    queryFn: ({ signal }) => loadCatalogue(repositories, client, signal),
    enabled: options.enabled ?? true,
  });
}

/**
 * Where the catalogue's row scan stands (catalogue-load.ts), and a retry after it failed. The
 * state is set by the catalogue's own load, never fetched: undefined before any first screen.
 */
export function useCatalogueCheck(): {
  check: CatalogueCheck | undefined;
  retry: () => Promise<void>;
} {
  const repositories = useRepositories();
  const client = useQueryClient();
  const { data } = useQuery<CatalogueCheck>({
    queryKey: queryKeys.catalogueCheck,
    queryFn: skipToken,
    staleTime: Infinity,
  });
  const retry = useCallback(
    () => retryCatalogueCheck(repositories, client),
    [repositories, client],
  );
  return { check: data, retry };
}

export function useRoleQuery(key: string) {
  const repositories = useRepositories();
  return useQuery({
    queryKey: queryKeys.role(key),
    queryFn: ({ signal }) => repositories.getRole(key, signal),
  });
}

export function useRoleQueries(keys: readonly string[]) {
  const repositories = useRepositories();
  return useQueries({
    queries: keys.map((key) => ({
      queryKey: queryKeys.role(key),
      queryFn: ({ signal }: { signal: AbortSignal }) => repositories.getRole(key, signal),
    })),
  });
}

export function useDictionaryQuery() {
  const repositories = useRepositories();
  return useQuery({
    queryKey: queryKeys.dictionary,
    queryFn: ({ signal }) => repositories.listCompetencies(signal),
  });
}
