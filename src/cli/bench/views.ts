import { rm } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { startEmulator } from '../../emulator/server';
import { createServices, type Services } from '../../services';
import { LOCAL_GROUPS } from '../../services/identity';
import { createGraphClient, type Exchange, type GraphHttp } from '../../graph/client';
import { createRepositories } from '../../graph/repositories';
import { resolveSiteLists, type SiteLists } from '../../graph/site';
import type { Person } from '../../graph/model';
import { DirectoryRepository } from '../../graph/repositories';
import { approverMembers } from '../../services/identity';
import { type BenchOptions, round, type Traffic, trafficOf, withResources } from '../bench-kit';
import {
  benchViews,
  COMPETENCIES_PER_ROLE,
  loadedEmulatorCopy,
  submitForApproval,
} from '../bench-dataset';
import { NaiveClient } from '../bench-naive';
import { NETWORKS, throttledFetch } from '../bench-network';
import { emulatorTokens, LOCAL_SITE, PERSONAS } from '../local-stack';

/**
 * What each view of the tab costs on the wire, ours against the naive client (../bench-naive.ts),
 * on the same emulator loaded with the generated roles, counted by the same exchange log.
 *
 * Ours is the repository calls the tab's port makes for the view, on a fresh data cache:
 * - session: what the tab reads once when it starts (src/tab/host/repositories.ts: the site, its
 *   lists with their modified times, and the approver group, side by side) — not part of any
 *   view below, for either client. Each view below runs on a session of its own that made that
 *   start-up in its setup, so its first catalogue read stamps with the start-up's list times
 *   as the tab's does (src/services/catalogue/revalidation.ts): that stamp is counted here,
 *   in the lists request, not in the catalogue;
 * - catalogue: the catalogue read;
 * - role: one role after the catalogue (the user clicked it there; its item id is known);
 * - compare: a comparison of three roles opened from a link — the catalogue (for the pickers)
 *   and the three roles at once, as the compare page asks for them;
 * - approvals: the approval page opened from the channel card, as the director.
 * `…FetchMs` is our data fetch in Node, to set beside the naive client's; the times a user sees
 * are the browser bench's. The naive client has no cache, so its warm open reads everything
 * again: its `…WarmMs` is a second, measured fetch, not a copy of the first — except over
 * `--network city` for the two views that read the whole catalogue item by item (some 2,500
 * sequential round trips of 100 ms each, four minutes per fetch): there it is measured once and
 * `naiveWarmMeasuredOnce` is 1, its warm figure being the same reads again by construction.
 *
 * Our catalogue is read as the tab reads it (src/tab/data/catalogue-load.ts): the first screen
 * (one `$batch` without search text and without the row scan, stamped with the start-up's list
 * times), then the row scan that makes every status exact beside the search text; its warm open
 * is the revalidation of the stored rows with nothing changed (`catalogueWarm…`: the session's
 * first read, so no request of its own; `catalogueWarmAgain…`: a revalidation later in the same
 * session, which asks for the list times: one request). `catalogueFirstScreen…` is what the list
 * waits for, `catalogueVerify…` the row scan after it (a fresh client, its first screen read in
 * the setup), `catalogueStatusExactFetchMs` the two in a row.
 * `--network city` sends every exchange of both clients through `throttledFetch`
 * (bench-network.ts): 100 ms per round trip, 20/5 Mbit/s shared per client.
 */

export const name = 'views';

/**
 * The catalogue's first screen waits for at most two round trips (the lists' times, one
 * `$batch`); right after start-up the times come with the start-up's lists, and it is one.
 */
export const budget = { catalogueFirstScreenRoundTrips: 2, roleRoundTrips: 1 };

type Counted<T> = { value: T; traffic: Traffic; ms: number };

