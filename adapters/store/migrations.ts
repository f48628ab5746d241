/** Schema migrations, applied in order at start; each runs once, recorded in `migrations`. */
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
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
];

/** Brings the schema up to date. IMMEDIATE, so two processes starting together migrate one after the other. */
export function migrate(db: Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    MIGRATIONS.slice(current).forEach((sql, i) => {
      db.exec(sql);
      db.prepare('INSERT INTO migrations (version, applied_at) VALUES (?, ?)').run(
        current + i + 1,
        new Date().toISOString(),
      );
    });
    return MIGRATIONS.length;
  });
  return apply.immediate();
}
