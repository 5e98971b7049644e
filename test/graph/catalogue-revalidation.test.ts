import type { Catalogue, RoleSummary } from '../../src/graph/model';
import type { ListName } from '../../src/graph/lists';
import type { ListVersions } from '../../src/graph/repositories/roles';
import type { ListTimes } from '../../src/graph/site';
import {
  CatalogueRevalidation,
  type CatalogueVersion,
  rowsDigest,
  SETTLE_MS,
  STARTUP_TIMES_MAX_AGE_MS,
} from '../../src/services/catalogue/revalidation';

/**
 * The warm open's revalidation (issue 15) against repositories that count what is asked: nothing
 * changed → one list-times read, no catalogue; one role changed → only that role read again, the
 * other rows kept as they were; anything it cannot attribute → the full read.
 */

const NOW = Date.parse('2026-12-01T10:00:00Z');
const OLD = '2026-12-01T09:00:00Z';

function summary(id: string, title: string): RoleSummary {
  return {
    id,
    key: `functie-${id}`,
    kind: 'functiebeschrijving',
    title,
    department: null,
    service: null,
    grade: null,
    careerPath: null,
    contentHash: null,
    tasks: [`taak van ${title}`],
    competencies: [],
    levelScale: { lowest: 0, highest: 3, titles: [] },
    webUrl: null,
  };
}

const versions = (over: Partial<ListVersions> = {}): ListVersions => ({
  Functies: OLD,
  Taakafspraken: OLD,
  Functiecompetenties: OLD,
  Besluiten: OLD,
  Goedkeuringsaanvragen: OLD,
  ...over,
});

type Calls = {
  listVersions: number;
  catalogue: number;
  firstScreen: number;
  roleStamps: number;
  catalogueOf: string[][];
};

function fakeRepos(
  state: {
    versions: ListVersions;
    roles: RoleSummary[];
    modified: Record<string, string>;
  },
  extra: { startupTimes?: ListTimes; now?: () => number } = {},
) {
  const calls: Calls = {
    listVersions: 0,
    catalogue: 0,
    firstScreen: 0,
    roleStamps: 0,
    catalogueOf: [],
  };
  const catalogue = (roles: RoleSummary[]): Catalogue => ({
    roles,
    decisions: [],
    openRequests: [],
  });
  const roles = {
    listVersions: async () => {
      calls.listVersions += 1;
      return { ...state.versions };
    },
    catalogue: async () => {
      calls.catalogue += 1;
      return catalogue(state.roles);
    },
    roleStamps: async () => {
      calls.roleStamps += 1;
      return state.roles.map((r) => ({
        id: r.id,
        key: r.key,
        modified: state.modified[r.id] ?? OLD,
      }));
    },
    catalogueFirstScreen: async () => {
      calls.firstScreen += 1;
      return {
        catalogue: catalogue(state.roles),
        anchored: new Set<string>(),
        suspects: new Set<string>(),
        pending: { items: [], withTasks: false, first: { items: new Map(), bodies: new Map() } },
      };
    },
    verifyCatalogue: async () => catalogue(state.roles),
    catalogueOf: async (ids: readonly string[]) => {
      calls.catalogueOf.push([...ids]);
      return {
        catalogue: catalogue(state.roles.filter((r) => ids.includes(r.id))),
        complete: ids.every((id) => state.roles.some((r) => r.id === id)),
      };
    },
  };
  const revalidation = new CatalogueRevalidation({
    repos: { roles } as never,
    identity: { approverIds: async () => new Set(['u-director']) },
    now: extra.now ?? (() => NOW),
    ...(extra.startupTimes ? { startupTimes: extra.startupTimes } : {}),
  });
  return { calls, revalidation };
}

async function coldThenWarm(
  change: (state: {
    versions: ListVersions;
    roles: RoleSummary[];
    modified: Record<string, string>;
  }) => void,
) {
  const state = {
    versions: versions(),
    roles: [summary('1', 'Archivaris'), summary('2', 'Boekhouder'), summary('3', 'Chauffeur')],
    modified: {} as Record<string, string>,
  };
  const { calls, revalidation } = fakeRepos(state);
  const cold = await revalidation.read({ withTasks: true });
  change(state);
  calls.listVersions = 0;
  calls.catalogue = 0;
  const warm = await revalidation.revalidate({ rows: cold.rows, version: cold.version });
  return { cold, warm, calls };
}

