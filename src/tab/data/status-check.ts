import type { CatalogueRow } from '../../services/catalogue';
import type { CatalogueEntry } from '../shared/host-context';

/**
 * True when every row's status is exact: none is still being checked by the catalogue's row scan
 * (issue 15) nor left unknown by a failed one. Only such rows may be stored, stamped, or handed
 * to a revalidation as what the user saw. The same array, narrowed (the persister compares
 * arrays by identity to skip rewriting the search text).
 */
export function allVerified(rows: readonly CatalogueEntry[]): rows is readonly CatalogueRow[] {
  return rows.every((row) => row.status.kind !== 'checking' && row.status.kind !== 'unknown');
}
