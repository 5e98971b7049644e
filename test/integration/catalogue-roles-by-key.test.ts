import { NotFoundError } from '../../src/graph/errors';
import { functiebeschrijving } from '../graph/fixtures';
import { exchangeLog, type Target, startEmulatorTarget, uniqueKey, writeAsHr } from './harness';

/*
 * Issue 15: a view that opens several roles by key (compare, from a link, before any catalogue
 * read taught the repository their ids) looks all the keys up in ONE query, then reads the roles
 * side by side — two round trips in all, not two per role.
 */

let target: Target;

beforeAll(async () => {
  target = await startEmulatorTarget();
}, 60_000);
afterAll(async () => {
  await target.close();
});

function functiesQueries(paths: readonly string[]): string[] {
  return paths.filter((p) => /\/lists\/[^/]+\/items\?/.test(p) && /FunctieKey/.test(p));
}

describe('roles by key, asked together [emulator]', () => {
  it('looks three keys up in one query and reads each role in full', async () => {
    const docs = ['een', 'twee', 'drie'].map((base) =>
      functiebeschrijving({ key: uniqueKey(`vergelijk-${base}`), approval: null }),
    );
    await writeAsHr(target, docs);
    const { log, options } = exchangeLog();
    // Fresh repositories: no id is known yet, as in a tab opened on a compare link.
    const roles = target.repos('staff', options).roles;

    const read = await Promise.all(docs.map((doc) => roles.getByKey(doc.key)));

    expect(read.map((r) => r.content.key)).toEqual(docs.map((d) => d.key));
    expect(read.map((r) => r.content.title)).toEqual(docs.map((d) => d.title));
    const lookups = functiesQueries(log.map((e) => e.path));
    expect(lookups).toHaveLength(1);
    // The other exchanges are the roles' own batches, one each.
    expect(log.filter((e) => e.method === 'POST' && e.path.endsWith('/$batch'))).toHaveLength(3);
    expect(log).toHaveLength(4);
  });

  it('a key that no role has is NotFound for its caller only', async () => {
    const doc = functiebeschrijving({ key: uniqueKey('vergelijk-bestaat'), approval: null });
    await writeAsHr(target, [doc]);
    const roles = target.repos('staff').roles;

    const [found, missing] = await Promise.allSettled([
      roles.getByKey(doc.key),
      roles.getByKey(uniqueKey('bestaat-niet')),
    ]);

    expect(found.status === 'fulfilled' && found.value.content.key).toBe(doc.key);
    expect(missing.status === 'rejected' && missing.reason).toBeInstanceOf(NotFoundError);
  });

  it('keys asked later are looked up again, each call answered with its own role', async () => {
    const [first, second] = ['later-een', 'later-twee'].map((base) =>
      functiebeschrijving({ key: uniqueKey(base), approval: null }),
    );
    if (!first || !second) throw new Error('twee functies verwacht');
    await writeAsHr(target, [first, second]);
    const { log, options } = exchangeLog();
    const roles = target.repos('staff', options).roles;

    expect((await roles.getByKey(first.key)).content.key).toBe(first.key);
    expect((await roles.getByKey(second.key)).content.key).toBe(second.key);
    // Read one after the other: two lookups, each of one key.
    expect(functiesQueries(log.map((e) => e.path))).toHaveLength(2);
  });

  it('a caller that aborts stops waiting; the others still get their role', async () => {
    const [kept, dropped] = ['blijft', 'afgebroken'].map((base) =>
      functiebeschrijving({ key: uniqueKey(base), approval: null }),
    );
    if (!kept || !dropped) throw new Error('twee functies verwacht');
    await writeAsHr(target, [kept, dropped]);
    const roles = target.repos('staff').roles;
    const abort = new AbortController();

    const keptRead = roles.getByKey(kept.key);
    const droppedRead = roles.getByKey(dropped.key, { signal: abort.signal });
    abort.abort(new Error('weg van de pagina'));

    await expect(droppedRead).rejects.toThrow('weg van de pagina');
    expect((await keptRead).content.key).toBe(kept.key);
  });

  it('keys prefetched at start-up are not looked up again when the view reads them', async () => {
    const docs = ['vooraf-een', 'vooraf-twee'].map((base) =>
      functiebeschrijving({ key: uniqueKey(base), approval: null }),
    );
    await writeAsHr(target, docs);
    const { log, options } = exchangeLog();
    const roles = target.repos('staff', options).roles;

    // A deep link known at start-up; the view asks for its roles a few tasks later, while the
    // prefetch is still on its way, and once more after it answered.
    roles.prefetchKeys(docs.map((d) => d.key));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const whileInFlight = await Promise.all(docs.map((doc) => roles.getByKey(doc.key)));
    const afterwards = await roles.getByKey(docs[0]?.key ?? '');

    expect(whileInFlight.map((r) => r.content.key)).toEqual(docs.map((d) => d.key));
    expect(afterwards.content.key).toBe(docs[0]?.key);
    expect(functiesQueries(log.map((e) => e.path))).toHaveLength(1);
  });

  it('a prefetched key that no role has is still NotFound for the view', async () => {
    const roles = target.repos('staff').roles;
    const missing = uniqueKey('vooraf-bestaat-niet');

    roles.prefetchKeys([missing]);

    await expect(roles.getByKey(missing)).rejects.toBeInstanceOf(NotFoundError);
  });
});
