import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { z } from 'zod';
import type { TabCacheStorage } from '../app/host-context';
import { persistedDataSchema } from './queries';

/**
 * A small persister for the query cache: a second open of the tab renders the last data at once
 * and the queries revalidate in the background (restored data is marked stale, so each view
 * refetches what it shows when it mounts). Hand-rolled rather than
 * `@tanstack/query-sync-storage-persister` because that package pins an older query-core than
 * ours (two copies in the bundle), and because what comes back from storage is validated here,
 * per query, with the same schemas the data has.
 */

export interface PersistOptions {
  storage: TabCacheStorage;
  /** Storage key; per user, so one person's cached view never shows up for another. */
  key: string;
  /** Bump to drop every cache written by an older app version. */
  buster: string;
  maxAgeMs: number;
  /** Writes are coalesced: at most one per this many milliseconds. */
  throttleMs?: number;
  /** How many role pages to keep; the catalogue and dictionary are always kept. */
  maxRoles?: number;
  now?: () => number;
}

export const CACHE_VERSION = 'functiewijzer-query-cache-1';

const envelopeSchema = z.object({
  buster: z.string(),
  savedAt: z.number(),
  queries: z.array(
    z.object({
      queryKey: z.array(z.union([z.string(), z.number()])),
      dataUpdatedAt: z.number(),
      data: z.unknown(),
    }),
  ),
});
type Envelope = z.infer<typeof envelopeSchema>;

export type RestoreOutcome = 'restored' | 'empty' | 'discarded';

/** Puts persisted data back into the cache; anything old, foreign or malformed is dropped. */
export async function restoreQueryCache(
  client: QueryClient,
  options: PersistOptions,
): Promise<RestoreOutcome> {
  const now = options.now ?? Date.now;
  let raw: string | null;
  try {
    raw = await options.storage.getItem(options.key);
  } catch {
    return 'empty';
  }
  if (raw === null) return 'empty';
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  const envelope = envelopeSchema.safeParse(json);
  if (
    !envelope.success ||
    envelope.data.buster !== options.buster ||
    now() - envelope.data.savedAt > options.maxAgeMs
  ) {
    await options.storage.removeItem(options.key).catch(() => undefined);
    return 'discarded';
  }
  let restored = 0;
  for (const query of envelope.data.queries) {
    const schema = persistedDataSchema(query.queryKey);
    const data = schema?.safeParse(query.data);
    if (!data?.success) continue;
    client.setQueryData(query.queryKey, data.data, { updatedAt: query.dataUpdatedAt });
    restored += 1;
  }
  // Shown at once, but never trusted as fresh: every view refetches what it shows on mount.
  await client.invalidateQueries({ refetchType: 'none' });
  return restored > 0 ? 'restored' : 'discarded';
}

function snapshot(client: QueryClient, options: PersistOptions): Envelope {
  const now = options.now ?? Date.now;
  const maxRoles = options.maxRoles ?? 50;
  const successful = client
    .getQueryCache()
    .getAll()
    .filter(
      (query) =>
        query.state.status === 'success' &&
        query.state.data !== undefined &&
        persistedDataSchema(query.queryKey) !== null,
    )
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  let roles = 0;
  const kept = successful.filter((query) => query.queryKey[0] !== 'role' || ++roles <= maxRoles);
  return {
    buster: options.buster,
    savedAt: now(),
    queries: kept.map((query) => ({
      queryKey: query.queryKey as Array<string | number>,
      dataUpdatedAt: query.state.dataUpdatedAt,
      data: query.state.data,
    })),
  };
}

/** Writes the cache after every successful fetch (coalesced); returns the unsubscribe. */
export function persistQueryCache(client: QueryClient, options: PersistOptions): () => void {
  const throttleMs = options.throttleMs ?? 1_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const text = JSON.stringify(snapshot(client, options));
    // A full quota or a private window must not break the tab: the cache is an optimisation.
    options.storage.setItem(options.key, text).catch(() => undefined);
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (!isPersisted(event.query.queryKey)) return;
    timer ??= setTimeout(write, throttleMs);
  });
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    write();
  };
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
  return () => {
    flush();
    unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', flush);
  };
}

function isPersisted(key: QueryKey): boolean {
  return persistedDataSchema(key) !== null;
}
