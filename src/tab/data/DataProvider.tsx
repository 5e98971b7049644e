import { IsRestoringProvider, onlineManager, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { TabCacheStorage, TabRepositories } from '../shared/host-context';
import { completeCatalogueTasks } from './catalogue-load';
import { CACHE_MAX_AGE_MS, createQueryClient } from './query-client';
import { CACHE_VERSION, createCachePersister, type CachePersister } from './persist';
import { RepositoriesContext } from './queries';

export interface DataProviderProps {
  repositories: TabRepositories;
  /** null: no persistence. */
  storage: TabCacheStorage | null;
  /** Whose cache this is (the UPN); mount a new provider (`key`) when the user changes. */
  userId: string;
  children: ReactNode;
}

/**
 * The query client of one user's session, with its persisted cache. While the cache is read back
 * the queries wait (`IsRestoringProvider`), so the first render after an open shows stored data
 * instead of a skeleton followed by the same data. The catalogue's search text is read back
 * right after that render (see persist.ts).
 */
export function DataProvider(props: DataProviderProps) {
  const { userId } = props;
  // Frozen for the provider's lifetime: a host that passes a new but equal store on every render
  // must not restart the restore.
  const [storage] = useState(props.storage);
  const [client] = useState(createQueryClient);
  // React Query only learns of online/offline from events; a tab opened offline has had none,
  // and would fail its first reads instead of waiting for the connection.
  useState(() => {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      onlineManager.setOnline(false);
    }
  });
  const [restoring, setRestoring] = useState(storage !== null);
  const [persister, setPersister] = useState<CachePersister | null>(null);

  useEffect(() => {
    if (!storage) return;
    const created = createCachePersister(client, {
      storage,
      key: `functiewijzer:cache:${userId.toLowerCase()}`,
      buster: CACHE_VERSION,
      maxAgeMs: CACHE_MAX_AGE_MS,
    });
    let cancelled = false;
    let unsubscribe: (() => void) | null = null;
    void created
      .restore()
      .catch(() => 'empty' as const)
      .then(() => {
        if (cancelled) return;
        unsubscribe = created.subscribe();
        setRestoring(false);
        setPersister(created);
      });
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [client, storage, userId]);

  // The catalogue's tasks (search text) are read back after the restored list is on screen:
  // this effect runs once that render is committed.
  useEffect(() => {
    if (restoring || !persister) return;
    // A stored list whose search text could not be read back gets it from SharePoint: the
    // revalidation keeps unchanged rows and reads no text of its own.
    void persister
      .restoreSearchText()
      .catch(() => false)
      .then((complete) => {
        if (!complete) void completeCatalogueTasks(props.repositories, client);
      });
  }, [restoring, persister, client, props.repositories]);

  return (
    <QueryClientProvider client={client}>
      <IsRestoringProvider value={restoring}>
        <RepositoriesContext.Provider value={props.repositories}>
          {props.children}
        </RepositoriesContext.Provider>
      </IsRestoringProvider>
    </QueryClientProvider>
  );
}
