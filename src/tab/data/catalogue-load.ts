import type { QueryClient } from '@tanstack/react-query';
import type {
  CatalogueVerification,
  FirstScreenRows,
  VersionedRows,
} from '../../services/catalogue';
import { catalogueVersionSchema } from '../../services/catalogue/version';
import type { CatalogueEntry, TabRepositories } from '../shared/host-context';
import { STATUS_EXACT_MARK } from '../host/marks';
import { queryKeys } from './queries';
import { schedule } from './schedule';
import { allVerified } from './status-check';

/**
 * The catalogue query's fetch (issue 15). Cold: the lean first screen — the lists' stamp and ONE
 * `$batch`, without search text and without the row scan — so the list is on screen after some
 * 0.4 MB on the wire at 2,000 roles; the row scan follows (`verifyCatalogue`) and then the
 * statuses it decides, shown "being checked" until then; the search text follows in a request
 * of its own. Warm (rows and their stamp restored from storage): one cheap request asks whether
 * anything changed (src/services/catalogue/revalidation.ts) and the stored rows stay; only rows
 * that changed are replaced; when everything must be read, the stored rows stay on screen until
 * the same two steps as a cold open replace them. The stamp is kept as a query of its own
 * (`queryKeys.catalogueVersion`) so the persister stores it beside the rows, and it is only ever
 * set with verified rows: a stamp beside rows still being checked would let the next open keep
 * them, unchecked, as fresh. A stamp that is not the rows' is recognised by its digest and costs
 * a full read, never a wrong row.
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
  // Rows still being checked are never revalidated (as 'none' they would stay unchecked).
  const result =
    previous && allVerified(previous) && stored.success
      ? await port.revalidate({ rows: previous, version: stored.data }, signal)
      : await port.firstScreen(signal);
  if ('verification' in result) {
    // The stored stamp no longer describes what is on screen: forgotten until the rows are
    // verified, so that a tab closed in between opens cold next time.
    client.removeQueries({ queryKey: queryKeys.catalogueVersion, exact: true });
    startVerification(repositories, client, result);
    if (result.withoutTasks) void completeCatalogueTasks(repositories, client);
    return result.rows;
  }
  // Stored rows revalidated (or a few re-read in full): every status exact, nothing to check.
  check(client).token += 1;
  check(client).verification = null;
  setCheck(client, { state: 'idle', count: 0 });
  client.setQueryData(queryKeys.catalogueVersion, result.version);
  // What the cache holds now, not what was sent: the restore may have completed the stored
  // rows' search text meanwhile (persist.ts, restoreSearchText), and that must stay.
  const current = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue);
  let rows: CatalogueEntry[] = result.rows;
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
 * Where the row scan stands, for the list (`useCatalogueCheck`): `checking` until it answers,
 * then `done`; `failed` (the rows then say "Status onbekend") until a retry succeeds; `idle`
 * when the rows needed no scan (a revalidation kept or re-read them).
 */
export type CatalogueCheck =
  | { state: 'idle'; count: 0 }
  | { state: 'done'; count: 0 }
  | { state: 'checking'; count: number }
  | { state: 'failed'; count: number; error: unknown };

/** Per query client: the verification under way (a newer load makes an older one moot). */
interface CheckState {
  token: number;
  verification: CatalogueVerification | null;
}
const checks = new WeakMap<QueryClient, CheckState>();

function check(client: QueryClient): CheckState {
  let state = checks.get(client);
  if (!state) {
    state = { token: 0, verification: null };
    checks.set(client, state);
  }
  return state;
}

function setCheck(client: QueryClient, value: CatalogueCheck): void {
  client.setQueryData<CatalogueCheck>(queryKeys.catalogueCheck, value);
}

function startVerification(
  repositories: TabRepositories,
  client: QueryClient,
  first: FirstScreenRows,
): void {
  const state = check(client);
  state.token += 1;
  state.verification = first.verification;
  setCheck(client, { state: 'checking', count: first.checking });
  void verifyCatalogue(repositories, client, state.token);
}

