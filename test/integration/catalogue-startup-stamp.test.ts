import { PERSONAS } from '../../src/cli/local-stack';
import { functiebeschrijving } from '../graph/fixtures';
import { tabRepositoriesAs, uniqueKey, useEmulatorTarget, writeAsHr } from './harness';

/*
 * Issue 15: two round trips off a cold catalogue open. The tab's start-up reads the approver
 * group beside the site and its lists (it needs neither), and the lists' answer carries their
 * `lastModifiedDateTime`, so the session's first catalogue read asks no list times of its own.
 * Against the emulator, through the tab's own port (src/tab/host/repositories.ts).
 */

const target = useEmulatorTarget();

const STAMP_QUERY = /\/lists\?\$select=id,lastModifiedDateTime$/;
const GROUPS = /\/groups\/[^/]+\/transitiveMembers/;
/** The start-up's two site requests: the site's id, and its lists addressed by the site's path. */
const SITE = /\/sites\/[^/]+:[^?]*(\?\$select=id$|:\/lists\?)/;

type Sent = { url: string; at: number };

/**
 * A fetch that records every request as it is sent and holds the site's answers until the
 * approver group has been asked for: were the group read waiting for them, the release would
 * come from the fallback instead (which only keeps a broken build from hanging the test).
 */
function recordingFetch(options: { stripListTimes?: boolean } = {}) {
  const sent: Sent[] = [];
  let order = 0;
  let releasedBy: 'groups' | 'fallback' | null = null;
  let release: () => void = () => undefined;
  const groupsAsked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fallback = setTimeout(() => {
    releasedBy ??= 'fallback';
    release();
  }, 5_000);
  const answered: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ url: decodeURIComponent(url), at: order++ });
    if (GROUPS.test(url)) {
      releasedBy ??= 'groups';
      release();
    }
    const response = await fetch(input, init);
    if (!SITE.test(decodeURIComponent(url))) return response;
    await groupsAsked;
    answered.push(decodeURIComponent(url));
    if (!options.stripListTimes || !url.includes('/lists?')) return response;
    // A directory that leaves the lists' times out of the answer.
    const body = (await response.json()) as { value: Record<string, unknown>[] };
    const value = body.value.map(({ lastModifiedDateTime: _left, ...rest }) => rest);
    return new Response(JSON.stringify({ ...body, value }), {
      status: response.status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return {
    fetch: wrapped,
    sent,
    answered,
    releasedBy: () => releasedBy,
    done: () => clearTimeout(fallback),
  };
}

function tabAs(persona: keyof typeof PERSONAS, fetchImpl: typeof fetch) {
  const repositories = tabRepositoriesAs(target, persona, { fetch: fetchImpl });
  const { catalogue } = repositories;
  if (!catalogue) throw new Error('de poort van het tabblad heeft geen catalogus in twee stappen');
  return { ...repositories, catalogue };
}

const stampRequests = (sent: Sent[]) => sent.filter((s) => STAMP_QUERY.test(s.url));

beforeAll(async () => {
  await writeAsHr(target, [
    functiebeschrijving({ key: uniqueKey('archivaris'), title: 'Archivaris', approval: null }),
    functiebeschrijving({ key: uniqueKey('boekhouder'), title: 'Boekhouder', approval: null }),
  ]);
}, 60_000);

describe('cold catalogue open right after start-up', () => {
  it('asks for the approver group before the site answers, and for no list times before the first batch', async () => {
    const recorder = recordingFetch();
    try {
      const tab = tabAs('staff', recorder.fetch);
      const painted = await tab.catalogue.firstScreen();
      expect(painted.rows.map((r) => r.title)).toEqual(
        expect.arrayContaining(['Archivaris', 'Boekhouder']),
      );
      // The group was asked for while both site answers were still held.
      expect(recorder.releasedBy()).toBe('groups');
      expect(recorder.answered).toHaveLength(2);
      // The start-up's lists request carried the times, in the same query.
      const lists = recorder.sent.filter((s) => s.url.includes(':/lists?'));
      expect(lists).toHaveLength(1);
      expect(lists[0]?.url).toMatch(/\$select=id,displayName,name,webUrl,lastModifiedDateTime$/);
      // …so the first screen was the `$batch` alone, with no stamp request of its own.
      expect(stampRequests(recorder.sent)).toEqual([]);
      // And the group was read once for the session.
      await tab.catalogue.verify(painted.verification);
      expect(recorder.sent.filter((s) => GROUPS.test(s.url))).toHaveLength(1);

      // The session's next catalogue read asks for the times again.
      const before = recorder.sent.length;
      await tab.catalogue.firstScreen();
      const again = stampRequests(recorder.sent.slice(before));
      expect(again).toHaveLength(1);
      const batch = recorder.sent.slice(before).find((s) => s.url.endsWith('/$batch'));
      // Read before the rows they stamp.
      expect(again[0]!.at).toBeLessThan(batch!.at);
      expect(recorder.sent.filter((s) => GROUPS.test(s.url))).toHaveLength(1);
    } finally {
      recorder.done();
    }
  });

  it('the stamp of the verified rows is the start-up read of the lists', async () => {
    const recorder = recordingFetch();
    try {
      const tab = tabAs('staff', recorder.fetch);
      const painted = await tab.catalogue.firstScreen();
      const verified = await tab.catalogue.verify(painted.verification);
      const fresh = await target.repos('staff').roles.listVersions();
      // Equal, or unknown where the lists were written within SETTLE_MS of the read (just now).
      for (const [name, time] of Object.entries(verified.version.lists)) {
        expect(['', fresh[name as keyof typeof fresh]]).toContain(time);
      }
      expect(stampRequests(recorder.sent)).toEqual([]);
    } finally {
      recorder.done();
    }
  });

  it('still boots when the directory leaves the lists\u2019 times out; the catalogue then asks for them', async () => {
    const recorder = recordingFetch({ stripListTimes: true });
    try {
      const tab = tabAs('staff', recorder.fetch);
      const painted = await tab.catalogue.firstScreen();
      expect(painted.rows.length).toBeGreaterThanOrEqual(2);
      const stamp = stampRequests(recorder.sent);
      expect(stamp).toHaveLength(1);
      const batch = recorder.sent.find((s) => s.url.endsWith('/$batch'));
      expect(stamp[0]!.at).toBeLessThan(batch!.at);
    } finally {
      recorder.done();
    }
  });

  it('a role page after start-up waits for the site and its own batch only', async () => {
    const recorder = recordingFetch();
    try {
      const tab = tabAs('staff', recorder.fetch);
      const catalogue = await tab.listCatalogue();
      const key = catalogue.find((r) => r.title === 'Archivaris')!.key;
      const before = recorder.sent.length;
      await tab.getRole(key);
      const urls = recorder.sent.slice(before).map((s) => s.url);
      // The approvers were read at start-up and are shared: one `$batch`, nothing else.
      expect(urls).toHaveLength(1);
      expect(urls[0]).toMatch(/\/\$batch$/);
    } finally {
      recorder.done();
    }
  });
});
