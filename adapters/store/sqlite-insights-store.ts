import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { InsightsStore } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';
import { sqliteGuard } from './database.js';
import type { Schema } from './schema.js';
import { createSqlInsightsStore, type SqlInsightsOptions } from './sql-insights-store.js';
import { openSqlite, type SqliteTuning } from './sqlite-kit.js';

/** Where the insights database lives; kept apart from the digest store's file. */
export const insightsDbPath = (dataDir: string): string => join(dataDir, 'insights.db');

export interface SqliteInsightsStoreOptions extends SqliteTuning {
  dataDir: string;
  /** Recording failures are logged here instead of thrown, so a busy disk never costs a user an answer. */
  log?: Logger;
  /** How records are queued and written off the reply path. */
  queue?: SqlInsightsOptions['queue'];
  /** Open an existing database without creating or migrating it (for `npm run report`). */
  readonly?: boolean;
}

export interface SqliteInsightsStore extends InsightsStore {
  /** Writes what is still queued (if the file lets it), then closes it. */
  close(): Promise<void>;
}

// each entry moves the schema one version up; PRAGMA user_version records how far a file has come
const MIGRATIONS = [
  `CREATE TABLE unanswered (
     id INTEGER PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL, channel_id TEXT NOT NULL,
     reason TEXT NOT NULL, question TEXT NOT NULL);
   CREATE INDEX unanswered_at ON unanswered (at);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL, channel_id TEXT NOT NULL,
     helpful INTEGER NOT NULL, fact_id TEXT, question TEXT NOT NULL);
   CREATE INDEX feedback_at ON feedback (at);
   CREATE TABLE answered (id INTEGER PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL, fact_id TEXT NOT NULL);
   CREATE INDEX answered_at ON answered (at);`,
];

/**
 * Opens (creating and migrating as needed) `<dataDir>/insights.db`. Throws StoreError naming the file when it cannot
 * be used. Records are queued and written in batches off the reply path (adapters/store/write-queue.ts), so a locked
 * file never delays an answer.
 */
export function openSqliteInsightsStore({
  dataDir,
  log,
  readonly = false,
  queue,
  ...tuning
}: SqliteInsightsStoreOptions): SqliteInsightsStore {
  const file = insightsDbPath(dataDir);
  const sqlite = openSqlite({
    file,
    readonly,
    ...tuning,
    setup(db) {
      if (readonly) return;
      db.pragma('journal_mode = WAL');
      migrate(db);
    },
  });
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  // The queue waits out a lock with its own backoff, so each try gives up at the first SQLITE_BUSY.
  const guard = sqliteGuard(file, { retry: { attempts: 1 } });
  const store = createSqlInsightsStore(db, guard, {
    log,
    where: file,
    readonly,
    ...(queue ? { queue } : {}),
  });
  return {
    ...store,
    async close() {
      await store.close();
      await db.destroy();
    },
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (const [i, sql] of MIGRATIONS.entries()) {
      if (i < version) continue;
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    }
  })();
}
