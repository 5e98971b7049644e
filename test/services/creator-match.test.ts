import { functiebeschrijving } from '../graph/fixtures';
import { approvalServiceAs, useEmulatorTarget, uniqueKey, writeAsHr } from '../integration/harness';
import type { DecisionRecord } from '../../src/graph/model';
import { createServices } from '../../src/services';
import { roleStatus } from '../../src/services/catalogue/role-status';
import { LOCAL_GROUPS } from '../../src/services/identity';

/*
 * A decision's validity does not hang on a field Graph may leave out: without
 * `createdBy.user.id` the creator is matched by e-mail (UPN), and the derivation says it did.
 */

const HASH = `sha256:${'a'.repeat(64)}` as DecisionRecord['contentHash'];

function decision(createdBy: DecisionRecord['createdBy']): DecisionRecord {
  return {
    id: '7',
    roleId: '1',
    requestId: null,
    outcome: 'approved',
    decisionDate: '2025-05-02',
    decidedAt: '2025-05-02T10:00:00Z',
    contentHash: HASH,
    reason: null,
    createdBy,
    imported: false,
    snapshot: null,
  };
}

describe('creator matching', () => {
  const approvers = new Set(['u-jan', 'jan.peeters@stadtienen.onmicrosoft.com']);

  it('without a user id, matches the creator by e-mail and records that it did', () => {
    const derived = roleStatus({
      currentHash: HASH,
      decisions: [
        decision({ id: '', displayName: 'Jan', email: 'Jan.Peeters@stadtienen.onmicrosoft.com' }),
      ],
      requests: [],
      approverIds: approvers,
    });
    expect(derived.status.kind).toBe('approved');
    expect(derived.matchedByEmail).toEqual(['7']);
  });

  it('an id that is not an approver’s is not rescued by an e-mail', () => {
    const derived = roleStatus({
      currentHash: HASH,
      decisions: [
        decision({
          id: 'u-koen',
          displayName: 'Koen',
          email: 'jan.peeters@stadtienen.onmicrosoft.com',
        }),
      ],
      requests: [],
      approverIds: approvers,
    });
    expect(derived.status.kind).toBe('draft');
    expect(derived.matchedByEmail).toEqual([]);
  });
});

describe('against the emulator, with Graph leaving createdBy.user.id out', () => {
  const target = useEmulatorTarget();

  it('a director’s approval still counts', async () => {
    const doc = functiebeschrijving({ key: uniqueKey('zonder-id'), approval: null });
    await writeAsHr(target, [doc]);
    const hr = approvalServiceAs(target, 'hr', { today: '2025-05-02', channel: null });
    const director = approvalServiceAs(target, 'approver', { today: '2025-05-02', channel: null });
    const { request } = await hr.submit({ roleKey: doc.key, note: null });
    await director.decide({
      requestId: request.id,
      outcome: 'approved',
      reason: null,
      seenHash: null,
    });
    await target.control?.addFaults([
      { match: { method: 'GET' }, fault: { type: 'omitCreatorId' } },
    ]);
    try {
      const staff = createServices({
        repos: target.repos('staff'),
        groups: LOCAL_GROUPS,
        channel: null,
      });
      const role = await staff.catalogue.role(doc.key);
      expect(role.status).toMatchObject({ kind: 'approved', date: '2025-05-02' });
      const raw = await target.repos('staff').roles.getByKey(doc.key);
      expect(raw.decisions[0]?.createdBy.id).toBe('');
      expect(raw.decisions[0]?.createdBy.email).toBe('jan.peeters@stadtienen.onmicrosoft.com');
      // The history panel is told, so it can say the maker was recognised by e-mail address.
      const history = await hr.history(doc.key);
      expect(history.decisions.map((d) => d.matchedByEmail)).toEqual([true]);
    } finally {
      await target.control?.clearFaults();
    }
  });
});
