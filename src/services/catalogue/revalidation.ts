import type { Catalogue } from '../../graph/model';
import type { ReadOptions } from '../../graph/repositories/context';
import {
  CATALOGUE_SOURCE_LISTS,
  type CatalogueSourceList,
  listVersionsOf,
  type ListVersions,
} from '../../graph/repositories/roles';
import type { Repositories } from '../../graph/repositories';
import type { ListTimes } from '../../graph/site';
import type { IdentityService } from '../identity';
import type { CatalogueRow } from './catalogue-service';
import { type CatalogueVerification, firstScreenRows, type FirstScreenRows } from './first-screen';
import { catalogueRows } from './rows';
import { type CatalogueVersion, catalogueVersionSchema } from './version';

export { type CatalogueVersion, catalogueVersionSchema };

/**
 * The catalogue on a warm open (issue 15): the tab shows the rows it stored and asks SharePoint
 * one cheap question — "did any list the catalogue is derived from change?" — instead of
 * reading 2,000 roles again. One GET of the site's lists with their `lastModifiedDateTime`
 * (a single query: 2 resource units), compared with the times stored with the rows.
 *
 * Why this cannot miss an edit: every row is derived from Functies, Taakafspraken,
 * Functiecompetenties, Besluiten and Goedkeuringsaanvragen and from the approver group. The
 * list times are read BEFORE the rows they stamp, so an edit that lands during the read moves a
 * time past the stamp and is seen on the next open; SharePoint moves a list's time on every item
 * added, changed or deleted, by anyone, in its UI or through Graph. A time too close to the
 * client's clock to be sure (`SETTLE_MS`: SharePoint's times have whole seconds, and an edit in
 * the same second as the read would keep the time unchanged) is stored as unknown, which counts
 * as changed. The approver group is compared by its member ids. Rows restored from storage are
 * checked against the digest stored with the stamp, so a stamp is never trusted for other rows.
 *
 * When something changed:
 * - only Functies: its items' ids and modified times (one query, 2 RU) name the roles added,
 *   changed or deleted since the stamp; those roles are read in full (their status hashed from
 *   what is stored, as the role page does) and the other rows are kept;
 * - anything else (a row of a role, a decision, a request, the approver group): the whole
 *   catalogue is read again, the cold path, which derives every status (docs/data-layer.md).
 *
 * The session's first stamp costs no request (issue 15): the tab's start-up reads the site's
 * lists anyway (src/graph/site.ts `resolveSiteLists`), with their `lastModifiedDateTime` in the
 * same query, so the FIRST catalogue read of the session (a cold first screen, a full read, or
 * a warm open's check) takes those times as its stamp instead of asking again — once, and only
 * when they answered at most `STARTUP_TIMES_MAX_AGE_MS` ago. Why that is safe: they were read
 * BEFORE the rows, like the times this class asks for itself, so the argument above holds as
 * it is; being older, such a stamp can only make the next revalidation see a change that the
 * rows already carry and read more, never miss an edit. The settle rule is kept with the clock
 * of THAT read (`readAt`), not of the stamping: a time within `SETTLE_MS` of the moment the
 * times were read is stored as unknown. Every later read asks again.
 */

/** A list time this close to the client's clock (or ahead of it) is not trusted as a stamp. */
export const SETTLE_MS = 10_000;

/** Start-up list times older than this are not used as a stamp: they are read again. */
export const STARTUP_TIMES_MAX_AGE_MS = 30_000;

/** At most this many changed roles are read one by one; more, and one full read is cheaper. */
export const MAX_ROLES_REREAD = 40;

export interface VersionedRows {
  rows: CatalogueRow[];
  version: CatalogueVersion;
  /** What was read: nothing, the named roles (by key), or the whole catalogue. */
  reread: 'none' | 'all' | string[];
  /** The rows carry no search text (`tasks` empty): read it with `CatalogueService.tasks`. */
  withoutTasks: boolean;
}

/**
 * A fingerprint of what rows show apart from their search text (key, title, status): ties a
 * stored stamp to the rows it was taken with. FNV-1a, twice with other seeds (64 bits in all).
 */
