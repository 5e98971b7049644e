import { randomUUID } from 'node:crypto';
import { declaredActivityTypes, hasApp } from '../app-installations';
import { z } from 'zod';
import { isoSeconds } from '../dates';
import { GraphError, badRequest } from '../graph-error';
import { parseTop } from '../item-query';
import type { StoredMessage } from '../message-store';
import { type RouteContext, type Router, json } from '../router';
import {
  CHANNELS,
  TENANT_ID,
  type TenantChannel,
  type TenantGroup,
  findGroup,
  findUser,
} from '../tenant';
import { odataContext, parseBody } from './shared';

/** Teams: channels, channel messages with replies, and activity-feed notifications. */

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** Teams refuses messages over roughly 28 KB (body and attachments together). */
const MAX_MESSAGE_BYTES = 28 * 1024;

const attachmentSchema = z
  .object({
    id: z.string().min(1).max(100),
    contentType: z.string().min(1),
    content: z.string().optional(),
    contentUrl: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
    thumbnailUrl: z.string().nullable().optional(),
    teamsAppId: z.string().nullable().optional(),
  })
  .strict();

const messageSchema = z
  .object({
    subject: z.string().max(255).nullable().optional(),
    body: z
      .object({ contentType: z.enum(['text', 'html']).optional(), content: z.string() })
      .strict(),
    attachments: z.array(attachmentSchema).max(10).optional(),
    importance: z.enum(['normal', 'high', 'urgent']).optional(),
  })
  .strict();

const notificationSchema = z
  .object({
    topic: z
      .object({
        source: z.enum(['entityUrl', 'text']),
        value: z.string().min(1),
        webUrl: z.string().url().optional(),
      })
      .strict(),
    activityType: z.string().min(1).max(64),
    chainId: z.number().int().optional(),
    previewText: z.object({ content: z.string().max(150) }).strict(),
    templateParameters: z
      .array(z.object({ name: z.string().min(1), value: z.string() }).strict())
      .max(20)
      .optional(),
    teamsAppId: z.string().optional(),
    iconId: z.string().optional(),
  })
  .strict();

function teamFor(ctx: RouteContext): TenantGroup {
  const team = findGroup(ctx.params['team'] ?? '');
  if (!team || !team.isTeam) {
    throw new GraphError(
      404,
      'NotFound',
      `No team found with Group Id ${ctx.params['team'] ?? ''}`,
    );
  }
  if (!team.memberIds.includes(ctx.user.id)) {
    throw new GraphError(403, 'Forbidden', 'Forbidden: the user is not a member of this team.');
  }
  return team;
}

function channelFor(ctx: RouteContext, team: TenantGroup): TenantChannel {
  const id = ctx.params['channel'] ?? '';
  const channel = CHANNELS.find((c) => c.teamId === team.id && c.id === id);
  if (!channel)
    throw new GraphError(404, 'NotFound', `Channel ${id} not found in team ${team.id}.`);
  return channel;
}

