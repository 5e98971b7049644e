import { z } from 'zod';
import type { FunctionDescription } from '../../src/domain/schema';
import { statusLabel } from '../../src/i18n';
import { listPath } from '../../src/graph/site';
import type { ListName } from '../../src/graph/lists';
import { createServices } from '../../src/services';
import { LOCAL_GROUPS } from '../../src/services/identity';
import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  type Persona,
  uniqueKey,
  useEmulatorTarget,
  writeAsHr,
} from '../integration/harness';

/*
 * Issue 15, the read model: CatalogueService.firstScreen flags the rows whose status the row scan
 * decides ("checking": never the status the stored hash alone would give) and gives every other
 * row its exact status at once; verify then gives exactly the statuses of the full read, rows().
 */

const TODAY = '2025-03-14';
const APPROVED = 'Goedgekeurd op 14 maart 2025';
const CHANGED = 'Gewijzigd sinds goedkeuring van 14 maart 2025';
const CHECKING = 'Status wordt gecontroleerd…';

const target = useEmulatorTarget();

function servicesAs(persona: Persona) {
  return createServices({ repos: target.repos(persona), groups: LOCAL_GROUPS, channel: null });
}

async function approvedRole(base: string): Promise<{ doc: FunctionDescription; roleId: string }> {
  const doc = functiebeschrijving({ key: uniqueKey(base), approval: null });
  await writeAsHr(target, [doc]);
  const service = (persona: 'hr' | 'approver') =>
    approvalServiceAs(target, persona, { today: TODAY, channel: null });
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

describe('the catalogue’s first screen in the read model [emulator]', () => {
  for (const kind of ['edit', 'add', 'delete'] as const) {
    it(`flags the roles the scan decides, then finds a row ${kind === 'edit' ? 'edited' : kind === 'add' ? 'added' : 'deleted'} in SharePoint as the full read does: that role only`, async () => {
      const changed = await approvedRole(`eerste-scherm-${kind}`);
      const other = await approvedRole(`eerste-scherm-${kind}-ander`);
      await change(kind, changed.roleId);

      const catalogue = servicesAs('staff').catalogue;
      const painted = await catalogue.firstScreen();
      const shown = new Map(painted.rows.map((r) => [r.key, statusLabel(r.status, 'nl')]));
      // Neither is shown with the status its stored hash says before the scan has answered.
      expect(shown.get(changed.doc.key)).toBe(CHECKING);
      expect(shown.get(other.doc.key)).toBe(CHECKING);
      expect(painted.checking).toBeGreaterThanOrEqual(2);

      const verified = await catalogue.verify(painted.verification);
      const exact = new Map(verified.rows.map((r) => [r.key, statusLabel(r.status, 'nl')]));
      expect(exact.get(changed.doc.key)).toBe(CHANGED);
      expect(exact.get(other.doc.key)).toBe(APPROVED);
      // Exactly the full read's statuses, for every role.
      const full = await servicesAs('staff').catalogue.rows();
      expect(exact).toEqual(new Map(full.map((r) => [r.key, statusLabel(r.status, 'nl')])));
      // Rows whose status the scan does not decide were exact on the first screen already.
      for (const row of painted.rows) {
        if (row.status.kind !== 'checking') expect(exact.get(row.key)).toBe(shown.get(row.key));
      }
    });
  }

  it('shows a role never approved, and a rejected one, at once', async () => {
    const draft = functiebeschrijving({ key: uniqueKey('eerste-scherm-concept'), approval: null });
    await writeAsHr(target, [draft]);
    // Approved, then the same content submitted again and rejected: its stored hash is anchored
    // (the approval carries it), yet no scan outcome changes "rejected".
    const rejected = await approvedRole('eerste-scherm-afgewezen');
    const hr = approvalServiceAs(target, 'hr', { today: TODAY, channel: null });
    const { request } = await hr.submit({ roleKey: rejected.doc.key, note: null });
    await approvalServiceAs(target, 'approver', { today: TODAY, channel: null }).decide({
      requestId: request.id,
      outcome: 'rejected',
      reason: 'Onvolledig',
      seenHash: null,
    });
    const painted = await servicesAs('staff').catalogue.firstScreen();
    const shown = new Map(painted.rows.map((r) => [r.key, statusLabel(r.status, 'nl')]));
    expect(shown.get(draft.key)).toBe('Concept');
    expect(shown.get(rejected.doc.key)).toBe('Afgewezen op 14 maart 2025');
  });
});
