import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The emulator's one SQLite database. WAL with `synchronous=FULL`: a write request is one
 * transaction, committed (and fsynced) before its response is sent, so a `kill -9` loses no write
 * that was acknowledged and leaves none half-done. better-sqlite3 is synchronous and the server
 * is one process, so transactions never interleave.
 */

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lists (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  site_id TEXT NOT NULL,
  name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  template TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  modified_by INTEGER NOT NULL,
  next_item_id INTEGER NOT NULL DEFAULT 1,
  item_count INTEGER NOT NULL DEFAULT 0,
  inherits INTEGER NOT NULL DEFAULT 1,
  grants TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX IF NOT EXISTS lists_by_title ON lists(site_id, display_name COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS lists_by_name ON lists(site_id, name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS columns (
  list_pk INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  def TEXT NOT NULL,
  PRIMARY KEY (list_pk, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (
  list_pk INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  guid TEXT NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL,
  author INTEGER NOT NULL,
  editor INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (list_pk, item_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS items_by_seq ON items(list_pk, seq);
CREATE TABLE IF NOT EXISTS item_versions (
  list_pk INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  modified TEXT NOT NULL,
  editor INTEGER NOT NULL,
  PRIMARY KEY (list_pk, item_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tombstones (
  list_pk INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (list_pk, item_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tombstones_by_seq ON tombstones(list_pk, seq);
CREATE TABLE IF NOT EXISTS messages (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  reply_to TEXT,
  created TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages(team_id, channel_id, id);
CREATE TABLE IF NOT EXISTS notifications (
  pk INTEGER PRIMARY KEY,
  created TEXT NOT NULL,
  json TEXT NOT NULL
);
`;

export interface StoreOptions {
  dataDir: string;
}

export class Store {
  readonly db: Db;
  private readonly getMeta: Database.Statement<[string], { value: string }>;
  private readonly setMeta: Database.Statement<[string, string]>;

  constructor(options: StoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(join(options.dataDir, 'emulator.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = OFF');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.getMeta = this.db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setMeta = this.db.prepare(
      'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.tx(() => {
      const version = this.meta('schemaVersion');
      if (version !== null && Number(version) !== SCHEMA_VERSION) {
        throw new Error(
          `De emulatordatabase heeft schemaversie ${version}, verwacht ${SCHEMA_VERSION}. Wis de datamap of start met een andere EMULATOR_DATA.`,
        );
      }
      if (version === null) this.writeMeta('schemaVersion', String(SCHEMA_VERSION));
      if (this.meta('tokenSecret') === null) {
        this.writeMeta('tokenSecret', randomBytes(32).toString('base64url'));
      }
      if (this.meta('seq') === null) this.writeMeta('seq', '0');
    });
  }

  meta(key: string): string | null {
    return this.getMeta.get(key)?.value ?? null;
  }

  writeMeta(key: string, value: string): void {
    this.setMeta.run(key, value);
  }

  /** Runs `fn` as one transaction: all of it is durable when this returns, or none of it. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The next value of the change sequence that orders delta feeds. */
  nextSeq(): number {
    const next = Number(this.meta('seq') ?? '0') + 1;
    this.writeMeta('seq', String(next));
    return next;
  }

  /**
   * Back to the seeded tenant: no lists, no messages, no notifications. Tokens stay valid and the
   * change sequence keeps counting, so a delta token from before the reset never matches new data.
   */
  reset(): void {
    this.tx(() => {
      const indexes = this.db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_l%'",
        )
        .all();
      for (const { name } of indexes) this.db.exec(`DROP INDEX "${name}"`);
      for (const table of [
        'lists',
        'columns',
        'items',
        'item_versions',
        'tombstones',
        'messages',
        'notifications',
      ]) {
        this.db.exec(`DELETE FROM ${table}`);
      }
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