function channelResource(c: TenantChannel): Record<string, unknown> {
  return {
    id: c.id,
    createdDateTime: c.createdDateTime,
    displayName: c.displayName,
    description: c.description,
    isFavoriteByDefault: null,
    email: '',
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(c.id)}/${encodeURIComponent(c.displayName)}?groupId=${c.teamId}&tenantId=${TENANT_ID}`,
    membershipType: 'standard',
  };
}

const ATTACHMENT_TAG = /<attachment\b[^>]*?\bid\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/gi;

/** Every `<attachment id>` in the body has its attachment and vice versa, as Teams demands. */
function checkAttachments(body: z.infer<typeof messageSchema>): void {
  const attachments = body.attachments ?? [];
  const ids = attachments.map((a) => a.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw badRequest(`Attachment id '${dup}' is used more than once.`);
  const referenced =
    body.body.contentType === 'html'
      ? [...body.body.content.matchAll(ATTACHMENT_TAG)].map((m) => m[1] ?? m[2] ?? '')
      : [];
  for (const ref of referenced) {
    if (!ids.includes(ref)) {
      throw badRequest(
        `The message body refers to attachment '${ref}', which is not in the attachments.`,
      );
    }
  }
  for (const a of attachments) {
    if (!referenced.includes(a.id)) {
      throw badRequest(
        `Attachment '${a.id}' is not referenced in the message body; add <attachment id="${a.id}"></attachment> to an html body.`,
      );
    }
    if (a.contentType === ADAPTIVE_CARD) {
      let card: unknown;
      try {
        card = JSON.parse(a.content ?? '');
      } catch {
        throw badRequest(
          `The content of attachment '${a.id}' is not valid JSON for an Adaptive Card.`,
        );
      }
      if (
        typeof card !== 'object' ||
        card === null ||
        (card as { type?: unknown }).type !== 'AdaptiveCard'
      ) {
        throw badRequest(
          `The content of attachment '${a.id}' is not an Adaptive Card (type must be "AdaptiveCard").`,
        );
      }
    }
  }
  const size = Buffer.byteLength(JSON.stringify(body));
  if (size > MAX_MESSAGE_BYTES) {
    throw new GraphError(
      413,
      'MessageSizeTooBig',
      `The message is ${size} bytes; Teams accepts at most ${MAX_MESSAGE_BYTES}.`,
    );
  }
}

function postMessage(ctx: RouteContext, replyTo: string | null): ReturnType<typeof json> {
  const team = teamFor(ctx);
  const channel = channelFor(ctx, team);
  const body = parseBody(messageSchema, ctx.req.body, 'BadRequest');
  checkAttachments(body);
  const messages = ctx.emu.messages;
  const stored = ctx.emu.store.tx(() => {
    if (replyTo !== null) {
      const parent = messages.get(team.id, channel.id, replyTo);
      if (!parent || parent.replyTo !== null) {
        throw new GraphError(404, 'NotFound', `Message ${replyTo} not found in this channel.`);
      }
    }
    const id = messages.nextMessageId();
    const created = new Date(Number(id)).toISOString();
    // Graph's chatMessage; kept as a plain record because the identity carries an @odata.type.
    const message: Record<string, unknown> = {
      id,
      replyToId: replyTo,
      etag: id,
      messageType: 'message',
      createdDateTime: created,
      lastModifiedDateTime: created,
      lastEditedDateTime: null,
      deletedDateTime: null,
      subject: body.subject ?? null,
      summary: null,
      chatId: null,
      importance: body.importance ?? 'normal',
      locale: 'en-us',
      webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.id)}/${id}?groupId=${team.id}&tenantId=${TENANT_ID}&createdTime=${id}&parentMessageId=${replyTo ?? id}`,
      policyViolation: null,
      eventDetail: null,
      from: {
        application: null,
        device: null,
        user: {
          '@odata.type': '#microsoft.graph.teamworkUserIdentity',
          id: ctx.user.id,
          displayName: ctx.user.displayName,
          userIdentityType: 'aadUser',
          tenantId: TENANT_ID,
        },
      },
      body: { contentType: body.body.contentType ?? 'text', content: body.body.content },
      channelIdentity: { teamId: team.id, channelId: channel.id },
      attachments: (body.attachments ?? []).map((a) => ({
        id: a.id,
        contentType: a.contentType,
        contentUrl: a.contentUrl ?? null,
        content: a.content ?? null,
        name: a.name ?? null,
        thumbnailUrl: a.thumbnailUrl ?? null,
        teamsAppId: a.teamsAppId ?? null,
      })),
      mentions: [],
      reactions: [],
    };
    const record: StoredMessage = {
      id,
      teamId: team.id,
      channelId: channel.id,
      replyTo,
      created,
      json: message,
    };
    messages.insert(record);
    return record;
  });
  return json(201, {
    '@odata.context': odataContext(
      ctx,
      `teams('${team.id}')/channels('${channel.id}')/messages/$entity`,
    ),
    ...stored.json,
  });
}

function listMessages(ctx: RouteContext, replyTo: string | null): ReturnType<typeof json> {
  const team = teamFor(ctx);
  const channel = channelFor(ctx, team);
  const messages = ctx.emu.messages;
  if (replyTo !== null) {
    const parent = messages.get(team.id, channel.id, replyTo);
    if (!parent || parent.replyTo !== null)
      throw new GraphError(404, 'NotFound', `Message ${replyTo} not found in this channel.`);
  }
  const top = parseTop(ctx.req.query, 50, 20);
  const skip = ctx.req.query.get('$skiptoken');
  if (skip !== null && !/^\d+$/.test(skip)) throw badRequest('The $skiptoken is not valid.');
  const expand = ctx.req.query.get('$expand') ?? ctx.req.query.get('expand');
  if (expand !== null && expand !== 'replies') {
    throw badRequest(
      `Parsing OData Select and Expand failed: Could not find a property named '${expand}' on type 'microsoft.graph.chatMessage'.`,
    );
  }
  const page = messages.list(team.id, channel.id, replyTo, top, skip);
  const value = page.messages.map((m) =>
    expand === 'replies'
      ? { ...m.json, replies: messages.replies(team.id, channel.id, m.id).map((r) => r.json) }
      : m.json,
  );
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(ctx, `teams('${team.id}')/channels('${channel.id}')/messages`),
    '@odata.count': value.length,
    value,
  };
  const last = page.messages[page.messages.length - 1];
  if (page.more && last) {
    const q = new URLSearchParams(ctx.req.query);
    q.set('$skiptoken', last.id);
    body['@odata.nextLink'] = `${ctx.emu.graphBaseUrl}${ctx.req.path}?${q.toString()}`;
  }
  return json(200, body);
}

