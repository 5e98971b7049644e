import { roleItemSchema } from '../../src/graph/mapping';
import type { DecisionRecord } from '../../src/graph/model';
import { changedRoles, type ScannedRow } from '../../src/graph/repositories/roles/row-scan';
import { anchorTimes } from '../../src/graph/repositories/roles/summary';

/*
 * Which anchored roles the catalogue may no longer show as approved, from the rows' slimmest
 * form (docs/data-layer.md, "Every edit reaches the catalogue").
 */

const HASH = `sha256:${'a'.repeat(64)}`;
const DECIDED = '2026-11-23T10:00:00Z';
const BEFORE = Date.parse('2026-11-23T09:59:58Z');
const AFTER = Date.parse('2026-11-23T10:00:05Z');

function role(id: string, areas: number | null = 2) {
  return roleItemSchema.parse({
    id,
    createdDateTime: '2026-01-01T00:00:00Z',
    lastModifiedDateTime: '2026-11-23T09:59:59Z',
    createdBy: { user: { id: 'hr', displayName: 'HR' } },
    fields: {
      Title: `Rol ${id}`,
      FunctieKey: `rol-${id}`,
      Soort: 'functiebeschrijving',
      InhoudHash: HASH,
      Inhoudsversie: 3,
      Competentieprofiel: 'Klantgerichtheid|3\nSamenwerken|2',
      ...(areas === null ? {} : { AantalTaakafspraken: areas }),
    },
  });
}

function approval(roleId: string): DecisionRecord {
  return {
    id: `d${roleId}`,
    requestId: null,
    outcome: 'approved',
    decisionDate: DECIDED.slice(0, 10),
    decidedAt: DECIDED,
    contentHash: HASH,
    reason: null,
    createdBy: { id: 'director', displayName: 'Directeur' },
    imported: false,
    roleId,
    snapshot: null,
  };
}

const row = (roleId: string, modified = BEFORE, generation: number | null = 3): ScannedRow => ({
  roleId,
  generation,
  modified,
});

/** Role `id` as approved: two task agreements and two competencies, untouched since. */
function rowsOf(id: string): { Taakafspraken: ScannedRow[]; Functiecompetenties: ScannedRow[] } {
  return { Taakafspraken: [row(id), row(id)], Functiecompetenties: [row(id), row(id)] };
}

function changed(rows: ReturnType<typeof rowsOf>, items = [role('1'), role('2')]): string[] {
  const other = rowsOf('2');
  return [
    ...changedRoles(items, anchorTimes([approval('1'), approval('2')], []), {
      Taakafspraken: [...rows.Taakafspraken, ...other.Taakafspraken],
      Functiecompetenties: [...rows.Functiecompetenties, ...other.Functiecompetenties],
    }),
  ].sort();
}

describe('changedRoles', () => {
  test('nothing moved: no role', () => {
    expect(changed(rowsOf('1'))).toEqual([]);
  });

  test('a row modified after the approval: that role only', () => {
    const rows = rowsOf('1');
    rows.Functiecompetenties[0] = row('1', AFTER);
    expect(changed(rows)).toEqual(['1']);
  });

  test('a row deleted: one fewer than the anchored content, in either list', () => {
    const a = rowsOf('1');
    a.Taakafspraken.pop();
    expect(changed(a)).toEqual(['1']);
    const c = rowsOf('1');
    c.Functiecompetenties.pop();
    expect(changed(c)).toEqual(['1']);
  });

  test('a row added by hand (no generation): its time, and one more', () => {
    const rows = rowsOf('1');
    rows.Taakafspraken.push(row('1', AFTER, null));
    expect(changed(rows)).toEqual(['1']);
  });

  test('a deletion hidden by an addition is seen through the addition', () => {
    const rows = rowsOf('1');
    rows.Functiecompetenties[1] = row('1', AFTER, null);
    expect(changed(rows)).toEqual(['1']);
  });

  test('rows of another generation (an unfinished import) are not the content', () => {
    const rows = rowsOf('1');
    rows.Functiecompetenties.push(row('1', AFTER, 4));
    expect(changed(rows)).toEqual([]);
  });

  test('an unreadable time counts as a change', () => {
    const rows = rowsOf('1');
    rows.Taakafspraken[0] = row('1', Number.NaN);
    expect(changed(rows)).toEqual(['1']);
  });

  test('without a task-agreement count (written before the column) only competencies are counted', () => {
    const rows = rowsOf('1');
    rows.Taakafspraken.pop();
    expect(changed(rows, [role('1', null), role('2')])).toEqual([]);
    rows.Functiecompetenties.pop();
    expect(changed(rows, [role('1', null), role('2')])).toEqual(['1']);
  });

  test('a role without an anchored hash is not judged here', () => {
    const rows = rowsOf('1');
    rows.Functiecompetenties[0] = row('1', AFTER);
    const other = rowsOf('2');
    const all = {
      Taakafspraken: [...rows.Taakafspraken, ...other.Taakafspraken],
      Functiecompetenties: [...rows.Functiecompetenties, ...other.Functiecompetenties],
    };
    const items = [role('1'), role('2')];
    expect([...changedRoles(items, anchorTimes([approval('2')], []), all)]).toEqual([]);
  });
});
