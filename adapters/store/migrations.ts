/** Schema migrations, applied in order at start; each runs once, recorded in `migrations`. */
import type { Database } from 'better-sqlite3';
import type pg from 'pg';

/** DDL both SQLite and PostgreSQL run as written. */
const SHARED: readonly string[] = [
  `CREATE TABLE subscriptions (
     id TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     cron TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     label TEXT NOT NULL,
     origin TEXT NOT NULL CHECK (origin IN ('user', 'config')),
     created_at TEXT NOT NULL,
     paused_at TEXT,
     pause_reason TEXT
   );
   CREATE TABLE sent_facts (
     subscription_id TEXT NOT NULL,
     fact_id TEXT NOT NULL,
     hash TEXT NOT NULL,
     sent_at TEXT NOT NULL,
     PRIMARY KEY (subscription_id, fact_id)
   );
   CREATE TABLE slots (
     subscription_id TEXT NOT NULL,
     slot_time TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     error TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (subscription_id, slot_time)
   );`,
  // A claim is a lease: a slot whose owner died before marking it is taken over once the lease has run out.
  `ALTER TABLE slots ADD COLUMN owner TEXT;
   ALTER TABLE slots ADD COLUMN lease_until TEXT;`,
  // Shared between instances: which Slack events were handled, and what each conversation last got.
  `CREATE TABLE handled_events (id TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
   CREATE INDEX handled_events_expiry ON handled_events (expires_at);
   CREATE TABLE conversations (key TEXT PRIMARY KEY, context TEXT NOT NULL, expires_at TEXT NOT NULL);
   CREATE INDEX conversations_expiry ON conversations (expires_at);`,
];

/** On PostgreSQL the insights live in the same database (on SQLite they have their own file, insights.db). */
const POSTGRES: readonly string[] = [
  ...SHARED,
  `CREATE TABLE unanswered (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL,
     channel_id TEXT NOT NULL, reason TEXT NOT NULL, question TEXT NOT NULL);
   CREATE INDEX unanswered_at ON unanswered (at);
   CREATE TABLE feedback (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL,
     channel_id TEXT NOT NULL, helpful INTEGER NOT NULL, fact_id TEXT, question TEXT NOT NULL);
   CREATE INDEX feedback_at ON feedback (at);
   CREATE TABLE answered (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, platform TEXT NOT NULL,
     fact_id TEXT NOT NULL);
   CREATE INDEX answered_at ON answered (at);`,
];

const CREATE_LEDGER =
  'CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)';

/** Brings sitrep.db up to date. IMMEDIATE, so two processes starting together migrate one after the other. */
export function migrateSqlite(db: Database): number {
  db.exec(CREATE_LEDGER);
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    SHARED.slice(current).forEach((sql, i) => {
      db.exec(sql);
      db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(
        current + i + 1,
        new Date().toISOString(),
      );
    });
    return SHARED.length;
  });
  return apply.immediate();
}

/** Brings a PostgreSQL database up to date; an advisory lock makes instances starting together take turns. */
export async function migratePostgres(client: pg.ClientBase): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep migrations'))");
    await client.query(CREATE_LEDGER);
    const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM migrations');
    const current = rows[0]?.v ?? 0;
    for (const [i, sql] of POSTGRES.slice(current).entries()) {
      await client.query(sql);
      await client.query('INSERT INTO migrations (version, applied_at) VALUES ($1, $2)', [
        current + i + 1,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
    return POSTGRES.length;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
