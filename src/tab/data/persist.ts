import { hashKey, type Query, type QueryClient } from '@tanstack/react-query';
import type { CatalogueRow } from '../../services/catalogue';
import type { CatalogueEntry, TabCacheStorage } from '../shared/host-context';
import { schedule } from './schedule';
import { allVerified } from './status-check';
import { RESTORE_MARKS } from '../host/marks';
import { persistedDataSchema, queryKeys } from './queries';
import {
  persistedEnvelopeSchema,
  storedCatalogueSchema,
  storedCatalogueTasksSchema,
  type PersistedEnvelope,
  type StoredCatalogueInput,
  type StoredCatalogueTasks,
} from './schemas';

/**
 * A small persister for the query cache: a second open of the tab renders the last data at once
 * and the queries revalidate in the background (restored data is marked stale, so each view
 * refetches what it shows when it mounts). Hand-rolled rather than
 * `@tanstack/query-sync-storage-persister` because that package pins an older query-core than
 * ours (two copies in the bundle), and because what comes back from storage is validated here,
 * per query, with the same schemas the data has.
 *
 * The catalogue is stored apart from the rest and in two records (see `storedCatalogueSchema`):
 * at 2,000 roles its tasks are some 8 MB that only the search needs. A warm open reads and
 * validates the small record first and shows the list (`restore`); the tasks follow right after
 * the first paint (`restoreSearchText`). Measured in Chromium: reading, parsing and validating
 * the whole catalogue as one JSON string took about 170 ms before anything could render.
 */

export interface PersistOptions {
  storage: TabCacheStorage;
  /** Storage key; per user, so one person's cached view never shows up for another. */
  key: string;
  /** Bump to drop every cache written by an older app version. */
  buster: string;
  maxAgeMs: number;
  /** Writes are coalesced: at most one per this many milliseconds (the first goes at once). */
  throttleMs?: number;
  /** How many role pages to keep; the catalogue and dictionary are always kept. */
  maxRoles?: number;
  now?: () => number;
}

/**
 * 3: catalogue rows carry their level scale (issue 13). A cache of version 2 has rows without
 * it, which would read as 0–3 whatever the role's scale: it is dropped and read again.
 */
export const CACHE_VERSION = 'functiewijzer-query-cache-3';

/** The key of the catalogue's search-text record, beside the user's main record. */
export function tasksKey(key: string): string {
  return `${key}:tasks`;
}

export type RestoreOutcome = 'restored' | 'empty' | 'discarded';

export interface CachePersister {
  /**
   * Puts the persisted data back into the cache, the catalogue without its tasks; anything old,
   * foreign or malformed is dropped.
   */
  restore(): Promise<RestoreOutcome>;
  /**
   * Completes the restored catalogue with its tasks, unless fresher data arrived meanwhile.
   * Resolves true when the catalogue is complete (or there was none to complete).
   */
  restoreSearchText(): Promise<boolean>;
  /** Writes the cache after every successful fetch (coalesced); returns the unsubscribe. */
  subscribe(): () => void;
}

/** What is on storage now, so an unchanged cache is not written again. */
interface Written {
  /** `queryHash → dataUpdatedAt` of the last main record. */
  queries: Map<string, number>;
  /** The catalogue array whose tasks the tasks record holds, and its stamp. */
  tasksOf: readonly CatalogueEntry[] | null;
  tasksStamp: string | null;
}

