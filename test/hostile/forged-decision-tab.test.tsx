/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import { contentHash, type ContentHash } from '../../src/domain/content-hash';
import { deriveStatus } from '../../src/domain/status';
import type { RoleHistory } from '../../src/services/approval';
import type { DecisionRecord } from '../../src/graph/model';
import type { TabApprovalPort } from '../../src/tab/shared/host-context';
import { deskundigeIct } from '../tab/support/fixtures';
import { fakeRepositories, renderApp } from '../tab/support/render-app';

jest.mock('../../src/tab/app/lazy-views', () => jest.requireActual('../tab/support/sync-views'));

/**
 * The tab shows a decision written by someone outside the approver group as invalid, and the
 * role's status is what the valid decisions make it. The history is classified by the real
 * `deriveStatus`, as the approval service does.
 */

let hash: ContentHash;
beforeAll(async () => {
  hash = await contentHash(deskundigeIct);
});

const APPROVER = { id: 'approver-id', displayName: 'Jan Peeters' };
const IT = { id: 'it-id', displayName: 'Tom Vermeulen' };

function decision(
  id: string,
  by: { id: string; displayName: string },
  outcome: 'approved' | 'rejected',
  decidedAt: string,
): DecisionRecord {
  return {
    id,
    roleId: '1',
    requestId: null,
    outcome,
    decisionDate: decidedAt.slice(0, 10),
    decidedAt,
    contentHash: hash,
    reason: outcome === 'rejected' ? 'Onvolledig' : null,
    createdBy: by,
    imported: false,
    snapshot: null,
  };
}

function historyPort(decisions: DecisionRecord[]): TabApprovalPort {
  const derived = deriveStatus({
    currentHash: hash,
    decisions,
    requests: [],
    approverIds: [APPROVER.id],
  });
  const invalid = new Map(derived.invalidDecisions.map((i) => [i.decision.id, i.reason]));
  const history: RoleHistory = {
    roleId: '1',
    currentHash: hash,
    status: derived.status,
    requests: [],
    decisions: decisions.map((d) => ({ decision: d, invalid: invalid.get(d.id) ?? null })),
    changesSinceApproval: null,
  };
  return {
    submit: jest.fn(),
    decide: jest.fn(),
    view: jest.fn(),
    queue: jest.fn(() => Promise.resolve([])),
    history: jest.fn(() => Promise.resolve(history)),
  };
}

describe('a forged decision in the tab', () => {
  test('is listed as invalid, and a forged approval after a rejection leaves the role rejected', async () => {
    const port = historyPort([
      decision('1', APPROVER, 'rejected', '2025-03-10T09:00:00Z'),
      decision('2', IT, 'approved', '2025-03-11T09:00:00Z'),
    ]);
    renderApp({
      subPageId: `role/${deskundigeIct.key}`,
      repositories: { ...fakeRepositories(), approval: port },
    });
    const list = await screen.findByRole('list', { name: 'Geschiedenis van de goedkeuring' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Afgewezen door Jan Peeters');
    expect(items[0]).not.toHaveTextContent('ongeldig');
    expect(items[1]).toHaveTextContent('Goedgekeurd door Tom Vermeulen');
    expect(items[1]).toHaveTextContent(
      'ongeldig: niet genomen door een lid van de goedkeurders, telt niet mee',
    );
    // The history's status is the approver's rejection, not the forged approval.
    const derived = await port.history(deskundigeIct.key);
    expect(derived.status.kind).toBe('rejected');
  });
});
