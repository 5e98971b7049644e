import type { TabCacheStorage } from '../shared/host-context';

/** localStorage: small (about 5 MB) but everywhere, including jsdom. */
export function localStorageCache(storage: Storage): TabCacheStorage {
  return {
    getItem: (key) => Promise.resolve().then(() => storage.getItem(key)),
    setItem: (key, value) => Promise.resolve().then(() => storage.setItem(key, value)),
    removeItem: (key) => Promise.resolve().then(() => storage.removeItem(key)),
  };
}

const DB_NAME = 'functiewijzer';
const STORE = 'query-cache';

/**
 * IndexedDB: the catalogue of 2,000 roles with their tasks outgrows localStorage's quota, and
 * IndexedDB does not block the main thread while writing.
 */
export function indexedDbCache(factory: IDBFactory): TabCacheStorage {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB kon niet openen'));
    });
    return db;
  };
  // Opening the database is the slow part of a warm start; begin while React renders the shell.
  open().catch(() => undefined);
  const run = <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>) =>
    open().then(
      (database) =>
        new Promise<T>((resolve, reject) => {
          const request = act(database.transaction(STORE, mode).objectStore(STORE));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB-fout'));
        }),
    );
  return {
    getItem: async (key) => {
      const value = await run<unknown>('readonly', (store) => store.get(key));
      return typeof value === 'string' ? value : null;
    },
    setItem: async (key, value) => {
      await run('readwrite', (store) => store.put(value, key));
    },
    removeItem: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
  };
}

/** IndexedDB where the browser has it, else localStorage, else nothing (private modes may lack both). */
export function defaultCacheStorage(): TabCacheStorage | null {
  try {
    if (typeof indexedDB !== 'undefined') return indexedDbCache(indexedDB);
    if (typeof localStorage !== 'undefined') return localStorageCache(localStorage);
  } catch {
    // Some browsers throw on merely touching storage when it is disabled.
  }
  return null;
}
