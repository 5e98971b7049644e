import { z } from 'zod';
import type { FunctionDescription } from '../../src/domain/schema';
import { statusLabel } from '../../src/i18n';
import { listPath } from '../../src/graph/site';
import type { ListName } from '../../src/graph/lists';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  exchangeLog,
  useEmulatorTarget,
  tabRepositoriesAs,
  uniqueKey,
  writeAsHr,
} from './harness';

/*
 * Issue 14, item 1: an edit, a deletion or an addition of a role's rows — in any list, made the
 * way SharePoint's own list UI makes it (plain Graph writes of the columns, no If-Match, none of
 * the app's columns) — turns that role, and no other, "Gewijzigd sinds goedkeuring" in the
 * catalogue on the next open, within the catalogue's two round trips.
 */

const TODAY = '2025-03-14';
const APPROVED = 'Goedgekeurd op 14 maart 2025';
const CHANGED = 'Gewijzigd sinds goedkeuring van 14 maart 2025';

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

/** SharePoint keeps Modified to the second; a person edits seconds after an approval at the earliest. */
function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 10));
}

const rowsShape = z.object({ value: z.array(z.object({ id: z.string() })) });

async function rowIds(list: ListName, roleId: string): Promise<string[]> {
  const page = await target
    .client('hr')
    .get(
      `${listPath(target.site, list)}/items?$select=id&$filter=fields/FunctieLookupId%20eq%20${roleId}&$top=100`,
      rowsShape,
    );
  return page.value.map((r) => r.id);
}

/** What SharePoint's list UI sends for each kind of change: the columns HR filled in, nothing more. */
const changes: Record<
  'Taakafspraken' | 'Functiecompetenties',
  { edit: Record<string, unknown>; add: (roleId: string) => Promise<Record<string, unknown>> }
> = {
  Taakafspraken: {
    edit: { Taken: 'Beheert de licenties van de stad.' },
    add: async (roleId) => ({ Title: 'Nieuwe taakafspraak', FunctieLookupId: roleId }),
  },
  Functiecompetenties: {
    edit: { VereistNiveau: 2 },
    add: async (roleId) => {
      const dictionary = await target.repos('hr').competencies.list();
      return {
        Title: 'Extra competentie',
        FunctieLookupId: roleId,
        CompetentieLookupId: dictionary[0]?.id,
        VereistNiveau: 1,
      };
    },
  },
};

async function change(
  kind: 'edit' | 'delete' | 'add',
  list: 'Taakafspraken' | 'Functiecompetenties',
  roleId: string,
): Promise<void> {
  await nextSecond();
  const hr = target.client('hr');
  const items = `${listPath(target.site, list)}/items`;
  const [first] = await rowIds(list, roleId);
  if (kind === 'edit') {
    await hr.expectOk('PATCH', `${items}/${first}/fields`, { body: changes[list].edit });
  } else if (kind === 'delete') {
    await hr.expectOk('DELETE', `${items}/${first}`);
  } else {
    await hr.expectOk('POST', items, { body: { fields: await changes[list].add(roleId) } });
  }
}

/** The catalogue as staff sees it (the tab's port), and the exchanges it took. */
async function catalogue(): Promise<{ status: Map<string, string>; roundTrips: number }> {
  const { log, options } = exchangeLog();
  const rows = await target.repos('staff', options).roles.catalogue();
  const entries = await tabRepositoriesAs(target, 'staff').listCatalogue();
  return {
    status: new Map(entries.map((e) => [e.key, statusLabel(e.status, 'nl')])),
    roundTrips: rows.roles.length > 0 ? log.length : 0,
  };
}

describe('every change of a role’s rows reaches the catalogue [emulator]', () => {
  for (const list of ['Taakafspraken', 'Functiecompetenties'] as const) {
    for (const kind of ['edit', 'delete', 'add'] as const) {
      it(`${list}: a row ${kind === 'edit' ? 'edited' : kind === 'delete' ? 'deleted' : 'added'} in SharePoint flips that role only`, async () => {
        const changed = await approvedRole(`${list.toLowerCase()}-${kind}`);
        const other = await approvedRole(`${list.toLowerCase()}-${kind}-other`);
        const before = await catalogue();
        expect(before.status.get(changed.doc.key)).toBe(APPROVED);
        expect(before.status.get(other.doc.key)).toBe(APPROVED);

        await change(kind, list, changed.roleId);

        const after = await catalogue();
        expect(after.status.get(changed.doc.key)).toBe(CHANGED);
        expect(after.status.get(other.doc.key)).toBe(APPROVED);
        // Every other role keeps the status it had.
        for (const [key, status] of before.status) {
          if (key !== changed.doc.key) expect(after.status.get(key)).toBe(status);
        }
        expect(after.roundTrips).toBeLessThanOrEqual(2);
        // The role page, reading everything, agrees.
        const page = await tabRepositoriesAs(target, 'staff').getRole(changed.doc.key);
        expect(statusLabel(page.status, 'nl')).toBe(CHANGED);
      });
    }
  }

  it('Functies: an item deleted in SharePoint leaves the catalogue; one added appears as a concept; the others keep theirs', async () => {
    const gone = await approvedRole('functies-delete');
    const other = await approvedRole('functies-delete-other');
    const before = await catalogue();
    await nextSecond();
    await target
      .client('hr')
      .expectOk('DELETE', `${listPath(target.site, 'Functies')}/items/${gone.roleId}`);
    const key = uniqueKey('met-de-hand');
    await target.client('hr').expectOk('POST', `${listPath(target.site, 'Functies')}/items`, {
      body: { fields: { Title: 'Met de hand', FunctieKey: key, Soort: 'functieprofiel' } },
    });

    const after = await catalogue();
    expect(after.status.has(gone.doc.key)).toBe(false);
    expect(after.status.get(key)).toBe('Concept');
    expect(after.status.get(other.doc.key)).toBe(APPROVED);
    for (const [k, status] of before.status) {
      if (k !== gone.doc.key) expect(after.status.get(k)).toBe(status);
    }
    expect(after.roundTrips).toBeLessThanOrEqual(2);
  });

  it('finds those roles without re-reading any: an untouched role stays approved, in one round trip', async () => {
    const untouched = await approvedRole('untouched');
    const { status, roundTrips } = await catalogue();
    expect(status.get(untouched.doc.key)).toBe(APPROVED);
    // The rows of these small lists come in the first batch; a changed row needs no re-read.
    expect(roundTrips).toBe(1);
  });
});
