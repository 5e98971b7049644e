import { functiebeschrijving } from '../graph/fixtures';
import { tabRepositoriesAs, uniqueKey, useEmulatorTarget, writeAsHr } from './harness';

/*
 * Issue 15: what the tab's start-up reads before the first view asks, against the emulator,
 * through the tab's own port (src/tab/host/repositories.ts).
 * - A comparison (or a role) opened from a link: the start-up is told the link's keys and looks
 *   their item ids up beside the user's identity, so when the view mounts and asks for its roles,
 *   each costs its own `$batch` and nothing before it.
 * - A first open on the catalogue (nothing stored in this browser): the first screen is read as
 *   soon as the site is known and handed to the catalogue's first read.
 */

const target = useEmulatorTarget();

const KEY_LOOKUP = /\/items\?.*FunctieKey eq /;

/** Records every request as sent; `lookupSent` settles when a key lookup has gone out. */
function recordingFetch() {
  const sent: string[] = [];
  let seen: () => void = () => undefined;
  const lookupSent = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const wrapped: typeof fetch = (input, init) => {
    const url = decodeURIComponent(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    sent.push(url);
    if (KEY_LOOKUP.test(url)) seen();
    return fetch(input, init);
  };
  return { fetch: wrapped, sent, lookupSent };
}

function tabOnLink(linkedRoleKeys: readonly string[], fetchImpl: typeof fetch) {
  return tabRepositoriesAs(target, 'staff', { fetch: fetchImpl, linkedRoleKeys });
}

const docs = ['link-een', 'link-twee', 'link-drie'].map((base) =>
  functiebeschrijving({ key: uniqueKey(base), title: `Functie ${base}`, approval: null }),
);

beforeAll(async () => {
  await writeAsHr(target, docs);
}, 60_000);

describe('a view opened from a link [emulator]', () => {
  it('finds the linked roles looked up at start-up: each role is one batch, no lookup of its own', async () => {
    const recorder = recordingFetch();
    const tab = tabOnLink(
      docs.map((d) => d.key),
      recorder.fetch,
    );
    // The lookup goes out with the start-up, before any view asks for a role (without the
    // prefetch nothing would, and the test would time out here).
    await recorder.lookupSent;
    const lookups = recorder.sent.filter((url) => KEY_LOOKUP.test(url));
    expect(lookups).toHaveLength(1);
    for (const doc of docs) expect(lookups[0]).toContain(doc.key);

    const before = recorder.sent.length;
    const roles = await Promise.all(docs.map((doc) => tab.getRole(doc.key)));

    expect(roles.map((r) => r.description.title)).toEqual(docs.map((d) => d.title));
    const afterwards = recorder.sent.slice(before);
    expect(afterwards.filter((url) => KEY_LOOKUP.test(url))).toEqual([]);
    expect(afterwards.filter((url) => url.endsWith('/$batch'))).toHaveLength(docs.length);
  });

  it('looks nothing up for the catalogue', async () => {
    const recorder = recordingFetch();
    const tab = tabOnLink([], recorder.fetch);
    await tab.listCatalogue();
    expect(recorder.sent.filter((url) => KEY_LOOKUP.test(url))).toEqual([]);
  });
});

describe('a first open on the catalogue [emulator]', () => {
  const BATCH = /\/\$batch$/;

  function firstOpen(options: { user?: () => string; now?: () => number } = {}) {
    const recorder = recordingFetch();
    let batchSent: () => void = () => undefined;
    const batch = new Promise<void>((resolve) => {
      batchSent = resolve;
    });
    const tab = tabRepositoriesAs(target, 'staff', {
      fetch: (input, init) => {
        const sent = recorder.fetch(input, init);
        if (BATCH.test(recorder.sent[recorder.sent.length - 1] ?? '')) batchSent();
        return sent;
      },
      prefetchFirstScreen: true,
      ...(options.user ? { sessionKey: options.user } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    if (!tab.catalogue) throw new Error('geen catalogus in twee stappen');
    return { recorder, batch, catalogue: tab.catalogue };
  }

  it('reads the first screen at start-up and hands it to the view, once', async () => {
    const { recorder, batch, catalogue } = firstOpen();
    // Sent before the view asks (without the prefetch this would never settle).
    await batch;
    const before = recorder.sent.length;

    const painted = await catalogue.firstScreen();

    expect(painted.rows.map((r) => r.title)).toEqual(
      expect.arrayContaining(docs.map((d) => d.title)),
    );
    expect(recorder.sent.slice(before)).toEqual([]);
    // The next read is the view's own.
    await catalogue.firstScreen();
    expect(recorder.sent.slice(before).filter((url) => BATCH.test(url))).toHaveLength(1);
  });

  it('is not handed to another user, nor long after start-up', async () => {
    let user = 'medewerker';
    const switched = firstOpen({ user: () => user });
    await switched.batch;
    user = 'hr';
    const before = switched.recorder.sent.length;
    await switched.catalogue.firstScreen();
    expect(switched.recorder.sent.slice(before).filter((url) => BATCH.test(url))).toHaveLength(1);

    let clock = 0;
    const late = firstOpen({ now: () => clock });
    await late.batch;
    clock = 31_000;
    const sentBefore = late.recorder.sent.length;
    await late.catalogue.firstScreen();
    expect(late.recorder.sent.slice(sentBefore).filter((url) => BATCH.test(url))).toHaveLength(1);
  });
});