export function rowsDigest(rows: readonly CatalogueRow[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000197);
    }
  };
  for (const row of rows) {
    const status = row.status as Record<string, unknown>;
    feed(
      `${row.key}\u0000${row.title}\u0000${JSON.stringify(status, Object.keys(status).sort())}\u0001`,
    );
  }
  return `${rows.length}-${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}`;
}

/** `readAt`: the client's clock when the times were read. */
function settled(versions: ListVersions, readAt: number): ListVersions {
  const out = { ...versions };
  for (const name of CATALOGUE_SOURCE_LISTS) {
    const at = Date.parse(out[name]);
    if (Number.isNaN(at) || at > readAt - SETTLE_MS) out[name] = '';
  }
  return out;
}

type Deps = {
  repos: Pick<Repositories, 'roles'>;
  identity: Pick<IdentityService, 'approverIds'>;
  /** The list times the session's start-up read with the site's lists (see the module comment). */
  startupTimes?: ListTimes;
  now?: () => number;
};

export class CatalogueRevalidation {
  /** Whether the first catalogue read has had its chance at the start-up times. */
  private startupOffered = false;

  constructor(private readonly deps: Deps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * The list times a read is stamped with, read before its rows, and when they were read: the
   * start-up's for the session's first read when recent enough (module comment), else asked for.
   */
  private async listTimes(
    options: ReadOptions,
  ): Promise<{ versions: ListVersions; readAt: number }> {
    if (!this.startupOffered) {
      // Offered once, used or not: a later read must not stamp with times older than its own.
      this.startupOffered = true;
      const startup = this.deps.startupTimes;
      const versions = listVersionsOf(startup);
      if (startup && versions) {
        const age = this.now() - startup.readAt;
        if (age >= 0 && age <= STARTUP_TIMES_MAX_AGE_MS) {
          return { versions, readAt: startup.readAt };
        }
      }
    }
    const versions = await this.deps.repos.roles.listVersions(options);
    return { versions, readAt: this.now() };
  }

  /**
   * The cold read, stamped: the list times first, then the rows — without their search text
   * when `withTasks` is false (the first screen; `tasks` brings it after the list is shown).
   */
  async read(options: ReadOptions & { withTasks?: boolean } = {}): Promise<VersionedRows> {
    const { versions, readAt } = await this.listTimes(options);
    const [catalogue, approverIds] = await Promise.all([
      this.deps.repos.roles.catalogue(options),
      this.deps.identity.approverIds(),
    ]);
    const rows = catalogueRows(catalogue, approverIds);
    return {
      rows,
      version: this.stamp(settled(versions, readAt), approverIds, catalogue.roles, rows),
      reread: 'all',
      withoutTasks: options.withTasks === false,
    };
  }

  /**
   * The lean first screen (issue 15; first-screen.ts): the list times first, then ONE `$batch`
   * without the row scan. Rows the scan decides are `checking`; `verify` makes them exact.
   */
  async readFirstScreen(
    options: ReadOptions & { withTasks?: boolean } = {},
  ): Promise<FirstScreenRows> {
    // Before the rows, as in `read`: an edit during the read moves a time past the stamp.
    const { versions, readAt } = await this.listTimes(options);
    const [first, approverIds] = await Promise.all([
      this.deps.repos.roles.catalogueFirstScreen(options),
      this.deps.identity.approverIds(),
    ]);
    const { rows, checking } = firstScreenRows(first, approverIds);
    return {
      rows,
      checking,
      // Settled now, with the clock of their read; `verify` stamps the rows with them.
      verification: { versions: settled(versions, readAt), approverIds, first },
      reread: 'all',
      withoutTasks: options.withTasks === false,
    };
  }

  /**
   * The second step after `readFirstScreen`: the row scan, and the rows as `read` gives them,
   * every status exact, stamped with the list times read before the first batch. Only these
   * rows may pair with that stamp (a stamp stored with unverified rows would let the next open
   * keep a guessed status as fresh).
   */
  async verify(
    verification: CatalogueVerification,
    options: ReadOptions = {},
  ): Promise<VersionedRows> {
    const { versions, approverIds, first } = verification;
    const catalogue = await this.deps.repos.roles.verifyCatalogue(first, options);
    const rows = catalogueRows(catalogue, approverIds);
    return {
      rows,
      version: this.stamp(versions, approverIds, catalogue.roles, rows),
      reread: 'all',
      withoutTasks: !first.pending.withTasks,
    };
  }

  /** See the module comment. `previous` is what the tab stored; its tasks may be missing. */
  revalidate(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    options: ReadOptions = {},
  ): Promise<VersionedRows> {
    return this.check(previous, options, () => this.read({ ...options, withTasks: false }));
  }

  /**
   * `revalidate`, for a screen: when everything must be read again, the lean first screen
   * (`readFirstScreen`) instead of the full read, so the stored rows give way to the new ones
   * as soon as they are read, and `verify` follows.
   */
  revalidateFirst(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    options: ReadOptions = {},
  ): Promise<VersionedRows | FirstScreenRows> {
    return this.check(previous, options, () =>
      this.readFirstScreen({ ...options, withTasks: false }),
    );
  }

  private async check<Full>(
    previous: { rows: readonly CatalogueRow[]; version: CatalogueVersion },
    options: ReadOptions,
    full: () => Promise<Full>,
  ): Promise<VersionedRows | Full> {
    const { roles } = this.deps.repos;
    const [{ versions, readAt }, approverIds] = await Promise.all([
      this.listTimes(options),
      this.deps.identity.approverIds(),
    ]);
    if (
      approversOf(approverIds) !== previous.version.approvers ||
      rowsDigest(previous.rows) !== previous.version.digest
    ) {
      return full();
    }
    const changed = CATALOGUE_SOURCE_LISTS.filter(
      (name) =>
        previous.version.lists[name] === '' || previous.version.lists[name] !== versions[name],
    );
    if (changed.length === 0) {
      return {
        rows: [...previous.rows],
        // The stamp stays the one the rows were read with: nothing moved since.
        version: previous.version,
        reread: 'none',
        withoutTasks: false,
      };
    }
    if (changed.some((name: CatalogueSourceList) => name !== 'Functies')) return full();

    // Only Functies moved: find which roles from their modified times.
    const since = Date.parse(previous.version.lists.Functies);
    const stamps = await roles.roleStamps(options);
    const knownIds = new Set(Object.values(previous.version.ids));
    const nowIds = new Set(stamps.map((s) => s.id));
    // An item's time is never past its list's, and the stamp is settled (older than SETTLE_MS
    // at the read), so an item edited in the stamp's own second was in the rows read.
    const reread = stamps
      .filter((s) => !knownIds.has(s.id) || !(Date.parse(s.modified) <= since))
      .map((s) => s.id);
    const gone = [...knownIds].filter((id) => !nowIds.has(id));
    if (reread.length > MAX_ROLES_REREAD) return full();
    const { catalogue, complete } = await roles.catalogueOf(reread, options);
    if (!complete) return full();

    const dropped = new Set([...reread, ...gone]);
    const keyToId = new Map(Object.entries(previous.version.ids));
    const kept = previous.rows.filter((row) => {
      const id = keyToId.get(row.key);
      return id !== undefined && !dropped.has(id);
    });
    const fresh = catalogueRows(catalogue, approverIds);
    const rows = [...kept, ...fresh].sort((a, b) => a.title.localeCompare(b.title, 'nl'));
    const ids = Object.fromEntries([...keyToId].filter(([, id]) => !dropped.has(id)));
    for (const role of catalogue.roles) ids[role.key] = role.id;
    return {
      rows,
      version: {
        lists: { ...previous.version.lists, Functies: settled(versions, readAt).Functies },
        approvers: previous.version.approvers,
        ids,
        digest: rowsDigest(rows),
      },
      reread: fresh.map((r) => r.key),
      withoutTasks: false,
    };
  }

  /** `versions` settled with the clock of their read (`settled`); settling again is a no-op. */
  private stamp(
    versions: ListVersions,
    approverIds: ReadonlySet<string>,
    roles: Catalogue['roles'],
    rows: readonly CatalogueRow[],
  ): CatalogueVersion {
    return {
      // Settled again for times that were not; in those that were, a later clock blanks nothing.
      lists: settled(versions, this.now()),
      approvers: approversOf(approverIds),
      ids: Object.fromEntries(roles.map((r) => [r.key, r.id])),
      digest: rowsDigest(rows),
    };
  }
}

function approversOf(ids: ReadonlySet<string>): string {
  return [...ids].sort().join(',');
}
