import { createLocalPersonaTokenProvider } from '../../src/auth/local-personas';
import { PERSONAS } from '../../src/cli/local-stack';
import { createTabRepositories } from '../../src/tab/host/repositories';
import { functiebeschrijving } from '../graph/fixtures';
import { uniqueKey, useEmulatorTarget, writeAsHr } from './harness';

/*
 * Issue 15: a comparison (or a role) opened from a link. The tab's start-up is told the link's
 * keys and looks their item ids up beside the user's identity, so when the view mounts and asks
 * for its roles, each costs its own `$batch` and nothing before it. Against the emulator, through
 * the tab's own port (src/tab/host/repositories.ts).
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
  const control = target.control;
  if (!control) throw new Error('alleen tegen de emulator');
  return createTabRepositories({
    graphBaseUrl: `${control.url}/v1.0`,
    site: target.siteRef,
    tokenProvider: createLocalPersonaTokenProvider({
      emulatorUrl: control.url,
      initialUpn: PERSONAS.staff,
    }),
    fetch: fetchImpl,
    linkedRoleKeys,
  });
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
