import { roleItemSchema } from '../../src/graph/mapping';
import type { DecisionRecord } from '../../src/graph/model';
import { suspectRoles } from '../../src/graph/repositories/roles';

const HASH = `sha256:${'a'.repeat(64)}`;

function role(id: string, lastModifiedDateTime: string) {
  return roleItemSchema.parse({
    id,
    createdDateTime: '2026-01-01T00:00:00Z',
    lastModifiedDateTime,
    createdBy: { user: { id: 'hr', displayName: 'HR' } },
    fields: {
      Title: `Rol ${id}`,
      FunctieKey: `rol-${id}`,
      Soort: 'functiebeschrijving',
      InhoudHash: HASH,
    },
  });
}

function approval(roleId: string, decidedAt: string): DecisionRecord {
  return {
    id: `d${roleId}`,
    requestId: null,
    outcome: 'approved',
    decisionDate: decidedAt.slice(0, 10),
    decidedAt,
    contentHash: HASH,
    reason: null,
    createdBy: { id: 'director', displayName: 'Directeur' },
    imported: false,
    roleId,
    snapshot: null,
  };
}

describe('suspectRoles: which approved roles the catalogue re-reads', () => {
  const decidedAt = '2026-11-23T10:00:00.640Z';

  it('re-reads a role edited after the second of its approval, and no other', () => {
    const roles = [
      role('1', '2026-11-23T09:59:59Z'), // edited before the decision: the hash is current
      // Same second: SharePoint keeps Modified to the second, so this cannot be told apart from
      // the import or submit just before a decision; a person's edit in the form comes later.
      role('2', '2026-11-23T10:00:00Z'),
      role('3', '2026-11-23T10:00:07Z'), // edited afterwards in SharePoint's form
    ];
    const decisions = ['1', '2', '3'].map((id) => approval(id, decidedAt));
    expect(suspectRoles(roles, decisions, []).map((r) => r.id)).toEqual(['3']);
  });

  it('leaves alone a role whose InhoudHash no decision carries (the app already rewrote it)', () => {
    const decisions = [{ ...approval('1', decidedAt), contentHash: `sha256:${'b'.repeat(64)}` }];
    expect(suspectRoles([role('1', '2026-11-23T11:00:00Z')], decisions, [])).toEqual([]);
  });
});
