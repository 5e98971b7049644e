import { useQueries, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { z } from 'zod';
import { catalogueVersionSchema } from '../../services/catalogue/version';
import type { TabRepositories } from '../shared/host-context';
import { loadCatalogue } from './catalogue-load';
import { catalogueSchema, dictionarySchema, roleDetailSchema } from './schemas';

/** One query per repository read; the keys double as the persisted cache's index. */
export const queryKeys = {
  catalogue: ['catalogue'] as const,
  /** The stamp the catalogue's rows were read with (catalogue-load.ts); no fetch of its own. */
  catalogueVersion: ['catalogue-version'] as const,
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

export function useCatalogueQuery() {
  const repositories = useRepositories();
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.catalogue,
    queryFn: ({ signal }) => loadCatalogue(repositories, client, signal),
  });
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