export function registerTeams(router: Router): void {
  router.add('GET', '/teams/:team', (ctx) => {
    const team = teamFor(ctx);
    return json(200, {
      '@odata.context': odataContext(ctx, 'teams/$entity'),
      id: team.id,
      createdDateTime: '2024-01-15T09:00:00Z',
      displayName: team.displayName,
      description: team.description,
      isArchived: false,
      tenantId: TENANT_ID,
      visibility: 'private',
      webUrl: `https://teams.microsoft.com/l/team/${encodeURIComponent(CHANNELS[0]?.id ?? '')}/conversations?groupId=${team.id}&tenantId=${TENANT_ID}`,
    });
  });

  router.add('GET', '/teams/:team/channels', (ctx) => {
    const team = teamFor(ctx);
    return json(200, {
      '@odata.context': odataContext(ctx, `teams('${team.id}')/channels`),
      value: CHANNELS.filter((c) => c.teamId === team.id).map(channelResource),
    });
  });

  router.add('GET', '/teams/:team/channels/:channel', (ctx) => {
    const team = teamFor(ctx);
    return json(200, channelResource(channelFor(ctx, team)));
  });

  router.add('GET', '/teams/:team/channels/:channel/messages', (ctx) => listMessages(ctx, null));
  router.add('POST', '/teams/:team/channels/:channel/messages', (ctx) => postMessage(ctx, null));

  router.add('GET', '/teams/:team/channels/:channel/messages/:message', (ctx) => {
    const team = teamFor(ctx);
    const channel = channelFor(ctx, team);
    const message = ctx.emu.messages.get(team.id, channel.id, ctx.params['message'] ?? '');
    if (!message || message.replyTo !== null)
      throw new GraphError(404, 'NotFound', 'Message not found.');
    return json(200, message.json);
  });

  router.add('GET', '/teams/:team/channels/:channel/messages/:message/replies', (ctx) =>
    listMessages(ctx, ctx.params['message'] ?? ''),
  );
  router.add('POST', '/teams/:team/channels/:channel/messages/:message/replies', (ctx) =>
    postMessage(ctx, ctx.params['message'] ?? ''),
  );

  router.add('GET', '/teams/:team/channels/:channel/messages/:message/replies/:reply', (ctx) => {
    const team = teamFor(ctx);
    const channel = channelFor(ctx, team);
    const reply = ctx.emu.messages.get(team.id, channel.id, ctx.params['reply'] ?? '');
    if (!reply || reply.replyTo !== ctx.params['message'])
      throw new GraphError(404, 'NotFound', 'Message not found.');
    return json(200, reply.json);
  });

  const notify = (ctx: RouteContext): ReturnType<typeof json> => {
    const recipientRef = ctx.params['user'];
    const recipient = recipientRef === undefined ? ctx.user : findUser(recipientRef);
    if (!recipient) {
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${recipientRef ?? ''}' does not exist.`,
      );
    }
    const body = parseBody(notificationSchema, ctx.req.body, 'BadRequest');
    if (body.topic.source === 'text' && body.topic.webUrl === undefined) {
      throw badRequest("topic.webUrl is required when topic.source is 'text'.");
    }
    // As Graph refuses them (learn.microsoft.com, "Send activity feed notifications to users in
    // Microsoft Teams"; M365-FACTS "Activity notifications"): a Teams link as the text topic's
    // webUrl, an activity type the app's manifest declares, never to yourself, and only to
    // someone who has the app. The exact codes and messages are unverified (check-tenant).
    if (body.topic.source === 'text' && !isTeamsLink(body.topic.webUrl ?? '')) {
      throw badRequest('topic.webUrl must be a Teams link (https://teams.microsoft.com/l/…).');
    }
    if (!declaredActivityTypes().has(body.activityType)) {
      throw badRequest(
        `The activity type '${body.activityType}' is not declared in the app's manifest.`,
      );
    }
    if (recipient.id === ctx.user.id) {
      throw badRequest('An activity notification cannot be sent to yourself.');
    }
    if (!hasApp(ctx.emu, recipient)) {
      throw new GraphError(
        403,
        'Forbidden',
        'The recipient does not have the app installed: it cannot receive its activity notifications.',
      );
    }
    if (
      body.topic.source === 'entityUrl' &&
      !/^https?:\/\/[^/]+\/(v1\.0|beta)\//.test(body.topic.value)
    ) {
      throw badRequest(
        'topic.value must be a Graph URL of the resource (https://graph.microsoft.com/v1.0/…).',
      );
    }
    ctx.emu.store.tx(() =>
      ctx.emu.messages.recordNotification({
        id: randomUUID(),
        createdDateTime: isoSeconds(ctx.emu.now()),
        sender: { id: ctx.user.id, userPrincipalName: ctx.user.userPrincipalName },
        recipient: { id: recipient.id, userPrincipalName: recipient.userPrincipalName },
        ...body,
      }),
    );
    return { status: 204 };
  };
  router.add('POST', '/users/:user/teamwork/sendActivityNotification', notify);
  function isTeamsLink(url: string): boolean {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'https:' && parsed.hostname === 'teams.microsoft.com';
    } catch {
      return false;
    }
  }
  router.add('POST', '/me/teamwork/sendActivityNotification', notify);
}
