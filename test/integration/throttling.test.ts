import { z } from 'zod';
import { ThrottledError } from '../../src/graph/errors';
import { writeDescriptions } from '../../src/graph/import-writer';
import { itemsQuery } from '../../src/graph/site';
import { functiebeschrijving } from '../graph/fixtures';
import {
  exchangeLog,
  instantRetries,
  startEmulatorTarget,
  type Target,
  uniqueKey,
} from './harness';

/** Fault injection needs the emulator's control API: there is no tenant variant. */
describe('throttling and outages [emulator]', () => {
  let t: Target;

  beforeAll(async () => {
    t = await startEmulatorTarget();
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(async () => {
    await t.control?.clearFaults();
  });

  it('rides out a 429 storm on reads, waiting what Retry-After says', async () => {
    await t.control?.addFaults([
      { match: { method: 'GET' }, fault: { type: 'throttle', retryAfterSeconds: 2 }, times: 3 },
    ]);
    const waits: number[] = [];
    const { log, options } = exchangeLog();
    const dictionary = await t
      .repos('staff', { ...instantRetries(waits), ...options })
      .competencies.list();
    expect(Array.isArray(dictionary)).toBe(true);
    expect(waits).toEqual([2000, 2000, 2000]);
    expect(log.map((e) => e.status)).toEqual([429, 429, 429, 200]);
  });

  it('backs off with jitter when a 503 carries no Retry-After', async () => {
    await t.control?.addFaults([
      { match: { method: 'GET' }, fault: { type: 'unavailable' }, times: 2 },
    ]);
    const waits: number[] = [];
    await t.repos('staff', instantRetries(waits)).competencies.list();
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
  });

  it('retries a read after a dropped connection', async () => {
    await t.control?.addFaults([{ match: { method: 'GET' }, fault: { type: 'drop' }, times: 1 }]);
    await expect(t.repos('staff').competencies.list()).resolves.toEqual(expect.any(Array));
  });

  it('retries only throttled batch entries and never duplicates a create', async () => {
    const doc = functiebeschrijving({ key: uniqueKey('storm'), approval: null });
    const rows = t.site.listIds.get('Functiecompetenties') as string;
    // Every other competency row is refused once with 429 inside a 200 envelope.
    await t.control?.addFaults([
      {
        match: { method: 'POST', path: `/lists/${rows}/items$` },
        fault: { type: 'throttle', retryAfterSeconds: 1 },
        probability: 1,
        times: 2,
      },
    ]);
    const hr = t.repos('hr');
    const report = await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    expect(report.failed).toBe(false);
    expect((await t.control?.faults())?.map((r) => r.fired)).toEqual([2]);
    const role = await hr.roles.getByKey(doc.key);
    const stored = await t.client('hr').getAll(
      itemsQuery(t.site, 'Functiecompetenties', {
        select: 'Title',
        filter: `fields/FunctieLookupId eq ${role.id}`,
      }),
      z.object({ fields: z.object({ Title: z.string() }) }).loose(),
    );
    expect(stored.map((s) => s.fields.Title).sort()).toEqual(
      doc.competencies.map((c) => c.name).sort(),
    );
  });

  it('does not repeat a create after a 503 without Retry-After: it may have been applied', async () => {
    const hr = t.repos('hr');
    const doc = functiebeschrijving({ key: uniqueKey('eenmaal'), approval: null });
    await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    const role = await hr.roles.getByKey(doc.key);
    await t.control?.addFaults([
      {
        match: { method: 'POST', path: '/items$' },
        fault: { type: 'unavailable' },
        times: 5,
      },
    ]);
    const { log, options } = exchangeLog();
    const attempt = t.repos('hr', options).requests.create({
      roleId: role.id,
      roleTitle: role.content.title,
      contentHash: `sha256:${'1'.repeat(64)}`,
      note: null,
    });
    await expect(attempt).rejects.toBeInstanceOf(ThrottledError);
    expect(log.filter((e) => e.method === 'POST')).toHaveLength(1);
    expect((await t.control?.faults())?.map((r) => r.fired)).toEqual([1]);
    expect(await hr.requests.listForRole(role.id)).toEqual([]);
  });

  it('repeats a create answered 503 with Retry-After: SharePoint throttled it, unprocessed', async () => {
    const hr = t.repos('hr');
    const doc = functiebeschrijving({ key: uniqueKey('gesmoord'), approval: null });
    await writeDescriptions([doc], {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: null,
    });
    const role = await hr.roles.getByKey(doc.key);
    await t.control?.addFaults([
      {
        match: { method: 'POST', path: '/items$' },
        fault: { type: 'unavailable', retryAfterSeconds: 2 },
        times: 2,
      },
    ]);
    const { log, options } = exchangeLog();
    const created = await t.repos('hr', options).requests.create({
      roleId: role.id,
      roleTitle: role.content.title,
      contentHash: `sha256:${'2'.repeat(64)}`,
      note: null,
    });
    expect(log.filter((e) => e.method === 'POST')).toHaveLength(3);
    expect((await hr.requests.listForRole(role.id)).map((r) => r.id)).toEqual([created.id]);
  });

  it('hands back a Throttled error with the wait when throttling outlasts the retries', async () => {
    await t.control?.addFaults([
      { match: { method: 'GET' }, fault: { type: 'throttle', retryAfterSeconds: 3 }, times: 20 },
    ]);
    const err = await t
      .repos('staff', {
        ...instantRetries(),
        retry: { maxAttempts: 3, sleep: () => Promise.resolve() },
      })
      .competencies.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect((err as ThrottledError).retryAfterMs).toBe(3000);
  });
});
