import { functiebeschrijving } from '../graph/fixtures';
import { approvalServiceAs, useEmulatorTarget, uniqueKey, writeAsHr } from '../integration/harness';
import { PERSONAS } from '../../src/cli/local-stack';
import { contentHash, contentOf } from '../../src/domain/content-hash';
import { announceRequest } from '../../src/services/approval/announce';
import { LOCAL_GROUPS } from '../../src/services/identity';
import { LOCAL_APPROVAL_CHANNEL } from '../../src/teams/approval-card';

/*
 * Activity notifications as Graph accepts them (the emulator refuses the rest): the declared
 * activity type, a Teams webUrl, never to the sender, and an approver without the app is named
 * in a warning while the request stands.
 */

const TODAY = '2025-05-04';
const target = useEmulatorTarget();

async function notifications(): Promise<{ recipient: { userPrincipalName: string } }[]> {
  const response = await fetch(`${target.control?.url}/_emulator/notifications`);
  return ((await response.json()) as { value: { recipient: { userPrincipalName: string } }[] })
    .value;
}

async function setInstalled(upn: string, installed: boolean): Promise<void> {
  const response = await fetch(`${target.control?.url}/_emulator/app-installations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn, installed }),
  });
  expect(response.status).toBe(204);
}

it('notifies both directors, the nested group’s too, with the declared type and a Teams link', async () => {
  const doc = functiebeschrijving({ key: uniqueKey('melding'), approval: null });
  await writeAsHr(target, [doc]);
  const before = (await notifications()).length;
  const hr = approvalServiceAs(target, 'hr', { today: TODAY });
  const result = await hr.submit({ roleKey: doc.key, note: null });
  expect(result.warnings).toEqual([]);
  expect(result.notifiedApprovers).toBe(2);
  const sent = (await notifications()).slice(before).map((n) => n.recipient.userPrincipalName);
  expect(sent.sort()).toEqual([PERSONAS.approver2, PERSONAS.approver].sort());
});

it('skips the sender, and names an approver without the app while the request stands', async () => {
  const doc = functiebeschrijving({ key: uniqueKey('zonder-app'), approval: null });
  await writeAsHr(target, [doc]);
  const repos = target.repos('hr');
  const role = await repos.roles.getByKey(doc.key);
  const request = await repos.requests.create({
    roleId: role.id,
    roleTitle: role.content.title,
    contentHash: await contentHash(role.content),
    note: null,
  });
  const me = await repos.directory.me();
  const approvers = await repos.directory.groupMembers(LOCAL_GROUPS.approvers);
  await setInstalled(PERSONAS.approver2, false);
  try {
    const announced = await announceRequest({
      repos,
      channel: LOCAL_APPROVAL_CHANNEL,
      request,
      content: contentOf(doc),
      lastContent: null,
      note: null,
      // As if the HR member were a deputy director too: she is not notified of her own request.
      approvers: [...approvers, me],
    });
    expect(announced.cardPosted).toBe(true);
    expect(announced.notifiedApprovers).toBe(1);
    expect(announced.warnings).toEqual([
      {
        kind: 'approver-not-notified',
        name: 'Els Wouters',
        detail: expect.stringMatching(/niet geïnstalleerd/),
      },
    ]);
    expect((await repos.requests.get(request.id)).status).toBe('open');
  } finally {
    await setInstalled(PERSONAS.approver2, true);
  }
});
