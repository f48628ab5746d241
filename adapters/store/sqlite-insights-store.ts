import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { type InsightsStore, type InsightsSummary, scrubSecrets } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';
import { openSqlite, type SqliteTuning } from './sqlite-kit.js';
import { createWriteQueue, type WriteQueueOptions } from './write-queue.js';

/** Where the insights database lives; kept apart from the digest store's file. */
export const insightsDbPath = (dataDir: string): string => join(dataDir, 'insights.db');

export interface SqliteInsightsStoreOptions extends SqliteTuning {
  dataDir: string;
  /** Recording failures are logged here instead of thrown, so a busy disk never costs a user an answer. */
  log?: Logger;
  /** How records are queued and written off the reply path. */
  queue?: Pick<WriteQueueOptions, 'flushMs' | 'maxBackoffMs' | 'capacity'>;
  /** Open an existing database without creating or migrating it (for `npm run report`). */
  readonly?: boolean;
}

export interface SqliteInsightsStore extends InsightsStore {
  close(): void;
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
 * Opens (creating and migrating as needed) `<dataDir>/insights.db`. Stores no user ids, names or tokens. Throws
 * StoreError naming the file when it cannot be used. Records are queued and written in batches off the reply path
 * (adapters/store/write-queue.ts), so a locked file never delays an answer.
 */
export function openSqliteInsightsStore({
  dataDir,
  log,
  readonly = false,
  queue: queueOptions,
  ...tuning
}: SqliteInsightsStoreOptions): SqliteInsightsStore {
  const file = insightsDbPath(dataDir);
  const db = openSqlite({
    file,
    readonly,
    ...tuning,
    setup(db) {
      if (readonly) return;
      db.pragma('journal_mode = WAL');
      migrate(db);
    },
  });
  const queue = createWriteQueue({ db, log, file, ...queueOptions });

  const insertUnanswered = readonly
    ? undefined
    : db.prepare(
        'INSERT INTO unanswered (at, platform, channel_id, reason, question) VALUES (?, ?, ?, ?, ?)',
      );
  const insertFeedback = readonly
    ? undefined
    : db.prepare(
        'INSERT INTO feedback (at, platform, channel_id, helpful, fact_id, question) VALUES (?, ?, ?, ?, ?, ?)',
      );
  const insertAnswered = readonly
    ? undefined
    : db.prepare('INSERT INTO answered (at, platform, fact_id) VALUES (?, ?, ?)');
  const unanswered = db.prepare(
    `SELECT question AS text, COUNT(*) AS count FROM unanswered WHERE at >= ?
     GROUP BY question ORDER BY count DESC, text LIMIT ?`,
  );
  const votes = db.prepare(
    `SELECT fact_id AS factId, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful FROM feedback
     WHERE at >= ? AND fact_id IS NOT NULL GROUP BY fact_id ORDER BY notHelpful DESC, helpful, factId LIMIT ?`,
  );
  const answered = db.prepare(
    `SELECT fact_id AS factId, COUNT(*) AS count FROM answered WHERE at >= ?
     GROUP BY fact_id ORDER BY count DESC, factId LIMIT ?`,
  );

  const record = (what: string, write: () => void) => {
    if (readonly) log?.warn('insights: could not record', { what, error: 'opened read-only' });
    else queue.push(write);
  };

  return {
    recordUnanswered(e) {
      record('unanswered', () =>
        insertUnanswered?.run(
          instant(e.at),
          text(e.platform),
          text(e.channelId),
          text(e.reason),
          text(e.question),
        ),
      );
    },
    recordFeedback(e) {
      record('feedback', () =>
        insertFeedback?.run(
          instant(e.at),
          text(e.platform),
          text(e.channelId),
          e.helpful ? 1 : 0,
          e.factId === undefined ? null : text(e.factId),
          text(e.question),
        ),
      );
    },
    recordAnswered(e) {
      record('answered', () => insertAnswered?.run(instant(e.at), text(e.platform), text(e.factId)));
    },
    async summary({ since, limit = 20 } = {}): Promise<InsightsSummary> {
      // What was just recorded belongs in the report; if the database is locked, the report goes without it.
      if (!readonly) queue.flush();
      const from = since === undefined ? '' : instant(since);
      return {
        ...(since === undefined ? {} : { since: from }),
        unanswered: unanswered.all(from, limit * 50) as InsightsSummary['unanswered'],
        votes: votes.all(from, limit) as InsightsSummary['votes'],
        answered: answered.all(from, limit) as InsightsSummary['answered'],
      };
    },
    close() {
      if (!readonly) queue.close();
      db.close();
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

// every stored string goes through here: tokens pasted into a question are redacted, and length is bounded
const text = (value: string): string => scrubSecrets(String(value));

/** ISO instants compare correctly as text, so every stored and queried time is normalised to one. */
function instant(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? new Date().toISOString() : new Date(ms).toISOString();
}
