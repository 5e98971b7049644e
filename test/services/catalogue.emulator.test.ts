import { functiebeschrijving } from '../graph/fixtures';
import {
  approvalServiceAs,
  type Persona,
  useEmulatorTarget,
  uniqueKey,
  writeAsHr,
} from '../integration/harness';
import { createServices } from '../../src/services';
import { LOCAL_GROUPS } from '../../src/services/identity';

/*
 * The catalogue read model against the emulator: the catalogue row, the role read, the approval
 * page and the history derive a role's status in one place, so for every role they agree, and a
 * change after the approval shows in each of them with what changed.
 */

const TODAY = '2025-05-02';
const target = useEmulatorTarget();

function servicesAs(persona: Persona) {
  return createServices({ repos: target.repos(persona), groups: LOCAL_GROUPS, channel: null });
}

it('catalogue rows, role reads, approval page and history agree on every status', async () => {
  const draft = functiebeschrijving({ key: uniqueKey('concept'), approval: null });
  const approved = functiebeschrijving({ key: uniqueKey('goedgekeurd'), approval: null });
  const pending = functiebeschrijving({ key: uniqueKey('aangevraagd'), approval: null });
  await writeAsHr(target, [draft, approved, pending]);
  const hr = approvalServiceAs(target, 'hr', { today: TODAY, channel: null });
  const director = approvalServiceAs(target, 'approver', { today: TODAY, channel: null });
  const done = await hr.submit({ roleKey: approved.key, note: null });
  await director.decide({
    requestId: done.request.id,
    outcome: 'approved',
    reason: null,
    seenHash: null,
  });
  const open = await hr.submit({ roleKey: pending.key, note: null });

  const staff = servicesAs('staff');
  const rows = new Map((await staff.catalogue.rows()).map((row) => [row.key, row.status]));
  for (const doc of [draft, approved, pending]) {
    const role = await staff.catalogue.role(doc.key);
    expect(rows.get(doc.key)).toEqual(role.status);
    const history = await servicesAs('approver').approval.history(doc.key);
    expect(history.status).toEqual(role.status);
  }
  expect(rows.get(draft.key)?.kind).toBe('draft');
  expect(rows.get(approved.key)).toMatchObject({ kind: 'approved', date: TODAY });
  expect(rows.get(pending.key)?.kind).toBe('pending');
  const view = await servicesAs('approver').approval.view(open.request.id);
  expect(view.status).toEqual(rows.get(pending.key));
  // The approved role carries the approval line of the interchange format.
  expect((await staff.catalogue.role(approved.key)).description.approval).toEqual({
    approvedBy: 'algemeen directeur',
    decisionDate: TODAY,
  });
});

it('a change after the approval: changed everywhere, with the structured change', async () => {
  const doc = functiebeschrijving({ key: uniqueKey('gewijzigd'), approval: null });
  await writeAsHr(target, [doc]);
  const hr = approvalServiceAs(target, 'hr', { today: TODAY, channel: null });
  const { request } = await hr.submit({ roleKey: doc.key, note: null });
  await approvalServiceAs(target, 'approver', { today: TODAY, channel: null }).decide({
    requestId: request.id,
    outcome: 'approved',
    reason: null,
    seenHash: null,
  });
  await writeAsHr(target, [{ ...doc, purpose: `${doc.purpose} En nog iets.` }]);

  const staff = servicesAs('staff');
  const row = (await staff.catalogue.rows()).find((r) => r.key === doc.key);
  const role = await staff.catalogue.role(doc.key);
  expect(row?.status).toEqual({
    kind: 'changed',
    approvedDate: TODAY,
    decisionId: expect.any(String),
  });
  expect(role.status).toEqual(row?.status);
  const changes = await staff.catalogue.changesSinceApproval(role);
  expect(changes).toEqual([expect.objectContaining({ kind: 'field', field: 'purpose' })]);
});
