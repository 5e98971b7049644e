import fc from 'fast-check';
import { formatIsoDate } from '../../src/domain/dates';
import {
  approvalRequestSchema,
  decisionSchema,
  deriveStatus,
  lastApprovedDecision,
  type ApprovalRequest,
  type Decision,
  type RoleStatus,
  type StatusInput,
} from '../../src/domain/status';
import { statusLabel } from '../../src/i18n';

const H1 = `sha256:${'1'.repeat(64)}`;
const H2 = `sha256:${'2'.repeat(64)}`;
const H3 = `sha256:${'3'.repeat(64)}`;

const DIRECTOR = { id: 'D1RECT0R-0000-4000-8000-000000000001', displayName: 'Algemeen directeur' };
const HR = { id: 'hr-0000-4000-8000-000000000002', displayName: 'Personeelsdienst' };

let nextId = 1;
function decision(
  overrides: Partial<Decision> & Pick<Decision, 'decidedAt' | 'contentHash'>,
): Decision {
  return decisionSchema.parse({
    id: String(nextId++),
    requestId: null,
    outcome: 'approved',
    decisionDate: overrides.decidedAt.slice(0, 10),
    reason: null,
    createdBy: DIRECTOR,
    imported: false,
    ...overrides,
  });
}

function request(
  overrides: Partial<ApprovalRequest> & Pick<ApprovalRequest, 'createdAt' | 'contentHash'>,
) {
  return approvalRequestSchema.parse({ id: String(nextId++), status: 'open', ...overrides });
}

function derive(input: Partial<StatusInput> & Pick<StatusInput, 'currentHash'>) {
  return deriveStatus({
    requests: [],
    decisions: [],
    approverIds: [DIRECTOR.id.toLowerCase()],
    ...input,
  });
}

