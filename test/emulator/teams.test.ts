import {
  APPROVAL_CHANNEL_ID,
  TEAM_ID,
  type TestEmulator,
  UPN,
  type Who,
  startTestEmulator,
} from './helpers';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await t.control('POST', '/reset');
});

const channel = `/teams/${TEAM_ID}/channels/${encodeURIComponent(APPROVAL_CHANNEL_ID)}`;
const card = JSON.stringify({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Deskundige ICT ter goedkeuring' }],
  actions: [
    {
      type: 'Action.OpenUrl',
      title: 'Openen',
      url: 'https://teams.microsoft.com/l/entity/app/approvals',
    },
  ],
});
const cardMessage = (id = 'kaart'): unknown => ({
  body: { contentType: 'html', content: `<attachment id="${id}"></attachment>` },
  attachments: [{ id, contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
});

describe('the team and its channels', () => {
  it('lists the channels, Goedkeuringen among them', async () => {
    const res = await t.graph('sofie', 'GET', `/teams/${TEAM_ID}/channels`);
    expect(res.body.value.map((c: { displayName: string }) => c.displayName)).toEqual([
      'General',
      'Goedkeuringen',
    ]);
    const one = await t.graph('sofie', 'GET', channel);
    expect(one.body).toMatchObject({
      id: APPROVAL_CHANNEL_ID,
      displayName: 'Goedkeuringen',
      membershipType: 'standard',
    });
    const joined = await t.graph('jan', 'GET', '/me/joinedTeams');
    expect(joined.body.value.map((team: { id: string }) => team.id)).toEqual([TEAM_ID]);
  });
});

describe('channel messages', () => {
  it('posts a card message as the token’s user and reads it back', async () => {
    const posted = await t.graph('hilde', 'POST', `${channel}/messages`, cardMessage());
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      id: expect.stringMatching(/^\d{13,}$/),
      replyToId: null,
      messageType: 'message',
      from: { user: { displayName: 'Hilde Janssens', userIdentityType: 'aadUser' } },
      body: { contentType: 'html', content: '<attachment id="kaart"></attachment>' },
      channelIdentity: { teamId: TEAM_ID, channelId: APPROVAL_CHANNEL_ID },
      attachments: [
        { id: 'kaart', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
      ],
    });
    const read = await t.graph('jan', 'GET', `${channel}/messages/${posted.body.id as string}`);
    const { ['@odata.context']: context, ...message } = posted.body as Record<string, unknown>;
    expect(context).toEqual(expect.any(String));
    expect(read.body).toEqual(message);
    const list = await t.graph('jan', 'GET', `${channel}/messages`);
    expect(list.body.value.map((m: { id: string }) => m.id)).toEqual([posted.body.id]);
  });

  it('threads replies under a message, newest first, and refuses a reply to a reply', async () => {
    const root = await t.graph('hilde', 'POST', `${channel}/messages`, cardMessage());
    const rootPath = `${channel}/messages/${root.body.id as string}`;
    const first = await t.graph('jan', 'POST', `${rootPath}/replies`, {
      body: { content: 'Goedgekeurd door Jan Peeters op 6 januari 2025.' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      replyToId: root.body.id,
      body: { contentType: 'text' },
      from: { user: { displayName: 'Jan Peeters' } },
    });
    const second = await t.graph('els', 'POST', `${rootPath}/replies`, {
      body: { contentType: 'html', content: '<p>Gezien.</p>' },
    });
    const replies = await t.graph('hilde', 'GET', `${rootPath}/replies`);
    expect(replies.body.value.map((m: { id: string }) => m.id)).toEqual([
      second.body.id,
      first.body.id,
    ]);
    expect(
      (await t.graph('hilde', 'GET', `${rootPath}/replies/${first.body.id as string}`)).body.id,
    ).toBe(first.body.id);
    const top = await t.graph('hilde', 'GET', `${channel}/messages`);
    expect(top.body.value).toHaveLength(1); // replies are not top-level messages
    const expanded = await t.graph('hilde', 'GET', `${channel}/messages?$expand=replies`);
    expect(expanded.body.value[0].replies).toHaveLength(2);
    const nested = await t.graph(
      'jan',
      'POST',
      `${channel}/messages/${first.body.id as string}/replies`,
      { body: { content: 'x' } },
    );
    expect(nested.status).toBe(404);
  });

  it('pages channel messages with $top and nextLink', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await t.graph('hilde', 'POST', `${channel}/messages`, {
            body: { content: `bericht ${i}` },
          })
        ).body.id,
      );
    const first = await t.graph('hilde', 'GET', `${channel}/messages?$top=3`);
    expect(first.body.value.map((m: { id: string }) => m.id)).toEqual(ids.slice(2).reverse());
    const next = await t.graph(
      'hilde',
      'GET',
      (first.body['@odata.nextLink'] as string).slice(t.emu.graphBaseUrl.length),
    );
    expect(next.body.value.map((m: { id: string }) => m.id)).toEqual(ids.slice(0, 2).reverse());
    expect(next.body['@odata.nextLink']).toBeUndefined();
    expect((await t.graph('hilde', 'GET', `${channel}/messages?$top=51`)).status).toBe(400);
  });

  it.each<[string, unknown]>([
    [
      'an attachment tag without its attachment',
      { body: { contentType: 'html', content: '<attachment id="a"></attachment>' } },
    ],
    [
      'an attachment the body does not refer to',
      {
        body: { contentType: 'html', content: '<p>kaart</p>' },
        attachments: [
          { id: 'a', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        ],
      },
    ],
    [
      'a card attachment on a text body',
      {
        body: { content: '<attachment id="a"></attachment>' },
        attachments: [
          { id: 'a', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        ],
      },
    ],
    [
      'a card that is not JSON',
      {
        body: { contentType: 'html', content: "<attachment id='a'></attachment>" },
        attachments: [
          { id: 'a', contentType: 'application/vnd.microsoft.card.adaptive', content: '{kapot' },
        ],
      },
    ],
    [
      'a card that is not an AdaptiveCard',
      {
        body: { contentType: 'html', content: '<attachment id="a"></attachment>' },
        attachments: [
          {
            id: 'a',
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: '{"type":"HeroCard"}',
          },
        ],
      },
    ],
    [
      'two attachments with one id',
      {
        body: { contentType: 'html', content: '<attachment id="a"></attachment>' },
        attachments: [
          { id: 'a', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
          { id: 'a', contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        ],
      },
    ],
    ['a body without content', { body: { contentType: 'html' } }],
  ])('refuses %s with 400', async (_what, message) => {
    const res = await t.graph('hilde', 'POST', `${channel}/messages`, message);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect((await t.graph('hilde', 'GET', `${channel}/messages`)).body.value).toEqual([]);
  });

  it('refuses a message larger than Teams accepts', async () => {
    const res = await t.graph('hilde', 'POST', `${channel}/messages`, {
      body: { content: 'x'.repeat(40_000) },
    });
    expect(res.status).toBe(413);
  });

  it('lets only team members read or post, and answers unknown teams, channels and messages with 404', async () => {
    const outsider = await t.graph('koen', 'POST', `${channel}/messages`, cardMessage());
    expect(outsider.status).toBe(403);
    expect((await t.graph('koen', 'GET', `${channel}/messages`)).status).toBe(403);
    expect((await t.graph('hilde', 'GET', `/teams/${UPN.hilde}/channels`)).status).toBe(404);
    expect(
      (
        await t.graph(
          'hilde',
          'GET',
          `/teams/${TEAM_ID}/channels/19%3Aonbekend%40thread.tacv2/messages`,
        )
      ).status,
    ).toBe(404);
    expect((await t.graph('hilde', 'GET', `${channel}/messages/123`)).status).toBe(404);
  });
});

describe('activity notifications', () => {
  const notification = {
    topic: { source: 'entityUrl', value: `https://graph.microsoft.com/v1.0/teams/${TEAM_ID}` },
    activityType: 'approvalRequested',
    previewText: { content: 'Deskundige ICT wacht op uw goedkeuring' },
    templateParameters: [{ name: 'functie', value: 'Deskundige ICT' }],
  };

  it('records a valid notification for the recipient and answers 204', async () => {
    const res = await t.graph(
      'hilde',
      'POST',
      `/users/${UPN.jan}/teamwork/sendActivityNotification`,
      notification,
    );
    expect(res.status).toBe(204);
    const recorded = await t.control('GET', '/notifications');
    expect(recorded.body.value).toEqual([
      expect.objectContaining({
        sender: expect.objectContaining({ userPrincipalName: UPN.hilde }),
        recipient: expect.objectContaining({ userPrincipalName: UPN.jan }),
        activityType: 'approvalRequested',
        previewText: { content: 'Deskundige ICT wacht op uw goedkeuring' },
        templateParameters: [{ name: 'functie', value: 'Deskundige ICT' }],
      }),
    ]);
  });

  it.each<[string, unknown]>([
    ['a missing activityType', { ...notification, activityType: undefined }],
    [
      'a text topic without webUrl',
      { ...notification, topic: { source: 'text', value: 'Goedkeuring' } },
    ],
    [
      'an entity topic that is not a Graph URL',
      { ...notification, topic: { source: 'entityUrl', value: 'teams/1' } },
    ],
    [
      'a preview over 150 characters',
      { ...notification, previewText: { content: 'x'.repeat(151) } },
    ],
    ['an unknown property', { ...notification, priority: 'high' }],
  ])('refuses %s with 400 and records nothing', async (_what, body) => {
    const res = await t.graph(
      'hilde',
      'POST',
      `/users/${UPN.jan}/teamwork/sendActivityNotification`,
      body,
    );
    expect(res.status).toBe(400);
    expect((await t.control('GET', '/notifications')).body.value).toEqual([]);
  });

  it.each<[string, unknown, string, Who, number]>([
    [
      'a text topic whose webUrl is not a Teams link',
      { ...notification, topic: { source: 'text', value: 'x', webUrl: 'https://example.org/a' } },
      UPN.jan,
      'hilde',
      400,
    ],
    [
      'an activity type the manifest does not declare',
      { ...notification, activityType: 'somethingElse' },
      UPN.jan,
      'hilde',
      400,
    ],
    ['a notification to yourself', notification, UPN.jan, 'jan', 400],
    ['a recipient without the app (not in its team)', notification, UPN.koen, 'hilde', 403],
  ])('refuses %s as Graph does, and records nothing', async (_what, body, to, from, status) => {
    const res = await t.graph(from, 'POST', `/users/${to}/teamwork/sendActivityNotification`, body);
    expect(res.status).toBe(status);
    expect((await t.control('GET', '/notifications')).body.value).toEqual([]);
  });

  it('refuses a recipient whose app was uninstalled, and accepts a Teams webUrl', async () => {
    const teamsTopic = {
      source: 'text',
      value: 'Functiewijzer',
      webUrl: 'https://teams.microsoft.com/l/entity/app/functiewijzer?context=%7B%7D',
    };
    expect(
      (await t.control('POST', '/app-installations', { upn: UPN.els, installed: false })).status,
    ).toBe(204);
    const path = `/users/${UPN.els}/teamwork/sendActivityNotification`;
    const body = { ...notification, topic: teamsTopic };
    expect((await t.graph('hilde', 'POST', path, body)).status).toBe(403);
    await t.control('POST', '/app-installations', { upn: UPN.els, installed: true });
    expect((await t.graph('hilde', 'POST', path, body)).status).toBe(204);
  });

  it('answers 404 for a recipient who does not exist', async () => {
    const res = await t.graph(
      'hilde',
      'POST',
      '/users/niemand@stadtienen.onmicrosoft.com/teamwork/sendActivityNotification',
      notification,
    );
    expect(res.status).toBe(404);
  });
});
