import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVAL_CHANNEL_ID, SITE_ID, TEAM_ID, createLists, startTestEmulator } from './helpers';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'fw-emu-persist-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const channel = `/teams/${TEAM_ID}/channels/${encodeURIComponent(APPROVAL_CHANNEL_ID)}/messages`;

it('keeps lists, items, versions, permissions, messages and tokens across a restart', async () => {
  const first = await startTestEmulator({ dataDir });
  const lists = await createLists(first);
  const items = `/sites/${SITE_ID}/lists/${lists.functies}/items`;
  await first.graph('hilde', 'POST', items, {
    fields: { Title: 'a', FunctieKey: 'a', Soort: 'functieprofiel' },
  });
  await first.graph('hilde', 'PATCH', `${items}/1/fields`, { Graad: 'B1' });
  await first.control(
    'POST',
    `/lists/${lists.besluiten}/permissions`,
    { grants: [{ principalId: '7d0a6b1f-8c9e-4daf-9a01-dc2d1eaf9088', role: 'read' }] },
    {
      authorization: `Bearer ${await first.token('tom')}`,
    },
  );
  await first.graph('hilde', 'POST', channel, { body: { content: 'hallo' } });
  const token = await first.token('sofie');
  await first.stop();

  const second = await startTestEmulator({ dataDir });
  try {
    const res = await fetch(`${second.emu.graphBaseUrl}${items}/1?$expand=fields`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const item = (await res.json()) as { fields: Record<string, unknown>; eTag: string };
    expect(item.fields).toMatchObject({ Title: 'a', Graad: 'B1', _UIVersionString: '2.0' });
    expect((await second.graph('sofie', 'GET', `${items}/1/versions`)).body.value).toHaveLength(2);
    expect(
      (
        await second.graph('hilde', 'POST', `/sites/${SITE_ID}/lists/${lists.besluiten}/items`, {
          fields: { Title: 'x', Uitkomst: 'Goedgekeurd' },
        })
      ).status,
    ).toBe(403);
    expect((await second.graph('sofie', 'GET', channel)).body.value).toHaveLength(1);
    // The unique index survived too.
    expect(
      (
        await second.graph('hilde', 'POST', items, {
          fields: { Title: 'b', FunctieKey: 'A', Soort: 'functieprofiel' },
        })
      ).status,
    ).toBe(500);
  } finally {
    await second.stop();
  }
});

it('resets to the seeded tenant: no lists, messages or notifications; the directory and tokens stay', async () => {
  const t = await startTestEmulator({ dataDir });
  try {
    const sent = await t.graph(
      'hilde',
      'POST',
      `/users/jan.peeters@stadtienen.onmicrosoft.com/teamwork/sendActivityNotification`,
      {
        topic: { source: 'text', value: 'x', webUrl: 'https://teams.microsoft.com/l/entity/x/y' },
        activityType: 'approvalRequested',
        previewText: { content: 'x' },
      },
    );
    expect(sent.status).toBe(204);
    expect((await t.control('GET', '/notifications')).body.value).toHaveLength(1);
    expect(
      (await t.graph('sofie', 'GET', `/sites/${SITE_ID}/lists`)).body.value.length,
    ).toBeGreaterThan(0);
    expect((await t.control('POST', '/reset')).status).toBe(204);
    expect((await t.graph('sofie', 'GET', `/sites/${SITE_ID}/lists`)).body.value).toEqual([]);
    expect((await t.graph('sofie', 'GET', channel)).body.value).toEqual([]);
    expect((await t.control('GET', '/notifications')).body.value).toEqual([]);
    expect((await t.graph('sofie', 'GET', '/me')).status).toBe(200);
    expect((await t.graph('sofie', 'GET', '/groups')).body.value).toHaveLength(6);
    const again = await createLists(t);
    expect(again.functies).toEqual(expect.any(String));
  } finally {
    await t.stop();
  }
});
