import { functiebeschrijving } from '../graph/fixtures';
import { approvalServiceAs, useEmulatorTarget, uniqueKey, writeAsHr } from '../integration/harness';
import { PERSONAS } from '../../src/cli/local-stack';
import { createServices } from '../../src/services';
import { LOCAL_GROUPS } from '../../src/services/identity';

/*
 * The approvers are the transitive members of the approver group: in the local tenant the deputy
 * director (Els) is in a group nested in it, as a city's IT often sets it up. Whoever the tab lets
 * decide is someone whose decision counts.
 */

const TODAY = '2025-05-03';
const target = useEmulatorTarget();

it('the approvers include the director of a nested group, once each', async () => {
  const services = createServices({
    repos: target.repos('hr'),
    groups: LOCAL_GROUPS,
    channel: null,
  });
  const upns = (await services.identity.approvers()).map((p) => p.userPrincipalName).sort();
  expect(upns).toEqual([PERSONAS.approver2, PERSONAS.approver].sort());
});

it('a decision by the nested-group director approves the role', async () => {
  const doc = functiebeschrijving({ key: uniqueKey('genest'), approval: null });
  await writeAsHr(target, [doc]);
  const hr = approvalServiceAs(target, 'hr', { today: TODAY, channel: null });
  const deputy = createServices({
    repos: target.repos('approver2'),
    groups: LOCAL_GROUPS,
    channel: null,
    today: () => TODAY,
  });
  expect((await deputy.identity.current()).permissions.canApprove).toBe(true);
  const { request } = await hr.submit({ roleKey: doc.key, note: null });
  await deputy.approval.decide({
    requestId: request.id,
    outcome: 'approved',
    reason: null,
    seenHash: null,
  });
  const staff = createServices({
    repos: target.repos('staff'),
    groups: LOCAL_GROUPS,
    channel: null,
  });
  expect((await staff.catalogue.role(doc.key)).status).toMatchObject({
    kind: 'approved',
    date: TODAY,
  });
});
