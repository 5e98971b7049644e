import { z } from 'zod';
import { contentHash } from '../../src/domain/content-hash';
import { type BatchRequest, runBatch } from '../../src/graph/batch';
import { NonIndexedQueryError, ValidationError } from '../../src/graph/errors';
import { writeDescriptions } from '../../src/graph/import-writer';
import { decisionFields } from '../../src/graph/mapping';
import { itemsQuery, listPath } from '../../src/graph/site';
import { functiebeschrijving, functieprofiel } from '../graph/fixtures';
import { describeTargets, exchangeLog, uniqueKey } from './harness';

describeTargets('reads', (target, kind) => {
  const keys: string[] = [];

  beforeAll(async () => {
    const t = target();
    const docs = [
      ...Array.from({ length: 6 }, (_, i) =>
        functiebeschrijving({ key: uniqueKey(`rol-${i}`), title: `Rol ${i}` }),
      ),
      functieprofiel({ key: uniqueKey('profiel') }),
    ];
    keys.push(...docs.map((d) => d.key));
    const hr = t.repos('hr');
    const report = await writeDescriptions(docs, {
      roles: hr.roles,
      competencies: hr.competencies,
      decisions: t.repos('admin').decisions,
      concurrency: 3,
    });
    expect(report.failed).toBe(false);
  });

  it('loads the catalogue in one round trip, with status inputs', async () => {
    const t = target();
    const { log, options } = exchangeLog();
    const catalogue = await t.repos('staff', options).roles.catalogue();
    expect(log).toHaveLength(1);
    for (const key of keys) expect(catalogue.roles.some((r) => r.key === key)).toBe(true);
    const role = catalogue.roles.find((r) => r.key === keys[0]);
    expect(role?.competencies.length).toBeGreaterThan(0);
    expect(role?.tasks.length).toBeGreaterThan(0);
    // The stored hash is the hash of the content a full read gives.
    const full = await t.repos('staff').roles.getById(role?.id ?? '');
    expect(role?.contentHash).toBe(await contentHash(full.content));
    expect(catalogue.decisions.some((d) => d.roleId === role?.id && d.imported)).toBe(true);
  });

  it('can leave the task texts out of the catalogue for a first paint', async () => {
    const t = target();
    const { log, options } = exchangeLog();
    const light = await t.repos('staff', options).roles.catalogue({ withTasks: false });
    const full = await t.repos('staff').roles.catalogue();
    const role = light.roles.find((r) => r.key === keys[0]);
    expect(role?.tasks).toEqual([]);
    expect(role?.competencies).toEqual(full.roles.find((r) => r.key === keys[0])?.competencies);
    expect(log).toHaveLength(1);
  });

  it('reads one role by key in one round trip once the catalogue is known, two when cold', async () => {
    const t = target();
    const warm = exchangeLog();
    const repos = t.repos('staff', warm.options);
    await repos.roles.catalogue();
    warm.log.length = 0;
    const role = await repos.roles.getByKey(keys[1] as string);
    expect(warm.log).toHaveLength(1);
    expect(role.content.key).toBe(keys[1]);

    const cold = exchangeLog();
    await t.repos('staff', cold.options).roles.getByKey(keys[1] as string);
    expect(cold.log).toHaveLength(2);
  });

  it('answers NotFound for a key that does not exist', async () => {
    const t = target();
    await expect(t.repos('staff').roles.getByKey('bestaat-niet-xyz')).rejects.toMatchObject({
      kind: 'notFound',
    });
  });

  it('the server refuses a batch of 21; the helper sends 45 requests as 20 + 20 + 5', async () => {
    const t = target();
    const http = t.client('staff');
    const url = itemsQuery(t.site, 'Functies', { select: 'Title', top: 1 });
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: `r${i}`, method: 'GET', url }));
    const response = await http.send('POST', '/$batch', { body: { requests } });
    expect(response.status).toBe(400);
    expect(http.error('POST', '/$batch', response)).toBeInstanceOf(ValidationError);

    const { log, options } = exchangeLog();
    const many: BatchRequest[] = Array.from({ length: 45 }, (_, i) => ({
      id: `m${i}`,
      method: 'GET',
      url,
    }));
    const run = await runBatch(t.client('staff', options), many);
    expect(log.map((e) => e.path)).toEqual(['/$batch', '/$batch', '/$batch']);
    expect(run.responses.every((r) => r.status === 200)).toBe(true);
  });

  // Writing 5,000 items on a real tenant would take long and leave them behind.
  if (kind === 'emulator') {
    describe('past 5,000 items', () => {
      const total = 5050;

      beforeAll(async () => {
        const t = target();
        const role = await t.repos('staff').roles.getByKey(keys[0] as string);
        const path = `${listPath(t.site, 'Besluiten')}/items`;
        const hash = await contentHash(role.content);
        const requests: BatchRequest[] = Array.from({ length: total }, (_, i) => ({
          id: `b${i}`,
          method: 'POST',
          url: path,
          body: {
            fields: decisionFields({
              roleId: role.id,
              roleTitle: `bulk ${i}`,
              requestId: null,
              outcome: 'rejected',
              decisionDate: '2024-05-01',
              contentHash: hash,
              reason: `reden ${i}`,
              snapshot: null,
              imported: false,
            }),
          },
        }));
        const run = await runBatch(t.client('approver'), requests);
        expect(run.responses.filter((r) => r.status !== 201)).toEqual([]);
      }, 600_000);

      it('follows nextLink pages until every item is read', async () => {
        const t = target();
        const all = await t
          .client('staff')
          .getAll(
            itemsQuery(t.site, 'Besluiten', { select: 'Title' }),
            z.object({ id: z.string() }).loose(),
          );
        expect(all.length).toBeGreaterThanOrEqual(total);
        expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
      });

      it('still loads the catalogue in at most two round trips', async () => {
        const t = target();
        const { log, options } = exchangeLog();
        const catalogue = await t.repos('staff', options).roles.catalogue();
        expect(log.length).toBeLessThanOrEqual(2);
        expect(catalogue.decisions.length).toBeGreaterThanOrEqual(total);
      });

      it('surfaces a filter on a column without index as a typed error', async () => {
        const t = target();
        const query = itemsQuery(t.site, 'Besluiten', {
          select: 'Title',
          filter: `fields/Motivering eq 'reden 1'`,
        });
        const err = await t
          .client('staff')
          .getAll(query, z.unknown())
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(NonIndexedQueryError);
        expect((err as NonIndexedQueryError).column).toBe('Motivering');
        expect((err as NonIndexedQueryError).message).toMatch(/npm run provision/);
      });

      it('filters on an indexed column work on the large list', async () => {
        const t = target();
        const role = await t.repos('staff').roles.getByKey(keys[0] as string);
        const { log, options } = exchangeLog();
        const full = await t.repos('staff', options).roles.getById(role.id);
        expect(full.decisions.length).toBeGreaterThan(total);
        expect(log.length).toBeLessThanOrEqual(2);
      });
    });
  }
});