describe('deriveStatus', () => {
  it('is draft ("Concept") with no decisions and no requests', () => {
    expect(derive({ currentHash: H1 }).status).toEqual({ kind: 'draft' });
  });

  it('is approved when the newest valid decision approves the current content', () => {
    const d = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    const result = derive({ currentHash: H1, decisions: [d] });
    expect(result.status).toEqual({
      kind: 'approved',
      date: '2023-02-09',
      decisionId: d.id,
      imported: false,
    });
    expect(result.invalidDecisions).toEqual([]);
  });

  it('compares approver ids case-insensitively (GUIDs come in either case)', () => {
    const d = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    expect(
      derive({ currentHash: H1, decisions: [d], approverIds: [DIRECTOR.id] }).status.kind,
    ).toBe('approved');
    expect(
      derive({ currentHash: H1, decisions: [d], approverIds: new Set([DIRECTOR.id.toUpperCase()]) })
        .status.kind,
    ).toBe('approved');
  });

  it('does not count a decision by someone outside the approver group, and lists it', () => {
    const forged = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1, createdBy: HR });
    const result = derive({ currentHash: H1, decisions: [forged] });
    expect(result.status).toEqual({ kind: 'draft' });
    expect(result.invalidDecisions).toEqual([{ decision: forged, reason: 'not-approver' }]);
    expect(result.validDecisions).toEqual([]);
  });

  it('does not count an imported decision written by someone outside the approver group: historical', () => {
    const imported = decision({
      decidedAt: '2023-02-09T00:00:00Z',
      contentHash: H1,
      createdBy: HR,
      imported: true,
    });
    const result = derive({ currentHash: H1, decisions: [imported] });
    expect(result.status).toEqual({ kind: 'draft', historicalDate: '2023-02-09' });
    expect(result.validDecisions).toEqual([]);
    expect(result.invalidDecisions).toEqual([{ decision: imported, reason: 'imported' }]);
    expect(statusLabel(result.status, 'nl')).toBe(
      'Historisch besluit van 9 februari 2023 (geïmporteerd)',
    );
    // Once the content differs from it, the historical decision says nothing about it.
    expect(derive({ currentHash: H2, decisions: [imported] }).status).toEqual({ kind: 'draft' });
  });

  it('a forged import cannot override an approver: a rejection stands, an approval is not replaced', () => {
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Onvolledig.',
    });
    const forgedImport = decision({
      decidedAt: '2024-06-01T12:00:00Z',
      decisionDate: '2024-06-01',
      contentHash: H1,
      createdBy: HR,
      imported: true,
    });
    expect(derive({ currentHash: H1, decisions: [rejected, forgedImport] }).status).toMatchObject({
      kind: 'rejected',
      decisionId: rejected.id,
    });
    const approved = decision({ decidedAt: '2024-04-01T12:00:00Z', contentHash: H1 });
    expect(derive({ currentHash: H2, decisions: [approved, forgedImport] }).status).toEqual({
      kind: 'changed',
      approvedDate: '2024-04-01',
      decisionId: approved.id,
    });
    expect(
      lastApprovedDecision({ decisions: [approved, forgedImport], approverIds: [DIRECTOR.id] }),
    ).toBe(approved);
  });

  it('counts an imported decision when an approver wrote it, and marks it imported', () => {
    const imported = decision({
      decidedAt: '2023-02-09T00:00:00Z',
      contentHash: H1,
      imported: true,
    });
    const result = derive({ currentHash: H1, decisions: [imported] });
    expect(result.status).toEqual({
      kind: 'approved',
      date: '2023-02-09',
      decisionId: imported.id,
      imported: true,
    });
    expect(result.invalidDecisions).toEqual([]);
  });

  it('is changed when the content differs from the last approved content', () => {
    const d = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    expect(derive({ currentHash: H2, decisions: [d] }).status).toEqual({
      kind: 'changed',
      approvedDate: '2023-02-09',
      decisionId: d.id,
    });
  });

  it('is changed, not approved, when the content was edited after two approvals', () => {
    const first = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    const second = decision({
      decisionDate: '2024-03-01',
      decidedAt: '2024-03-01T10:00:00Z',
      contentHash: H2,
    });
    expect(derive({ currentHash: H1, decisions: [first, second] }).status).toMatchObject({
      kind: 'changed',
      approvedDate: '2024-03-01',
    });
  });

  it('is pending with an open request, and says since when', () => {
    const r = request({ createdAt: '2024-05-02T08:30:00Z', contentHash: H1 });
    expect(derive({ currentHash: H1, requests: [r] }).status).toEqual({
      kind: 'pending',
      requestId: r.id,
      since: '2024-05-02T08:30:00Z',
      changedSinceApproval: null,
      changedSinceRequest: false,
    });
  });

  it('is pending over changed, and carries the date of the approval the content drifted from', () => {
    const approved = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    const r = request({ createdAt: '2024-05-02T08:30:00Z', contentHash: H2 });
    expect(derive({ currentHash: H2, decisions: [approved], requests: [r] }).status).toMatchObject({
      kind: 'pending',
      changedSinceApproval: '2023-02-09',
      changedSinceRequest: false,
    });
  });

  it('flags a pending request whose content was edited after it was submitted', () => {
    const r = request({ createdAt: '2024-05-02T08:30:00Z', contentHash: H2 });
    expect(derive({ currentHash: H3, requests: [r] }).status).toMatchObject({
      kind: 'pending',
      changedSinceRequest: true,
    });
  });

  it('is pending over rejected: a rejected role that is resubmitted waits for a decision again', () => {
    const first = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1, status: 'closed' });
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      requestId: first.id,
      outcome: 'rejected',
      reason: 'Niveau van Samenwerken te hoog.',
    });
    const second = request({ createdAt: '2024-05-03T08:00:00Z', contentHash: H2 });
    expect(
      derive({ currentHash: H2, decisions: [rejected], requests: [first, second] }).status,
    ).toMatchObject({
      kind: 'pending',
      requestId: second.id,
    });
  });

  it('is approved over an open request when the current content is the approved content', () => {
    const d = decision({ decidedAt: '2024-05-02T10:00:00Z', contentHash: H1 });
    const stray = request({ createdAt: '2024-05-03T08:00:00Z', contentHash: H2 });
    expect(derive({ currentHash: H1, decisions: [d], requests: [stray] }).status.kind).toBe(
      'approved',
    );
  });

  it('treats an open request that already has a valid decision as decided (closing it failed)', () => {
    const r = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1 });
    const d = decision({ decidedAt: '2024-05-01T12:00:00Z', contentHash: H1, requestId: r.id });
    expect(derive({ currentHash: H1, decisions: [d], requests: [r] }).status.kind).toBe('approved');
    expect(derive({ currentHash: H2, decisions: [d], requests: [r] }).status.kind).toBe('changed');
  });

  it('keeps a request open when only an invalid decision answered it', () => {
    const r = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1 });
    const forged = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      requestId: r.id,
      createdBy: HR,
    });
    const result = derive({ currentHash: H1, decisions: [forged], requests: [r] });
    expect(result.status).toMatchObject({ kind: 'pending', requestId: r.id });
    expect(result.invalidDecisions).toHaveLength(1);
  });

  it('ignores closed requests without a decision', () => {
    const r = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1, status: 'closed' });
    expect(derive({ currentHash: H1, requests: [r] }).status.kind).toBe('draft');
  });

  it('picks the newest of several open requests', () => {
    const newer = request({ createdAt: '2024-05-03T08:00:00Z', contentHash: H1 });
    const older = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1 });
    expect(derive({ currentHash: H1, requests: [newer, older] }).status).toMatchObject({
      requestId: newer.id,
    });
  });

  it('is rejected when the newest valid decision is a rejection and nothing is open', () => {
    const d = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Doel onduidelijk.',
    });
    expect(derive({ currentHash: H1, decisions: [d] }).status).toEqual({
      kind: 'rejected',
      date: '2024-05-01',
      reason: 'Doel onduidelijk.',
      decisionId: d.id,
    });
  });

  it('is rejected over an older approval, even when the content was reverted to the approved version', () => {
    const approved = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H2,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    expect(derive({ currentHash: H2, decisions: [approved, rejected] }).status.kind).toBe(
      'rejected',
    );
    expect(derive({ currentHash: H1, decisions: [approved, rejected] }).status.kind).toBe(
      'rejected',
    );
    expect(derive({ currentHash: H3, decisions: [approved, rejected] }).status.kind).toBe(
      'rejected',
    );
  });

  it('is approved again when a rejection is followed by an approval of the current content', () => {
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    const approved = decision({ decidedAt: '2024-05-08T12:00:00Z', contentHash: H2 });
    expect(derive({ currentHash: H2, decisions: [rejected, approved] }).status.kind).toBe(
      'approved',
    );
  });

  it('orders decisions by decidedAt, not by the order they are given in', () => {
    const later = decision({ decidedAt: '2024-05-08T12:00:00Z', contentHash: H1 });
    const earlier = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    const result = derive({ currentHash: H1, decisions: [later, earlier] });
    expect(result.status.kind).toBe('approved');
    expect(result.validDecisions.map((d) => d.id)).toEqual([later.id, earlier.id]);
  });

  it('orders by the instant, honouring time-zone offsets', () => {
    // 10:00 in Brussels summer time is 08:00 UTC: earlier than 09:00 UTC.
    const brussels = decision({ decidedAt: '2024-05-08T10:00:00+02:00', contentHash: H1 });
    const utc = decision({
      decidedAt: '2024-05-08T09:00:00Z',
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    expect(derive({ currentHash: H1, decisions: [utc, brussels] }).status.kind).toBe('rejected');
  });

  it('breaks a tie in decidedAt by item id, numerically (the later-created item is newer)', () => {
    const at = '2024-05-08T09:00:00Z';
    const nine = decision({
      id: '9',
      decidedAt: at,
      contentHash: H1,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    const ten = decision({ id: '10', decidedAt: at, contentHash: H1 });
    expect(derive({ currentHash: H1, decisions: [ten, nine] }).status.kind).toBe('approved');
    expect(derive({ currentHash: H1, decisions: [nine, ten] }).status.kind).toBe('approved');
  });

  it('lets the first of two decisions on one request win and flags the second', () => {
    const r = request({ createdAt: '2024-05-01T08:00:00Z', contentHash: H1 });
    const first = decision({ decidedAt: '2024-05-01T12:00:00Z', contentHash: H1, requestId: r.id });
    const second = decision({
      decidedAt: '2024-05-01T12:00:05Z',
      contentHash: H1,
      requestId: r.id,
      outcome: 'rejected',
      reason: 'Te laat.',
      createdBy: { id: DIRECTOR.id, displayName: 'Waarnemend directeur' },
    });
    const result = derive({ currentHash: H1, decisions: [second, first], requests: [r] });
    expect(result.status).toMatchObject({ kind: 'approved', decisionId: first.id });
    expect(result.invalidDecisions).toEqual([{ decision: second, reason: 'duplicate' }]);
  });

  it('gives the same status whatever order requests and decisions arrive in', () => {
    const hashes = [H1, H2, H3];
    const decisionArb = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      hash: fc.constantFrom(...hashes),
      outcome: fc.constantFrom('approved' as const, 'rejected' as const),
      approver: fc.boolean(),
      imported: fc.boolean(),
      request: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    });
    const requestArb = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      hash: fc.constantFrom(...hashes),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(decisionArb, { maxLength: 6 }),
        fc.array(requestArb, { maxLength: 4 }),
        fc.constantFrom(...hashes),
        fc.integer(),
        (ds, rs, currentHash, seed) => {
          const requests = rs.map((r, i) =>
            request({
              id: `r${i}`,
              createdAt: `2024-05-${String(r.day).padStart(2, '0')}T08:00:00Z`,
              contentHash: r.hash,
              status: r.open ? 'open' : 'closed',
            }),
          );
          const decisions = ds.map((d, i) =>
            decision({
              id: String(100 + i),
              decidedAt: `2024-05-${String(d.day).padStart(2, '0')}T12:00:00Z`,
              contentHash: d.hash,
              outcome: d.outcome,
              reason: d.outcome === 'rejected' ? 'Nee.' : null,
              createdBy: d.approver ? DIRECTOR : HR,
              imported: d.imported,
              requestId:
                d.request === null || d.request >= requests.length ? null : `r${d.request}`,
            }),
          );
          const shuffle = <T>(items: T[]): T[] =>
            items
              .map((item, i) => ({ item, k: (i * 7919 + seed) % 101 }))
              .sort((a, b) => a.k - b.k)
              .map(({ item }) => item);
          const a = derive({ currentHash, decisions, requests });
          const b = derive({
            currentHash,
            decisions: shuffle(decisions),
            requests: shuffle(requests),
          });
          expect(b.status).toEqual(a.status);
          expect(b.validDecisions).toEqual(a.validDecisions);
          // Approved exactly when the newest valid decision approves the current content.
          const newest = a.validDecisions[0];
          expect(a.status.kind === 'approved').toBe(
            newest?.outcome === 'approved' && newest.contentHash === currentHash,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('lastApprovedDecision', () => {
  it('is the newest valid approval, skipping later rejections and invalid decisions', () => {
    const approved = decision({ decidedAt: '2023-02-09T10:00:00Z', contentHash: H1 });
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H2,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    const forged = decision({ decidedAt: '2024-06-01T12:00:00Z', contentHash: H3, createdBy: HR });
    expect(
      lastApprovedDecision({ decisions: [forged, rejected, approved], approverIds: [DIRECTOR.id] }),
    ).toBe(approved);
  });

  it('is null when nothing was ever approved', () => {
    const rejected = decision({
      decidedAt: '2024-05-01T12:00:00Z',
      contentHash: H2,
      outcome: 'rejected',
      reason: 'Nee.',
    });
    expect(lastApprovedDecision({ decisions: [rejected], approverIds: [DIRECTOR.id] })).toBeNull();
    expect(lastApprovedDecision({ decisions: [], approverIds: [] })).toBeNull();
  });
});

describe('statusLabel', () => {
  const cases: [RoleStatus, string, string][] = [
    [
      { kind: 'approved', date: '2023-02-09', decisionId: '1', imported: true },
      'Goedgekeurd op 9 februari 2023',
      'Approved on 9 February 2023',
    ],
    [
      {
        kind: 'pending',
        requestId: '2',
        since: '2024-05-02T08:30:00Z',
        changedSinceApproval: null,
        changedSinceRequest: false,
      },
      'Ter goedkeuring',
      'Pending approval',
    ],
    [
      { kind: 'rejected', date: '2024-12-31', reason: 'Nee.', decisionId: '3' },
      'Afgewezen op 31 december 2024',
      'Rejected on 31 December 2024',
    ],
    [
      { kind: 'changed', approvedDate: '2023-02-09', decisionId: '1' },
      'Gewijzigd sinds goedkeuring van 9 februari 2023',
      'Changed since approval of 9 February 2023',
    ],
    [{ kind: 'draft' }, 'Concept', 'Draft'],
    [
      { kind: 'draft', historicalDate: '2023-02-09' },
      'Historisch besluit van 9 februari 2023 (geïmporteerd)',
      'Historical decision of 9 February 2023 (imported)',
    ],
  ];
  it.each(cases.map(([status, nl, en]) => [status.kind, status, nl, en] as const))(
    'labels %s in Dutch and English',
    (_kind, status, nl, en) => {
      expect(statusLabel(status, 'nl')).toBe(nl);
      expect(statusLabel(status, 'en')).toBe(en);
    },
  );
});

describe('formatIsoDate', () => {
  it('writes every Dutch month, without a leading zero on the day', () => {
    const months = [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ];
    months.forEach((month, i) => {
      expect(formatIsoDate(`2023-${String(i + 1).padStart(2, '0')}-01`, 'nl')).toBe(
        `1 ${month} 2023`,
      );
    });
  });

  it('uses the date as written in a date-time, whatever the offset or the local time zone', () => {
    expect(formatIsoDate('2023-12-31T23:30:00-05:00', 'nl')).toBe('31 december 2023');
    expect(formatIsoDate('2024-01-01T00:30:00+14:00', 'en')).toBe('1 January 2024');
    expect(formatIsoDate('2024-02-29', 'nl')).toBe('29 februari 2024');
  });

  it.each(['2023-2-9', '09-02-2023', '2023-13-01', '2023-02-00', '2023-02-29', 'gisteren'])(
    'rejects %s with a clear message',
    (bad) => {
      expect(() => formatIsoDate(bad, 'nl')).toThrow(/Ongeldige datum .* JJJJ-MM-DD/);
    },
  );
});

describe('schemas', () => {
  it('reject a decision with a malformed hash or date', () => {
    const good = decision({ decidedAt: '2024-05-01T12:00:00Z', contentHash: H1 });
    expect(decisionSchema.safeParse({ ...good, contentHash: 'abc' }).success).toBe(false);
    expect(decisionSchema.safeParse({ ...good, decisionDate: '2024-02-30' }).success).toBe(false);
    expect(decisionSchema.safeParse({ ...good, decidedAt: 'gisteren' }).success).toBe(false);
    expect(
      approvalRequestSchema.safeParse({
        id: '1',
        createdAt: '2024-05-01T12:00:00Z',
        status: 'busy',
        contentHash: H1,
      }).success,
    ).toBe(false);
  });
});