describe('catalogue revalidation', () => {
  it('nothing changed: one read of the list times, no catalogue read, the same rows', async () => {
    const { cold, warm, calls } = await coldThenWarm(() => undefined);
    expect(calls).toMatchObject({ listVersions: 1, catalogue: 0, roleStamps: 0, catalogueOf: [] });
    expect(warm.reread).toBe('none');
    expect(warm.rows).toEqual(cold.rows);
    warm.rows.forEach((row, i) => expect(row).toBe(cold.rows[i]));
    expect(warm.version).toEqual(cold.version);
  });

  it('one role changed: only that role is read again, the others are kept', async () => {
    const { cold, warm, calls } = await coldThenWarm((state) => {
      state.roles[1] = summary('2', 'Boekhouder (gewijzigd)');
      state.modified['2'] = '2026-12-01T09:30:00Z';
      state.versions.Functies = '2026-12-01T09:30:00Z';
    });
    expect(calls.catalogue).toBe(0);
    expect(calls.catalogueOf).toEqual([['2']]);
    expect(warm.reread).toEqual(['functie-2']);
    expect(warm.rows.map((r) => r.title)).toEqual([
      'Archivaris',
      'Boekhouder (gewijzigd)',
      'Chauffeur',
    ]);
    // The unchanged rows are the very objects that were stored (their search text included).
    expect(warm.rows[0]).toBe(cold.rows[0]);
    expect(warm.rows[2]).toBe(cold.rows[2]);
    expect(warm.version.lists.Functies).toBe('2026-12-01T09:30:00Z');
    expect(warm.version.digest).toBe(rowsDigest(warm.rows));
  });

  it('a role added or deleted in Functies is added or dropped without a full read', async () => {
    const { warm, calls } = await coldThenWarm((state) => {
      state.roles.splice(0, 1);
      state.roles.push(summary('4', 'Dierenverzorger'));
      state.modified['4'] = '2026-12-01T09:40:00Z';
      state.versions.Functies = '2026-12-01T09:40:00Z';
    });
    expect(calls.catalogue).toBe(0);
    expect(calls.catalogueOf).toEqual([['4']]);
    expect(warm.rows.map((r) => r.key)).toEqual(['functie-2', 'functie-3', 'functie-4']);
    expect(warm.version.ids).toEqual({ 'functie-2': '2', 'functie-3': '3', 'functie-4': '4' });
  });

  it.each(['Taakafspraken', 'Functiecompetenties', 'Besluiten', 'Goedkeuringsaanvragen'] as const)(
    'a change in %s (a row of some role, a decision, a request) reads the whole catalogue',
    async (list) => {
      const { warm, calls } = await coldThenWarm((state) => {
        state.versions[list] = '2026-12-01T09:50:00Z';
      });
      expect(calls.catalogue).toBe(1);
      expect(warm.reread).toBe('all');
    },
  );

  it('rows that are not the ones stamped, or a list time too recent to trust, read everything', async () => {
    const state = {
      versions: versions({ Besluiten: new Date(NOW - SETTLE_MS / 2).toISOString() }),
      roles: [summary('1', 'Archivaris')],
      modified: {},
    };
    const { calls, revalidation } = fakeRepos(state);
    const cold = await revalidation.read();
    expect(cold.version.lists.Besluiten).toBe('');
    expect((await revalidation.revalidate(cold)).reread).toBe('all');
    const stamped: CatalogueVersion = { ...cold.version, lists: versions() };
    state.versions = versions();
    const other = [{ ...cold.rows[0]!, title: 'Iets anders' }];
    calls.catalogue = 0;
    expect((await revalidation.revalidate({ rows: other, version: stamped })).reread).toBe('all');
    expect(calls.catalogue).toBe(1);
  });

  it('the list times are read before the rows they stamp', async () => {
    const order: string[] = [];
    const revalidation = new CatalogueRevalidation({
      repos: {
        roles: {
          listVersions: async () => {
            order.push('versions');
            return versions();
          },
          catalogue: async () => {
            order.push('catalogue');
            return { roles: [], decisions: [], openRequests: [] };
          },
        },
      } as never,
      identity: { approverIds: async () => new Set<string>() },
      now: () => NOW,
    });
    await revalidation.read();
    expect(order).toEqual(['versions', 'catalogue']);
  });

  it('the lean first screen: the list times first, no stamp until verified, then stamped with those times', async () => {
    const order: string[] = [];
    let times = versions();
    const first = {
      catalogue: { roles: [summary('1', 'Archivaris')], decisions: [], openRequests: [] },
      anchored: new Set<string>(),
      suspects: new Set<string>(),
      pending: { items: [], withTasks: false, first: { items: new Map(), bodies: new Map() } },
    };
    const revalidation = new CatalogueRevalidation({
      repos: {
        roles: {
          listVersions: async () => {
            order.push('versions');
            return times;
          },
          catalogueFirstScreen: async () => {
            order.push('first screen');
            return first;
          },
          verifyCatalogue: async (given: unknown) => {
            order.push('verify');
            expect(given).toBe(first);
            return first.catalogue;
          },
        },
      } as never,
      identity: { approverIds: async () => new Set(['u-director']) },
      now: () => NOW,
    });
    const painted = await revalidation.readFirstScreen({ withTasks: false });
    expect(order).toEqual(['versions', 'first screen']);
    expect(painted).not.toHaveProperty('version');
    // A list that moves after the first batch does not move the stamp: the next open sees it.
    times = versions({ Besluiten: '2026-12-01T09:59:00Z' });
    const verified = await revalidation.verify(painted.verification);
    expect(order).toEqual(['versions', 'first screen', 'verify']);
    expect(verified.version.lists).toEqual(versions());
    expect(verified.version.digest).toBe(rowsDigest(verified.rows));
    expect(verified.withoutTasks).toBe(true);
  });

  it('for a screen, "read everything" is the lean first screen to verify, not the full read', async () => {
    const state = { versions: versions(), roles: [summary('1', 'Archivaris')], modified: {} };
    const { calls, revalidation } = fakeRepos(state);
    const cold = await revalidation.read();
    state.versions.Besluiten = '2026-12-01T09:50:00Z';
    calls.catalogue = 0;
    const result = await revalidation.revalidateFirst({ rows: cold.rows, version: cold.version });
    expect('verification' in result).toBe(true);
    expect(calls).toMatchObject({ catalogue: 0, firstScreen: 1 });
    // Nothing changed: the stored rows as they are, as `revalidate` gives them.
    state.versions.Besluiten = OLD;
    expect((await revalidation.revalidateFirst(cold)).reread).toBe('none');
  });
});

