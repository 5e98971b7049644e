import { z } from 'zod';
import { contentHash, contentOf } from '../../src/domain/content-hash';
import type { FunctionDescription } from '../../src/domain/schema';
import { writeDescriptions } from '../../src/graph/import-writer';
import type { ListName } from '../../src/graph/lists';
import { itemsQuery } from '../../src/graph/site';
import { functiebeschrijving, functieprofiel } from '../graph/fixtures';
import { describeTargets, exchangeLog, type Target, uniqueKey } from './harness';

async function countRows(t: Target, list: ListName, roleId: string): Promise<number> {
  const rows = await t
    .client('hr')
    .getAll(
      itemsQuery(t.site, list, { select: 'Title', filter: `fields/FunctieLookupId eq ${roleId}` }),
      z.unknown(),
    );
  return rows.length;
}

function deps(t: Target, extra: Parameters<Target['repos']>[1] = {}) {
  const hr = t.repos('hr', extra);
  return { roles: hr.roles, competencies: hr.competencies, decisions: t.repos('admin').decisions };
}

describeTargets('import through Graph', (target, kind) => {
  let ict: FunctionDescription;
  let profiel: FunctionDescription;

  beforeAll(() => {
    ict = functiebeschrijving({ key: uniqueKey('deskundige-ict') });
    profiel = functieprofiel({ key: uniqueKey('leidinggevende') });
  });

  it('writes both kinds of description, readable back with the same content', async () => {
    const t = target();
    const report = await writeDescriptions([ict, profiel], deps(t));
    expect(report.failed).toBe(false);
    expect(report.documents.map((d) => d.ok && d.action)).toEqual(['created', 'created']);
    const hr = t.repos('staff');
    const read = await hr.roles.getByKey(ict.key);
    expect(read.content).toEqual(contentOf(ict));
    const readProfiel = await hr.roles.getByKey(profiel.key);
    expect(readProfiel.content).toEqual(contentOf(profiel));
  });

  it('turns the approval line into one imported decision bound to the content hash', async () => {
    const t = target();
    const role = await t.repos('staff').roles.getByKey(ict.key);
    expect(role.decisions).toHaveLength(1);
    expect(role.decisions[0]).toMatchObject({
      outcome: 'approved',
      decisionDate: '2023-02-09',
      imported: true,
      contentHash: await contentHash(ict),
      requestId: null,
    });
    expect(JSON.parse(role.decisions[0]?.snapshot ?? 'null')).toMatchObject({
      key: ict.key,
      title: ict.title,
    });
  });

  it('re-importing the same documents changes nothing and duplicates nothing', async () => {
    const t = target();
    const role = await t.repos('hr').roles.getByKey(ict.key);
    const before = [
      await countRows(t, 'Taakafspraken', role.id),
      await countRows(t, 'Functiecompetenties', role.id),
    ];
    const report = await writeDescriptions([ict, profiel], deps(t));
    expect(report.documents.map((d) => d.ok && d.action)).toEqual(['unchanged', 'unchanged']);
    expect(report.documents.map((d) => d.ok && d.decision.kind)).toEqual(['present', 'none']);
    expect([
      await countRows(t, 'Taakafspraken', role.id),
      await countRows(t, 'Functiecompetenties', role.id),
    ]).toEqual(before);
    const again = await t.repos('hr').roles.getByKey(ict.key);
    expect(again.decisions).toHaveLength(1);
    expect(again.eTag).toBe(role.eTag);
  });

  it('a changed document updates the same role and leaves no old rows behind', async () => {
    const t = target();
    const changed: FunctionDescription = {
      ...ict,
      purpose: 'Een nieuw doel.',
      resultAreas: [{ title: 'Enige taakafspraak', tasks: ['Eén taak.'] }],
      competencies: ict.competencies.slice(1),
    };
    const report = await writeDescriptions([changed], deps(t));
    expect(report.documents[0]).toMatchObject({ ok: true, action: 'updated' });
    const role = await t.repos('staff').roles.getByKey(ict.key);
    expect(role.content).toEqual(contentOf(changed));
    expect(await countRows(t, 'Taakafspraken', role.id)).toBe(1);
    expect(await countRows(t, 'Functiecompetenties', role.id)).toBe(changed.competencies.length);
    const catalogue = await t.repos('staff').roles.catalogue();
    expect(catalogue.roles.filter((r) => r.key === ict.key)).toHaveLength(1);
  });

  it('a document that leaves fields empty clears them: writes never send null', async () => {
    const t = target();
    const full = functiebeschrijving({ key: uniqueKey('leeg-gemaakt') });
    expect((await writeDescriptions([full], deps(t))).failed).toBe(false);
    // SharePoint is reported to refuse null on create and to keep the old value on an update
    // with null: only "" clears (docs/emulator.md, "As strict as SharePoint").
    const emptied: FunctionDescription = {
      ...full,
      department: null,
      service: null,
      grade: null,
      purpose: null,
      mainTasks: [],
    };
    const report = await writeDescriptions([emptied], deps(t));
    expect(report.documents[0]).toMatchObject({ ok: true, action: 'updated' });
    const role = await t.repos('staff').roles.getByKey(full.key);
    expect(role.content).toEqual(contentOf(emptied));
  });

  it('reports dictionary drift instead of overwriting, and the role keeps its own text', async () => {
    const t = target();
    const name = uniqueKey('Drift competentie');
    const first = functiebeschrijving({
      key: uniqueKey('drift-a'),
      approval: null,
      competencies: [{ ...ict.competencies[0]!, name, definition: 'Eerste definitie.' }],
    });
    const second = functiebeschrijving({
      key: uniqueKey('drift-b'),
      approval: null,
      competencies: [{ ...ict.competencies[0]!, name, definition: 'Andere definitie.' }],
    });
    await writeDescriptions([first], deps(t));
    const report = await writeDescriptions([second], deps(t));
    expect(report.drift).toEqual([
      expect.objectContaining({ source: second.key, competency: name, fields: ['definitie'] }),
    ]);
    const dictionary = await t.repos('staff').competencies.list();
    expect(dictionary.find((c) => c.name === name)?.definition).toBe('Eerste definitie.');
    const role = await t.repos('staff').roles.getByKey(second.key);
    expect(role.content.competencies[0]?.definition).toBe('Andere definitie.');
  });

  it('writes the first of two documents with the same key and refuses the second', async () => {
    const t = target();
    const key = uniqueKey('dubbel');
    const a = functiebeschrijving({ key, approval: null, title: 'Versie A' });
    const b = functiebeschrijving({ key, approval: null, title: 'Versie B' });
    const report = await writeDescriptions([a, b], deps(t));
    expect(report.documents[0]).toMatchObject({ ok: true, action: 'created' });
    expect(report.documents[1]).toMatchObject({
      ok: false,
      message: expect.stringMatching(/dezelfde sleutel/),
    });
    expect(report.failed).toBe(true);
    expect((await t.repos('staff').roles.getByKey(key)).content.title).toBe('Versie A');
  });

  if (kind === 'emulator') {
    /**
     * A fetch for importer A that, just before A's first POST matching `path`, lets importer B
     * write `other` completely: B wins the race for the unique key, and A's create is refused.
     */
    function losesRaceAt(t: Target, path: RegExp, other: FunctionDescription) {
      let raced = false;
      const racing: typeof fetch = async (input, init) => {
        const url =
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (!raced && init?.method === 'POST' && path.test(new URL(url).pathname)) {
          raced = true;
          const theirs = await writeDescriptions([other], deps(t));
          expect(theirs.failed).toBe(false);
        }
        return fetch(input, init);
      };
      return racing;
    }

    it.each([
      ['the role', (t: Target) => new RegExp(`/lists/${t.site.listIds.get('Functies')}/items$`)],
      ['the dictionary entry', () => /\/\$batch$/],
    ])(
      'two imports of one new role: the loser of the race for %s adopts the winner’s item',
      async (_what, path) => {
        const t = target();
        const key = uniqueKey('wedloop');
        const shared = { ...ict.competencies[0]!, name: uniqueKey('Gedeelde competentie') };
        const winner = functiebeschrijving({
          key,
          approval: null,
          title: 'Winnaar',
          competencies: [shared],
        });
        const loser = functiebeschrijving({
          key,
          approval: null,
          title: 'Laatste',
          competencies: [shared],
        });
        // SharePoint's refusal of the duplicate is recognised by code and message, not by 409.
        const report = await writeDescriptions([loser], {
          ...deps(t),
          ...(() => {
            const hr = t.repos('hr', { fetch: losesRaceAt(t, path(t), winner) });
            return { roles: hr.roles, competencies: hr.competencies };
          })(),
        });
        expect(report.documents[0]).toMatchObject({ ok: true });
        expect(report.failed).toBe(false);
        const catalogue = await t.repos('staff').roles.catalogue();
        expect(catalogue.roles.filter((r) => r.key === key)).toHaveLength(1);
        expect((await t.repos('staff').roles.getByKey(key)).content.title).toBe('Laatste');
        const dictionary = await t.repos('staff').competencies.list();
        expect(dictionary.filter((e) => e.name === shared.name)).toHaveLength(1);
      },
    );
  }

  if (kind === 'emulator') {
    it('reports every document as not written when the dictionary cannot be updated', async () => {
      const t = target();
      const doc = functiebeschrijving({
        key: uniqueKey('woordenboek'),
        approval: null,
        competencies: [{ ...ict.competencies[0]!, name: uniqueKey('Nieuwe competentie') }],
      });
      const dictionary = t.site.listIds.get('Competenties') as string;
      await t.control?.addFaults([
        {
          match: { method: 'POST', path: `/lists/${dictionary}/items$` },
          fault: { type: 'timeout' },
          times: 1,
        },
      ]);
      const report = await writeDescriptions([doc], deps(t));
      await t.control?.clearFaults();
      expect(report.documents[0]).toMatchObject({
        ok: false,
        message: expect.stringMatching(/woordenboek/),
      });
      await expect(t.repos('staff').roles.getByKey(doc.key)).rejects.toMatchObject({
        kind: 'notFound',
      });
    });
  }

  if (kind === 'emulator') {
    it('a failure in the middle of a new document leaves no role visible; a retry completes it', async () => {
      const t = target();
      const doc = functiebeschrijving({ key: uniqueKey('half'), approval: null });
      // Some rows are written, one competency row is not (a gateway timeout inside the batch).
      const rows = t.site.listIds.get('Functiecompetenties') as string;
      await t.control?.addFaults([
        {
          match: { method: 'POST', path: `/lists/${rows}/items$` },
          fault: { type: 'timeout' },
          skip: 1,
          times: 1,
        },
      ]);
      // One attempt: the writer's own retry of a document would otherwise ride out the fault.
      const failed = await writeDescriptions([doc], { ...deps(t), attempts: 1 });
      await t.control?.clearFaults();
      expect(failed.documents[0]?.ok).toBe(false);
      const catalogue = await t.repos('staff').roles.catalogue();
      expect(catalogue.roles.some((r) => r.key === doc.key)).toBe(false);
      await expect(t.repos('staff').roles.getByKey(doc.key)).rejects.toMatchObject({
        kind: 'notFound',
      });

      const retried = await writeDescriptions([doc], deps(t));
      expect(retried.documents[0]).toMatchObject({ ok: true, action: 'created' });
      const role = await t.repos('staff').roles.getByKey(doc.key);
      expect(role.content).toEqual(contentOf(doc));
      expect(await countRows(t, 'Functiecompetenties', role.id)).toBe(doc.competencies.length);
    });

    it('a failure at the commit of an update leaves the previous version intact', async () => {
      const t = target();
      const doc = functiebeschrijving({ key: uniqueKey('commit'), approval: null });
      await writeDescriptions([doc], deps(t));
      const before = await t.repos('staff').roles.getByKey(doc.key);
      const changed = {
        ...doc,
        title: 'Nieuwe titel',
        resultAreas: [{ title: 'Nieuw', tasks: ['x'] }],
      };
      // A PATCH is retried on 504 (it is safe to repeat): fail it more often than the retries.
      const roles = t.site.listIds.get('Functies') as string;
      await t.control?.addFaults([
        {
          match: { method: 'PATCH', path: `/lists/${roles}/items/${before.id}/fields` },
          fault: { type: 'timeout' },
          times: 10,
        },
      ]);
      const failed = await writeDescriptions([changed], { ...deps(t), attempts: 1 });
      await t.control?.clearFaults();
      expect(failed.documents[0]?.ok).toBe(false);
      const after = await t.repos('staff').roles.getByKey(doc.key);
      expect(after.content).toEqual(before.content);

      const retried = await writeDescriptions([changed], deps(t));
      expect(retried.documents[0]).toMatchObject({ ok: true, action: 'updated' });
      const role = await t.repos('staff').roles.getByKey(doc.key);
      expect(role.content).toEqual(contentOf(changed));
      expect(await countRows(t, 'Taakafspraken', role.id)).toBe(1);
    });
  }

  it('counts: one role read is one HTTP request', async () => {
    const t = target();
    const { log, options } = exchangeLog();
    const staff = t.repos('staff', options);
    await staff.roles.catalogue();
    log.length = 0;
    await staff.roles.getByKey(profiel.key);
    expect(log).toHaveLength(1);
    expect(log[0]?.path).toBe('/$batch');
  });
});