export function createCachePersister(client: QueryClient, options: PersistOptions): CachePersister {
  const now = options.now ?? Date.now;
  const written: Written = { queries: new Map(), tasksOf: null, tasksStamp: null };
  /** Restored without tasks: the array in the cache, and the stamp its tasks must carry. */
  let partial: { entries: CatalogueEntry[]; tasksStamp: string; updatedAt: number } | null = null;

  const discard = async (): Promise<'discarded'> => {
    await Promise.all([
      options.storage.removeItem(options.key).catch(() => undefined),
      options.storage.removeItem(tasksKey(options.key)).catch(() => undefined),
    ]);
    return 'discarded';
  };

  const restore = async (): Promise<RestoreOutcome> => {
    mark(RESTORE_MARKS.start);
    let raw: string | null;
    try {
      raw = await options.storage.getItem(options.key);
    } catch {
      return 'empty';
    }
    mark(RESTORE_MARKS.read);
    if (raw === null) return 'empty';
    const envelope = persistedEnvelopeSchema.safeParse(parseJson(raw));
    if (
      !envelope.success ||
      envelope.data.buster !== options.buster ||
      now() - envelope.data.savedAt > options.maxAgeMs
    ) {
      return discard();
    }
    let restored = 0;
    for (const query of envelope.data.queries) {
      const data = persistedDataSchema(query.queryKey)?.safeParse(query.data);
      if (!data?.success) continue;
      client.setQueryData(query.queryKey, data.data, { updatedAt: query.dataUpdatedAt });
      written.queries.set(hashKey(query.queryKey), query.dataUpdatedAt);
      restored += 1;
    }
    const catalogue = storedCatalogueSchema.safeParse(envelope.data.catalogue);
    if (catalogue.success) {
      const { dataUpdatedAt, tasksStamp } = catalogue.data;
      // Tasks follow in `restoreSearchText`; until then search covers titles and competencies.
      const entries = catalogue.data.entries.map((entry) => ({ ...entry, tasks: [] }));
      client.setQueryData(queryKeys.catalogue, entries, { updatedAt: dataUpdatedAt });
      partial = { entries, tasksStamp, updatedAt: dataUpdatedAt };
      written.queries.set(hashKey(queryKeys.catalogue), dataUpdatedAt);
      restored += 1;
    }
    mark(RESTORE_MARKS.validated);
    // Shown at once, but never trusted as fresh: every view refetches what it shows on mount.
    await client.invalidateQueries({ refetchType: 'none' });
    return restored > 0 ? 'restored' : discard();
  };

  const restoreSearchText = async (): Promise<boolean> => {
    const pending = partial;
    partial = null;
    if (!pending) return true;
    let raw: string | null = null;
    try {
      raw = await options.storage.getItem(tasksKey(options.key));
    } catch {
      // As if missing: the catalogue is refetched on mount anyway.
    }
    const stored = raw === null ? null : storedCatalogueTasksSchema.safeParse(parseJson(raw));
    const tasks = stored?.success ? stored.data : null;
    const matches =
      tasks !== null &&
      tasks.stamp === pending.tasksStamp &&
      tasks.tasks.length === pending.entries.length;
    // Fresher data from the network (or a user switch) replaced the restored array: keep that.
    const current = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
    if (current !== pending.entries) return true;
    if (!matches) {
      // A record of another session or a damaged one: the list stays as restored and the
      // revalidation that is already under way brings the tasks.
      mark(RESTORE_MARKS.searchText);
      return false;
    }
    const complete = pending.entries.map((entry, index) => ({
      ...entry,
      tasks: tasks.tasks[index] ?? [],
    }));
    client.setQueryData(queryKeys.catalogue, complete, { updatedAt: pending.updatedAt });
    // On storage already, so a revalidation that brings the same catalogue writes no tasks. The
    // cache holds a structurally shared copy of `complete`, not `complete` itself: remember that.
    written.tasksOf = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue) ?? null;
    written.tasksStamp = tasks.stamp;
    mark(RESTORE_MARKS.searchText);
    return true;
  };

  /** Writes what changed since the last write; false when storage holds it already. */
  const write = (): boolean => {
    const snapshot = takeSnapshot(client, options, written, now);
    if (!snapshot) return false;
    const { envelope, tasks, state } = snapshot;
    const storage = options.storage;
    written.queries = state.queries;
    // Both writes start now (one IndexedDB transaction each, run in this order), so a write
    // flushed on `pagehide` is not left half-issued. The first screen's record goes first. A
    // failed or interrupted tasks write leaves stamps that differ, which `restoreSearchText`
    // detects; a failure is forgotten so the next write tries again. A full quota or a private
    // window must not break the tab: the cache is an optimisation.
    storage.setItem(options.key, JSON.stringify(envelope)).catch(() => {
      written.queries = new Map();
    });
    if (tasks) {
      written.tasksOf = state.tasksOf;
      written.tasksStamp = state.tasksStamp;
      storage.setItem(tasksKey(options.key), JSON.stringify(tasks)).catch(() => {
        written.tasksOf = null;
        written.tasksStamp = null;
      });
    }
    return true;
  };

  const subscribe = () => {
    const throttleMs = options.throttleMs ?? 1_000;
    let cancel: (() => void) | null = null;
    let lastWrite = Number.NEGATIVE_INFINITY;
    const run = () => {
      cancel = null;
      // Only a real write counts for the throttle; the restore's own updates write nothing.
      if (write()) lastWrite = now();
    };
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (persistedDataSchema(event.query.queryKey) === null) return;
      // The first write is not held back by the throttle: a tab closed a second after its
      // first open should still open warm next time. It waits for an idle moment, though, so
      // serialising the catalogue never delays the render of the data that just arrived.
      // Later writes are coalesced.
      cancel ??= schedule(run, Math.max(0, lastWrite + throttleMs - now()), throttleMs);
    });
    const flush = () => {
      if (cancel === null) return;
      cancel();
      run();
    };
    if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
    return () => {
      flush();
      unsubscribe();
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', flush);
    };
  };

  return { restore, restoreSearchText, subscribe };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
    performance.mark(name);
  }
}

