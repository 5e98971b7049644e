import { z } from 'zod';
import type { FunctionDescription } from '../../src/domain/schema';
import { listPath } from '../../src/graph/site';
import type { GraphClientOptions } from '../../src/graph/client';
import type { ListName } from '../../src/graph/lists';
import { functiebeschrijving } from '../graph/fixtures';
import { approvalServiceAs, exchangeLog, uniqueKey, useEmulatorTarget, writeAsHr } from './harness';

/*
 * Issue 15: the catalogue's lean first screen. The list paints from ONE `$batch` without the row
 * scan's pages; the verification after it (the scan, every id range at once, and the suspects)
 * finds an edited, an added and a deleted row exactly as the full read does (issue 14).
 */

const TODAY = '2025-03-14';

const target = useEmulatorTarget();

async function approvedRole(base: string): Promise<{ doc: FunctionDescription; roleId: string }> {
  const doc = functiebeschrijving({ key: uniqueKey(base), approval: null });
  await writeAsHr(target, [doc]);
  const service = (persona: 'hr' | 'approver') =>
    approvalServiceAs(target, persona, { today: TODAY });
  const { request } = await service('hr').submit({ roleKey: doc.key, note: null });
  await service('approver').decide({
    requestId: request.id,
    outcome: 'approved',
    reason: null,
    seenHash: null,
  });
  return { doc, roleId: (await target.repos('hr').roles.getByKey(doc.key)).id };
}

/** A client option that records the ids of every `$batch` entry sent, per envelope. */
function batchIds(): { envelopes: string[][]; options: Partial<GraphClientOptions> } {
  const envelopes: string[][] = [];
  const shape = z.object({ requests: z.array(z.object({ id: z.string() })) });
  return {
    envelopes,
    options: {
      fetch: (input, init) => {
        const url =
          typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (url.endsWith('/$batch') && typeof init?.body === 'string') {
          const body = shape.safeParse(JSON.parse(init.body));
          if (body.success) envelopes.push(body.data.requests.map((r) => r.id));
        }
        return fetch(input, init);
      },
    },
  };
}

/** SharePoint keeps Modified to the second; a person edits seconds after an approval at the earliest. */
function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
}

const rowsShape = z.object({ value: z.array(z.object({ id: z.string() })) });

async function firstRow(list: ListName, roleId: string): Promise<string> {
  const page = await target
    .client('hr')
    .get(
      `${listPath(target.site, list)}/items?$select=id&$filter=fields/FunctieLookupId%20eq%20${roleId}&$top=1`,
      rowsShape,
    );
  const id = page.value[0]?.id;
  if (id === undefined) throw new Error(`geen rij in ${list}`);
  return id;
}

/** The changes SharePoint's list UI makes: the columns HR filled in, nothing more. */
async function change(kind: 'edit' | 'add' | 'delete', roleId: string): Promise<void> {
  await nextSecond();
  const hr = target.client('hr');
  if (kind === 'edit') {
    const id = await firstRow('Functiecompetenties', roleId);
    await hr.expectOk(
      'PATCH',
      `${listPath(target.site, 'Functiecompetenties')}/items/${id}/fields`,
      { body: { VereistNiveau: 2 } },
    );
  } else if (kind === 'delete') {
    const id = await firstRow('Functiecompetenties', roleId);
    await hr.expectOk('DELETE', `${listPath(target.site, 'Functiecompetenties')}/items/${id}`);
  } else {
    await hr.expectOk('POST', `${listPath(target.site, 'Taakafspraken')}/items`, {
      body: { fields: { Title: 'Nieuwe taakafspraak', FunctieLookupId: roleId } },
    });
  }
}

