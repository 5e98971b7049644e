import { z } from 'zod';
import type { GraphHttp } from '../client';
import { ForbiddenError } from '../errors';

/**
 * Teams through Graph: the approval card in the channel, the reply in its thread, and activity
 * notifications (DESIGN §5). Each call goes with the signed-in user's own token, so the message
 * is posted in their name, as Teams shows it.
 */

export interface ChannelRef {
  teamId: string;
  channelId: string;
}

/** `POST …/messages` body: an HTML body with `<attachment id>` and the card as attachment. */
export type ChannelMessageBody = Record<string, unknown>;

export interface ActivityNotification {
  topic: { source: 'text'; value: string; webUrl: string };
  activityType: string;
  previewText: { content: string };
  templateParameters: { name: string; value: string }[];
}

const createdMessage = z.object({ id: z.string().min(1) });

const segment = (value: string) => encodeURIComponent(value);

export class TeamworkRepository {
  constructor(private readonly http: GraphHttp) {}

  /** Posts a new message in a channel; returns its id (the thread for the replies). */
  async postChannelMessage(channel: ChannelRef, body: ChannelMessageBody): Promise<string> {
    const created = await this.http.request(
      'POST',
      `/teams/${segment(channel.teamId)}/channels/${segment(channel.channelId)}/messages`,
      createdMessage,
      { body },
    );
    return created.id;
  }

  /** Replies in a message's thread with HTML (values in it must already be escaped). */
  async postReply(channel: ChannelRef, messageId: string, html: string): Promise<void> {
    await this.http.request(
      'POST',
      `/teams/${segment(channel.teamId)}/channels/${segment(channel.channelId)}/messages/${segment(messageId)}/replies`,
      createdMessage,
      { body: { body: { contentType: 'html', content: html } } },
    );
  }

  /**
   * Sends an activity-feed notification to one user. Graph refuses one to a user who does not
   * have the app (403): said so, since the general "no permission" would send IT looking in the
   * wrong place.
   */
  async notify(userId: string, notification: ActivityNotification): Promise<void> {
    try {
      await this.http.expectOk(
        'POST',
        `/users/${segment(userId)}/teamwork/sendActivityNotification`,
        { body: notification },
      );
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      throw new ForbiddenError(
        'de app Functiewijzer is voor deze persoon niet geïnstalleerd in Teams; laat IT de app voor de goedkeurders installeren (docs/deploy.md)',
        error.detail,
      );
    }
  }
}
