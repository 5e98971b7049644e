import { useMemo, useState } from 'react';
import { useCatalogueCheck } from '../../../data/queries';
import type { CatalogueEntry } from '../../../shared/host-context';

/**
 * The catalogue's row scan as the list shows it (issue 15, src/tab/data/catalogue-load.ts): how
 * many rows are still being checked or were left unknown by a failed scan, the failure, and a
 * retry. Counted from the rows themselves, so what the notice says is what the list shows.
 */
export function useStatusCheck(entries: readonly CatalogueEntry[] | undefined) {
  const { check, retry } = useCatalogueCheck();
  const [retrying, setRetrying] = useState(false);
  const counts = useMemo(() => {
    let checking = 0;
    let unknown = 0;
    for (const entry of entries ?? []) {
      if (entry.status.kind === 'checking') checking += 1;
      else if (entry.status.kind === 'unknown') unknown += 1;
    }
    return { checking, unknown };
  }, [entries]);
  return {
    ...counts,
    /** The scan answered in this session: the live region says so once. */
    done: check?.state === 'done' && counts.checking === 0 && counts.unknown === 0,
    failure: check?.state === 'failed' && counts.unknown > 0 ? check.error : null,
    retrying,
    retry: () => {
      setRetrying(true);
      void retry().finally(() => setRetrying(false));
    },
  };
}

export type StatusCheckView = ReturnType<typeof useStatusCheck>;
