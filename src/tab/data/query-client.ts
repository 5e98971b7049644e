import { QueryClient } from '@tanstack/react-query';
import { isRetryable } from './errors';

/** How long persisted data is worth showing at all; older than a day, start clean. */
export const CACHE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Shown at once from the cache, refreshed in the background when a view mounts.
        staleTime: 60_000,
        // Kept in memory as long as it is worth persisting, or the persister loses it.
        gcTime: CACHE_MAX_AGE_MS,
        retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8_000),
        // Teams fires focus events on every click into the tab; a minute of staleness is fine.
        refetchOnWindowFocus: false,
      },
    },
  });
}
