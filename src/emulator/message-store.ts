import type Database from 'better-sqlite3';
import { isoSeconds } from './dates';
import type { Store } from './store';

/**
 * Channel messages (with replies) and recorded activity notifications. Messages are kept as the
 * JSON Graph returns, with the few columns needed to list them in order.
 */

export interface StoredMessage {
  id: string;
  teamId: string;
  channelId: string;
  replyTo: string | null;
  created: string;
  json: Record<string, unknown>;
}

export class MessageStore {
  private readonly db: Database.Database;
  private lastId = 0;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {
    this.db = store.db;
  }

  /** Teams message ids are creation times in milliseconds; keep them unique and increasing. */
  nextMessageId(): string {
    const newest = this.db
      .prepare<[], { id: string }>(
        'SELECT id FROM messages ORDER BY CAST(id AS INTEGER) DESC LIMIT 1',
      )
      .get();
    const floor = Math.max(this.lastId, newest ? Number(newest.id) : 0);
    this.lastId = Math.max(this.now(), floor + 1);
    return String(this.lastId);
  }

  insert(message: StoredMessage): void {
    this.db
      .prepare(
        'INSERT INTO messages (id, team_id, channel_id, reply_to, created, json) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        message.id,
        message.teamId,
        message.channelId,
        message.replyTo,
        message.created,
        JSON.stringify(message.json),
      );
  }

  get(teamId: string, channelId: string, id: string): StoredMessage | undefined {
    const row = this.db
      .prepare<[string, string, string], RawMessage>(
        'SELECT id, team_id, channel_id, reply_to, created, json FROM messages WHERE team_id = ? AND channel_id = ? AND id = ?',
      )
      .get(teamId, channelId, id);
    return row ? toMessage(row) : undefined;
  }

  /** Newest first; `before` is the id the previous page ended with. */
  list(
    teamId: string,
    channelId: string,
    replyTo: string | null,
    top: number,
    before: string | null,
  ): { messages: StoredMessage[]; more: boolean } {
    const rows = this.db
      .prepare<[string, string, string | null, string | null, string | null, number], RawMessage>(
        `SELECT id, team_id, channel_id, reply_to, created, json FROM messages
         WHERE team_id = ? AND channel_id = ? AND reply_to IS ?
           AND (? IS NULL OR CAST(id AS INTEGER) < CAST(? AS INTEGER))
         ORDER BY CAST(id AS INTEGER) DESC LIMIT ?`,
      )
      .all(teamId, channelId, replyTo, before, before, top + 1);
    return { messages: rows.slice(0, top).map(toMessage), more: rows.length > top };
  }

  replies(teamId: string, channelId: string, id: string): StoredMessage[] {
    return this.list(teamId, channelId, id, 1000, null).messages;
  }

  recordNotification(notification: Record<string, unknown>): void {
    this.db
      .prepare('INSERT INTO notifications (created, json) VALUES (?, ?)')
      .run(isoSeconds(this.now()), JSON.stringify(notification));
  }

  notifications(): Array<Record<string, unknown>> {
    return this.db
      .prepare<[], { json: string }>('SELECT json FROM notifications ORDER BY pk')
      .all()
      .map((r) => JSON.parse(r.json) as Record<string, unknown>);
  }
}

interface RawMessage {
  id: string;
  team_id: string;
  channel_id: string;
  reply_to: string | null;
  created: string;
  json: string;
}

function toMessage(r: RawMessage): StoredMessage {
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    replyTo: r.reply_to,
    created: r.created,
    json: JSON.parse(r.json) as Record<string, unknown>,
  };
}