/** What the start-up read of the site's lists carried (src/graph/site.ts), `ago` ms before NOW. */
function startupTimes(times: ListVersions, ago: number, extraLists = true): ListTimes {
  const modified = new Map<ListName, string>(Object.entries(times) as [ListName, string][]);
  // Lists the catalogue is not derived from come along too; they do not matter.
  if (extraLists) modified.set('Competenties', '2026-12-01T09:59:59Z');
  return { modified, readAt: NOW - ago };
}

describe("the session's first stamp from the start-up read of the lists (issue 15)", () => {
  const three = () => [
    summary('1', 'Archivaris'),
    summary('2', 'Boekhouder'),
    summary('3', 'Chauffeur'),
  ];

  it('a cold read right after start-up asks for no list times; the next read asks again', async () => {
    const state = { versions: versions(), roles: three(), modified: {} };
    const { calls, revalidation } = fakeRepos(state, {
      startupTimes: startupTimes(versions(), 500),
    });
    const painted = await revalidation.readFirstScreen({ withTasks: false });
    expect(calls).toMatchObject({ listVersions: 0, firstScreen: 1 });
    expect(painted.verification.versions).toEqual(versions());
    // Once only: every later read is stamped with times read for it.
    await revalidation.read();
    expect(calls.listVersions).toBe(1);
    await revalidation.revalidate(await revalidation.read());
    expect(calls.listVersions).toBe(3);
  });

  it('the full read takes them too, and stamps with them', async () => {
    const state = { versions: versions(), roles: three(), modified: {} };
    const { calls, revalidation } = fakeRepos(state, { startupTimes: startupTimes(versions(), 0) });
    const cold = await revalidation.read();
    expect(calls.listVersions).toBe(0);
    expect(cold.version.lists).toEqual(versions());
  });

  it('times older than the window are not used: they are read again, once', async () => {
    const stale = versions({ Besluiten: '2026-12-01T08:00:00Z' });
    const state = { versions: versions(), roles: three(), modified: {} };
    const { calls, revalidation } = fakeRepos(state, {
      startupTimes: startupTimes(stale, STARTUP_TIMES_MAX_AGE_MS + 1),
    });
    const cold = await revalidation.read();
    expect(calls.listVersions).toBe(1);
    expect(cold.version.lists).toEqual(versions());
  });

  it("a start-up read that lacks a source list's time (the directory left it out) is not used", async () => {
    const partial = startupTimes(versions(), 0);
    const modified = new Map(partial.modified);
    modified.delete('Goedkeuringsaanvragen');
    const state = { versions: versions(), roles: three(), modified: {} };
    const { calls, revalidation } = fakeRepos(state, {
      startupTimes: { modified, readAt: partial.readAt },
    });
    await revalidation.read();
    expect(calls.listVersions).toBe(1);
  });

  it('a warm open right after start-up: nothing changed, no request at all', async () => {
    const state = { versions: versions(), roles: three(), modified: {} };
    const cold = await fakeRepos(state).revalidation.read({ withTasks: true });
    const { calls, revalidation } = fakeRepos(state, {
      startupTimes: startupTimes(versions(), 800),
    });
    const warm = await revalidation.revalidateFirst({ rows: cold.rows, version: cold.version });
    expect(calls).toMatchObject({ listVersions: 0, catalogue: 0, firstScreen: 0, roleStamps: 0 });
    expect(warm.reread).toBe('none');
    // A second check in the same session asks (one request), as before.
    await revalidation.revalidateFirst({ rows: cold.rows, version: cold.version });
    expect(calls.listVersions).toBe(1);
  });

  it('a warm open right after start-up sees a change the start-up times carry', async () => {
    const state = { versions: versions(), roles: three(), modified: {} as Record<string, string> };
    const cold = await fakeRepos(state).revalidation.read({ withTasks: true });
    state.roles[1] = summary('2', 'Boekhouder (gewijzigd)');
    state.modified['2'] = '2026-12-01T09:30:00Z';
    state.versions.Functies = '2026-12-01T09:30:00Z';
    const { calls, revalidation } = fakeRepos(state, {
      startupTimes: startupTimes(state.versions, 800),
    });
    const warm = await revalidation.revalidate({ rows: cold.rows, version: cold.version });
    expect(calls.listVersions).toBe(0);
    expect(calls.catalogueOf).toEqual([['2']]);
    expect(warm.version.lists.Functies).toBe('2026-12-01T09:30:00Z');
  });

  it('a time within SETTLE_MS of the start-up read is stored as unknown, however late the stamp', async () => {
    // Read 20 s before NOW; Besluiten moved 5 s before that read: 25 s before the stamp's clock,
    // but too close to the read that saw it to be trusted.
    const ago = 20_000;
    const close = new Date(NOW - ago - SETTLE_MS / 2).toISOString();
    const times = versions({ Besluiten: close });
    const state = { versions: times, roles: three(), modified: {} };
    const first = fakeRepos(state, { startupTimes: startupTimes(times, ago) });
    const cold = await first.revalidation.read();
    expect(first.calls.listVersions).toBe(0);
    expect(cold.version.lists.Besluiten).toBe('');
    expect(cold.version.lists.Functies).toBe(OLD);
    const screen = fakeRepos(state, { startupTimes: startupTimes(times, ago) });
    const painted = await screen.revalidation.readFirstScreen();
    const verified = await screen.revalidation.verify(painted.verification);
    expect(verified.version.lists.Besluiten).toBe('');
  });
});