/**
 * The row scan after a first screen (RoleRepository.verifyCatalogue), merged into what the cache
 * holds when it answers: its rows, with the search text the cache may have got meanwhile
 * (`completeCatalogueTasks` may end before or after it), and then, only with them, the stamp.
 * A failure leaves the rows "status onbekend", never a guessed status; `retryCatalogueCheck`
 * asks again.
 */
async function verifyCatalogue(
  repositories: TabRepositories,
  client: QueryClient,
  token: number,
): Promise<void> {
  const port = repositories.catalogue;
  const state = check(client);
  const verification = state.verification;
  if (!port || !verification) return;
  let result: VersionedRows;
  try {
    await afterRender();
    result = await port.verify(verification);
  } catch (error) {
    await whenNotFetching(client);
    if (state.token !== token) return;
    const unknown = relabelStatuses(client, 'checking', 'unknown');
    setCheck(client, { state: 'failed', count: unknown, error });
    return;
  }
  // Started inside the catalogue's own fetch: merge into the rows that fetch stores.
  await whenNotFetching(client);
  // A newer load (a refetch, a retry) has rows of its own: this answer is not theirs.
  if (state.token !== token) return;
  state.verification = null;
  const now = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue) ?? [];
  const tasks = new Map(now.map((row) => [row.key, row.tasks]));
  client.setQueryData<CatalogueEntry[]>(
    queryKeys.catalogue,
    result.rows.map((row) =>
      result.withoutTasks ? { ...row, tasks: tasks.get(row.key) ?? row.tasks } : row,
    ),
  );
  // Set after the rows, in the same task: the persister never sees this stamp with other rows.
  client.setQueryData(queryKeys.catalogueVersion, result.version);
  setCheck(client, { state: 'done', count: 0 });
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
    performance.mark(STATUS_EXACT_MARK);
  }
}

/**
 * The cached rows whose status is `from` (being checked, or unknown after a failed check) get
 * `to` instead; returns how many did.
 */
function relabelStatuses(
  client: QueryClient,
  from: 'checking' | 'unknown',
  to: 'checking' | 'unknown',
): number {
  const now = client.getQueryData<CatalogueEntry[]>(queryKeys.catalogue) ?? [];
  let count = 0;
  client.setQueryData<CatalogueEntry[]>(
    queryKeys.catalogue,
    now.map((row) => {
      if (row.status.kind !== from) return row;
      count += 1;
      return { ...row, status: { kind: to } };
    }),
  );
  return count;
}

/**
 * Asks the row scan again after it failed (the list's "Opnieuw proberen"). Without a first
 * screen to verify (the page was reloaded meanwhile), the catalogue is read again.
 */
export async function retryCatalogueCheck(
  repositories: TabRepositories,
  client: QueryClient,
): Promise<void> {
  const state = check(client);
  if (!state.verification) {
    await client.refetchQueries({ queryKey: queryKeys.catalogue, exact: true });
    return;
  }
  const again = relabelStatuses(client, 'unknown', 'checking');
  state.token += 1;
  setCheck(client, { state: 'checking', count: again });
  await verifyCatalogue(repositories, client, state.token);
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
    await afterRender();
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

/**
 * Resolves at the page's next idle moment (at most AFTER_RENDER_MAX_MS later): the rows the
 * catalogue's fetch is about to return are then rendered and painted. The row scan and the search
 * text are megabytes to receive and parse; asked for while the list renders, their answers (and,
 * on one machine, the emulator making them) compete with that render for the CPU (issue 15:
 * catalogue visible cold ≤ 1.5 s).
 */
const AFTER_RENDER_MAX_MS = 300;

function afterRender(): Promise<void> {
  return new Promise((resolve) => {
    schedule(resolve, 0, AFTER_RENDER_MAX_MS);
  });
}