function isCatalogue(query: Query): boolean {
  return query.queryKey.length === 1 && query.queryKey[0] === queryKeys.catalogue[0];
}

interface Snapshot {
  envelope: PersistedEnvelope;
  tasks: StoredCatalogueTasks | null;
  state: Written;
}

/** What to write, or null when storage holds exactly this already. */
function takeSnapshot(
  client: QueryClient,
  options: PersistOptions,
  written: Written,
  now: () => number,
): Snapshot | null {
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
  const queries = new Map(kept.map((query) => [query.queryHash, query.state.dataUpdatedAt]));
  if (
    queries.size === written.queries.size &&
    [...queries].every(([hash, at]) => written.queries.get(hash) === at)
  ) {
    return null;
  }

  const catalogueQuery = kept.find(isCatalogue);
  // Rows still being checked (or whose check failed) are never stored: their stamp is not set
  // before they are verified (catalogue-load.ts), and without both the next open reads afresh.
  const data = catalogueQuery?.state.data as CatalogueEntry[] | undefined;
  const catalogue = data && allVerified(data) ? data : undefined;
  let tasks: StoredCatalogueTasks | null = null;
  let tasksStamp = written.tasksStamp;
  let tasksOf = written.tasksOf;
  // Structural sharing keeps the array when a refetch brought nothing new: no 8 MB rewrite then.
  if (catalogue && (catalogue !== written.tasksOf || tasksStamp === null)) {
    tasksStamp = `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    tasksOf = catalogue;
    tasks = { stamp: tasksStamp, tasks: catalogue.map((entry) => entry.tasks) };
  }
  return {
    envelope: {
      buster: options.buster,
      savedAt: now(),
      catalogue:
        catalogue && catalogueQuery && tasksStamp !== null
          ? encodeCatalogue(catalogue, catalogueQuery.state.dataUpdatedAt, tasksStamp)
          : null,
      queries: kept
        .filter((query) => !isCatalogue(query))
        .map((query) => ({
          queryKey: query.queryKey as Array<string | number>,
          dataUpdatedAt: query.state.dataUpdatedAt,
          data: query.state.data,
        })),
    },
    tasks,
    state: { queries, tasksOf, tasksStamp },
  };
}

/** The first record of the catalogue (see `storedCatalogueSchema`). */
function encodeCatalogue(
  entries: readonly CatalogueRow[],
  dataUpdatedAt: number,
  tasksStamp: string,
): StoredCatalogueInput {
  const names: string[] = [];
  const indexOf = new Map<string, number>();
  return {
    dataUpdatedAt,
    tasksStamp,
    names,
    entries: entries.map(({ tasks: _tasks, competencies, ...entry }) => ({
      ...entry,
      competencies: competencies
        .map(({ name, requiredLevel }) => {
          let index = indexOf.get(name);
          if (index === undefined) {
            index = names.push(name) - 1;
            indexOf.set(name, index);
          }
          return `${index}:${requiredLevel ?? '-'}`;
        })
        .join(','),
    })),
  };
}