export async function run(options: BenchOptions): Promise<Record<string, number>> {
  const views = benchViews(options.roles);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  return withResources(async (defer) => {
    const dataDir = await loadedEmulatorCopy(options.roles);
    defer(() => rm(dataDir, { recursive: true, force: true }));
    const emulator = await startEmulator({ port: 0, dataDir, quiet: true });
    defer(() => emulator.close());

    process.stderr.write('views: aanvragen indienen…\n');
    const [requestId] = await submitForApproval(emulator, views.approvals);
    if (requestId === undefined) throw new Error('geen aanvraag ingediend');

    const profile = NETWORKS[options.network ?? 'loopback'];
    const client = (upn: string, log: Exchange[]): GraphHttp =>
      createGraphClient({
        baseUrl: emulator.graphBaseUrl,
        getToken: emulatorTokens(emulator.url, upn),
        onExchange: (e) => log.push(e),
        ...(profile ? { fetch: throttledFetch(profile) } : {}),
      });
    /** Runs `read` with a fresh client as `upn`; counts only what `read` sends after `setup`. */
    const counted = async <S, T>(
      upn: string,
      setup: (http: GraphHttp) => Promise<S>,
      read: (state: S) => Promise<T>,
    ): Promise<Counted<T>> => {
      const log: Exchange[] = [];
      const state = await setup(client(upn, log));
      log.length = 0;
      const start = performance.now();
      const value = await read(state);
      const ms = performance.now() - start;
      return { value, traffic: trafficOf(log), ms };
    };

    process.stderr.write('views: onze client…\n');
    const session = await counted(PERSONAS.staff, (http) => Promise.resolve(http), startUp);
    const site: SiteLists = session.value.site;
    // The session's fixed costs (site, lists, approver group) are paid in the setup, as the tab
    // does once per session; each view then counts only what it reads itself.
    const services = async (http: GraphHttp): Promise<Services> =>
      servicesOn(http, await startUp(http));

    // As the tab: the first screen, then its row scan beside the search text (catalogue-load.ts).
    const tabCatalogue = async (s: Services) => {
      const painted = await s.catalogue.firstScreen();
      const [first, tasks] = await Promise.all([
        s.catalogue.verify(painted.verification),
        s.catalogue.tasks(),
      ]);
      return { first, tasks };
    };
    // What the list waits for (the stamp and one `$batch`), and, apart, what makes every status
    // exact after it (the row scan): the report says when each is done.
    const firstScreen = await counted(PERSONAS.staff, services, (s) => s.catalogue.firstScreen());
    const verify = await counted(
      PERSONAS.staff,
      async (http) => {
        const s = await services(http);
        return { s, painted: await s.catalogue.firstScreen() };
      },
      ({ s, painted }) => s.catalogue.verify(painted.verification),
    );
    const catalogue = await counted(PERSONAS.staff, services, tabCatalogue);
    if (catalogue.value.first.rows.length !== options.roles) {
      throw new Error(
        `catalogus: ${catalogue.value.first.rows.length} functies, verwacht ${options.roles}`,
      );
    }
    const stored = catalogue.value.first;
    const catalogueWarm = await counted(PERSONAS.staff, services, (s) =>
      s.catalogue.revalidate({ rows: stored.rows, version: stored.version }),
    );
    if (catalogueWarm.value.reread !== 'none') {
      // A stamp taken within SETTLE_MS of a change (the approval requests submitted above) is
      // not trusted: wait it out once, as a later open would, and stamp again.
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const restamped =
      catalogueWarm.value.reread === 'none'
        ? stored
        : (await counted(PERSONAS.staff, services, (s) => s.catalogue.stampedRows())).value;
    const warm =
      catalogueWarm.value.reread === 'none'
        ? catalogueWarm
        : await counted(PERSONAS.staff, services, (s) =>
            s.catalogue.revalidate({ rows: restamped.rows, version: restamped.version }),
          );
    if (warm.value.reread !== 'none')
      throw new Error('warme catalogus las opnieuw zonder wijziging');
    // The session's first revalidation took the start-up's list times; a later one asks.
    const warmAgain = await counted(
      PERSONAS.staff,
      async (http) => {
        const s = await services(http);
        await s.catalogue.revalidate({ rows: restamped.rows, version: restamped.version });
        return s;
      },
      (s) => s.catalogue.revalidate({ rows: restamped.rows, version: restamped.version }),
    );
    if (warmAgain.value.reread !== 'none') {
      throw new Error('tweede revalidatie las opnieuw zonder wijziging');
    }
    const role = await counted(
      PERSONAS.staff,
      async (http) => {
        const s = await services(http);
        await s.catalogue.rows();
        return s;
      },
      (s) => s.catalogue.role(views.role),
    );
    if (role.value.content.competencies.length !== COMPETENCIES_PER_ROLE) {
      throw new Error('rol onvolledig gelezen');
    }
    const compare = await counted(PERSONAS.staff, services, (s) =>
      Promise.all([tabCatalogue(s), ...views.compare.map((key) => s.catalogue.role(key))]),
    );
    const approvals = await counted(PERSONAS.approver, services, (s) => s.approval.view(requestId));
    if (approvals.value.role.key !== views.approvals[0]) throw new Error('verkeerde aanvraag');

    process.stderr.write('views: naïeve client…\n');
    const naive = (http: GraphHttp) => Promise.resolve(new NaiveClient(http, site));
    /** The naive client twice: cold, and the "warm" second open that reads everything again. */
    const naiveTwice = async <T>(
      upn: string,
      read: (n: NaiveClient) => Promise<T>,
      once = false,
    ): Promise<{ cold: Counted<T>; warmMs: number }> => {
      const cold = await counted(upn, naive, read);
      if (once) return { cold, warmMs: cold.ms };
      const warm = await counted(upn, naive, read);
      return { cold, warmMs: warm.ms };
    };
    const onceOverCity = profile !== null;
    const naiveSession = await counted(
      PERSONAS.staff,
      (http) => Promise.resolve(http),
      async (http) => {
        // The sample's start-up: the site and its lists, whole (no $select).
        await http.get(`/sites/${LOCAL_SITE.hostname}:${LOCAL_SITE.path}`, idShape);
        await http.getAll(`/sites/${site.siteId}/lists`, idShape);
      },
    );
    progress(`views: naïeve catalogus${onceOverCity ? ' (over city: enkele minuten)' : ''}…`);
    const naiveCatalogue = await naiveTwice(PERSONAS.staff, (n) => n.catalogue(), onceOverCity);
    if (naiveCatalogue.cold.value.roles.length !== options.roles) {
      throw new Error('naïeve catalogus onvolledig');
    }
    const naiveRole = await naiveTwice(PERSONAS.staff, (n) => n.roleByKey(views.role));
    if (naiveRole.cold.value.competencies.length !== COMPETENCIES_PER_ROLE) {
      throw new Error('naïeve rol onvolledig');
    }
    const naiveCompare = await naiveTwice(
      PERSONAS.staff,
      (n) => n.compare(views.compare),
      onceOverCity,
    );
    const naiveApprovals = await naiveTwice(PERSONAS.approver, (n) => n.approval(requestId));

    return {
      viewsRoles: options.roles,
      viewsCompetenciesPerRole: COMPETENCIES_PER_ROLE,
      ...figures('session', session),
      ...figures('catalogue', catalogue),
      catalogueWarmRequests: warm.traffic.requests,
      catalogueWarmRoundTrips: warm.traffic.roundTrips,
      catalogueWarmRu: warm.traffic.ru,
      catalogueWarmWireBytes: warm.traffic.wireBytes,
      catalogueWarmFetchMs: round(warm.ms),
      catalogueWarmAgainRequests: warmAgain.traffic.requests,
      catalogueWarmAgainRu: warmAgain.traffic.ru,
      catalogueWarmAgainFetchMs: round(warmAgain.ms),
      catalogueFirstScreenWireBytes: firstScreen.traffic.wireBytes,
      catalogueFirstScreenRoundTrips: firstScreen.traffic.roundTrips,
      catalogueFirstScreenRu: firstScreen.traffic.ru,
      catalogueFirstScreenFetchMs: round(firstScreen.ms),
      catalogueVerifyRequests: verify.traffic.requests,
      catalogueVerifyRoundTrips: verify.traffic.roundTrips,
      catalogueVerifyWireBytes: verify.traffic.wireBytes,
      catalogueVerifyRu: verify.traffic.ru,
      catalogueVerifyFetchMs: round(verify.ms),
      // In Node: the first screen, then its verification (the tab's order).
      catalogueStatusExactFetchMs: round(firstScreen.ms + verify.ms),
      naiveWarmMeasuredOnce: onceOverCity ? 1 : 0,
      ...figures('role', role),
      ...figures('compare', compare),
      ...figures('approvals', approvals),
      ...figures('naiveSession', naiveSession),
      ...naiveFigures('naiveCatalogue', naiveCatalogue),
      ...naiveFigures('naiveRole', naiveRole),
      ...naiveFigures('naiveCompare', naiveCompare),
      ...naiveFigures('naiveApprovals', naiveApprovals),
    };
  });
}

/** Only the ids are checked; the sample reads the whole objects anyway. */
const idShape = z.object({ id: z.string().min(1) }).loose();

function figures(prefix: string, c: Counted<unknown>): Record<string, number> {
  return {
    [`${prefix}Requests`]: c.traffic.requests,
    [`${prefix}RoundTrips`]: c.traffic.roundTrips,
    [`${prefix}Bytes`]: c.traffic.bytes,
    [`${prefix}WireBytes`]: c.traffic.wireBytes,
    [`${prefix}Ru`]: c.traffic.ru,
    [`${prefix}FetchMs`]: round(c.ms),
  };
}

function naiveFigures(
  prefix: string,
  n: { cold: Counted<unknown>; warmMs: number },
): Record<string, number> {
  return {
    [`${prefix}Requests`]: n.cold.traffic.requests,
    [`${prefix}RoundTrips`]: n.cold.traffic.roundTrips,
    [`${prefix}Bytes`]: n.cold.traffic.bytes,
    [`${prefix}WireBytes`]: n.cold.traffic.wireBytes,
    [`${prefix}Ru`]: n.cold.traffic.ru,
    [`${prefix}ColdMs`]: round(n.cold.ms),
    [`${prefix}WarmMs`]: round(n.warmMs),
  };
}

type StartUp = { site: SiteLists; approvers: () => Promise<Person[]> };

/**
 * The tab's start-up (src/tab/host/repositories.ts): the site and its lists (with their times)
 * and the approver group's members, side by side.
 */
async function startUp(http: GraphHttp): Promise<StartUp> {
  const approvers = approverMembers(new DirectoryRepository(http), LOCAL_GROUPS);
  const [site] = await Promise.all([resolveSiteLists(http, LOCAL_SITE), approvers()]);
  return { site, approvers };
}

/** The application layer as the tab builds it after its start-up, on the local emulator's groups. */
function servicesOn(http: GraphHttp, { site, approvers }: StartUp): Services {
  return createServices({
    repos: createRepositories(http, site),
    groups: LOCAL_GROUPS,
    channel: null,
    approvers,
    ...(site.listTimes ? { startupListTimes: site.listTimes } : {}),
  });
}