describe('the catalogue’s lean first screen [emulator]', () => {
  it('sends one $batch without any scan page: Functies, decisions, requests and the two id probes', async () => {
    const approved = await approvedRole('eerste-scherm');
    const { envelopes, options } = batchIds();
    const { log, options: logged } = exchangeLog();
    const first = await target
      .repos('staff', { ...options, ...logged })
      .roles.catalogueFirstScreen({ withTasks: false });
    expect(log).toHaveLength(1);
    expect(envelopes).toHaveLength(1);
    expect([...(envelopes[0] ?? [])].sort()).toEqual([
      'decisions',
      'last-Functiecompetenties',
      'last-Taakafspraken',
      'requests',
      'roles',
    ]);
    // The approved role's status is the scan's to decide.
    expect(first.anchored.has(approved.roleId)).toBe(true);
    expect(first.suspects.has(approved.roleId)).toBe(false);
    expect(first.catalogue.roles.map((r) => r.key)).toContain(approved.doc.key);
  });

  it('its verification is one wave of every id range, and gives exactly what the full read gives', async () => {
    await approvedRole('eerste-scherm-gelijk');
    const repos = target.repos('staff');
    const full = await repos.roles.catalogue({ withTasks: false });
    const { envelopes, options } = batchIds();
    const { log, options: logged } = exchangeLog();
    const lean = target.repos('staff', { ...options, ...logged });
    const first = await lean.roles.catalogueFirstScreen({ withTasks: false });
    log.length = 0;
    envelopes.length = 0;
    const verified = await lean.roles.verifyCatalogue(first);
    expect(verified).toEqual(full);
    // One round trip (the lists here are small: one range each), scan pages only.
    expect(log).toHaveLength(1);
    const ids = envelopes.flat();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^scan-(Taakafspraken|Functiecompetenties)-\d+$/);
  });

  for (const kind of ['edit', 'add', 'delete'] as const) {
    it(`its verification finds a row ${kind === 'edit' ? 'edited' : kind === 'add' ? 'added' : 'deleted'} in SharePoint as the full read does: that role only`, async () => {
      const changed = await approvedRole(`eerste-scherm-${kind}`);
      const other = await approvedRole(`eerste-scherm-${kind}-ander`);
      await change(kind, changed.roleId);
      const roles = target.repos('staff').roles;
      const first = await roles.catalogueFirstScreen({ withTasks: false });
      // Both stored hashes are still anchored: only the scan can tell them apart.
      expect(first.anchored.has(changed.roleId)).toBe(true);
      expect(first.anchored.has(other.roleId)).toBe(true);
      const hashOf = (c: { roles: { id: string; contentHash: string | null }[] }, id: string) =>
        c.roles.find((r) => r.id === id)?.contentHash;
      expect(hashOf(first.catalogue, changed.roleId)).not.toBeNull();
      const verified = await roles.verifyCatalogue(first);
      expect(hashOf(verified, changed.roleId)).toBeNull();
      expect(hashOf(verified, other.roleId)).toBe(hashOf(first.catalogue, other.roleId));
      expect(verified).toEqual(await target.repos('staff').roles.catalogue({ withTasks: false }));
    });
  }

  it('without the id probes (a tenant refusing orderby=id desc) the scan reads the lists from their start, and still finds the edit', async () => {
    const changed = await approvedRole('eerste-scherm-zonder-peiling');
    await change('edit', changed.roleId);
    await target.control?.addFaults([
      // As the emulator sees the query: URL-encoded, a space as '+'.
      {
        match: { path: 'orderby=fields(/|%2F)ID(\\+|%20| )desc' },
        fault: { type: 'unavailable' },
        times: 50,
      },
    ]);
    try {
      const { envelopes, options } = batchIds();
      const lean = target.repos('staff', options);
      const first = await lean.roles.catalogueFirstScreen({ withTasks: false });
      envelopes.length = 0;
      const verified = await lean.roles.verifyCatalogue(first);
      // The first page of each list, followed to its end (no id ranges without a newest id).
      expect(envelopes.flat()).toEqual(
        expect.arrayContaining(['scan-Taakafspraken-first', 'scan-Functiecompetenties-first']),
      );
      expect(verified.roles.find((r) => r.id === changed.roleId)?.contentHash).toBeNull();
    } finally {
      await target.control?.clearFaults();
    }
    const full = await target.repos('staff').roles.catalogue({ withTasks: false });
    expect(full.roles.find((r) => r.id === changed.roleId)?.contentHash).toBeNull();
  });
});
