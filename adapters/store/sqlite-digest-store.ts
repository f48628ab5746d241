/** The digest store on SQLite (better-sqlite3): subscriptions, what each channel was sent, slot claims. */
import { join } from 'node:path';
import type {
  DigestStore,
  DigestSubscription,
  NewSubscription,
  SlotRecord,
  SlotState,
} from '../../src/digest/store.js';
import { subscriptionId } from '../../src/digest/store.js';
import type { Platform } from '../../src/types.js';
import { migrate } from './migrations.js';
import { busyRetry, openSqlite, type SqliteTuning } from './sqlite-kit.js';

export const DB_FILE = 'sitrep.db';

interface SubscriptionRow {
  id: string;
  platform: string;
  channel_id: string;
  cron: string;
  time_zone: string;
  label: string;
  origin: string;
  created_at: string;
  paused_at: string | null;
  pause_reason: string | null;
}

interface SlotRow {
  subscription_id: string;
  slot_time: string;
  state: string;
  attempts: number;
  error: string | null;
  updated_at: string;
}

const toSubscription = (r: SubscriptionRow): DigestSubscription => ({
  id: r.id,
  platform: r.platform as Platform,
  channelId: r.channel_id,
  cron: r.cron,
  timeZone: r.time_zone,
  label: r.label,
  origin: r.origin === 'config' ? 'config' : 'user',
  createdAt: r.created_at,
  ...(r.paused_at ? { paused: { reason: r.pause_reason ?? '', at: r.paused_at } } : {}),
});

const toSlot = (r: SlotRow): SlotRecord => ({
  subscriptionId: r.subscription_id,
  slot: r.slot_time,
  state: r.state as SlotState,
  attempts: r.attempts,
  ...(r.error ? { error: r.error } : {}),
  updatedAt: r.updated_at,
});

/**
 * Opens (creating and migrating) `<dataDir>/sitrep.db`. Safe to share between processes. Throws StoreError naming
 * the file when it cannot be used (corrupt, read-only, locked past busy_timeout). Every write that finds the
 * database locked is retried a few times, then throws StoreBusyError having written nothing.
 */
export function openDigestStore(dataDir: string, tuning: SqliteTuning = {}): DigestStore {
  const file = join(dataDir, DB_FILE);
  const db = openSqlite({
    file,
    ...tuning,
    setup(db) {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    },
  });
  const write = busyRetry(file, tuning);

  const q = {
    one: db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE id = ?'),
    all: db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY id'),
    upsert: db.prepare(
      `INSERT INTO subscriptions (id, platform, channel_id, cron, time_zone, label, origin, created_at)
       VALUES (@id, @platform, @channelId, @cron, @timeZone, @label, @origin, @createdAt)
       ON CONFLICT (id) DO UPDATE SET cron = excluded.cron, time_zone = excluded.time_zone,
         label = excluded.label, origin = excluded.origin, created_at = excluded.created_at,
         paused_at = NULL, pause_reason = NULL`,
    ),
    reschedule: db.prepare(
      `UPDATE subscriptions SET cron = @cron, time_zone = @timeZone, label = @label
       WHERE id = @id AND origin = 'config'`,
    ),
    remove: db.prepare<[string]>('DELETE FROM subscriptions WHERE id = ?'),
    pause: db.prepare<[string, string, string]>(
      'UPDATE subscriptions SET paused_at = ?, pause_reason = ? WHERE id = ?',
    ),
    resume: db.prepare<[string]>(
      'UPDATE subscriptions SET paused_at = NULL, pause_reason = NULL WHERE id = ?',
    ),
    release: db.prepare<[string, string]>(
      "DELETE FROM slots WHERE subscription_id = ? AND slot_time = ? AND state = 'claimed'",
    ),
    hashes: db.prepare<[string], { fact_id: string; hash: string }>(
      'SELECT fact_id, hash FROM sent_facts WHERE subscription_id = ?',
    ),
    clearHashes: db.prepare<[string]>('DELETE FROM sent_facts WHERE subscription_id = ?'),
    addHash: db.prepare<[string, string, string, string]>(
      'INSERT INTO sent_facts (subscription_id, fact_id, hash, sent_at) VALUES (?, ?, ?, ?)',
    ),
    claim: db.prepare<[string, string, string, string | null, string | null]>(
      `INSERT INTO slots (subscription_id, slot_time, state, attempts, updated_at, owner, lease_until)
       VALUES (?, ?, 'claimed', 0, ?, ?, ?) ON CONFLICT (subscription_id, slot_time) DO NOTHING`,
    ),
    // A claim from before leases (no lease_until) counts as run out.
    takeOver: db.prepare<[string, string, string, string, string, string]>(
      `UPDATE slots SET owner = ?, lease_until = ?, updated_at = ?
       WHERE subscription_id = ? AND slot_time = ? AND state = 'claimed'
         AND (lease_until IS NULL OR lease_until < ?)`,
    ),
    renew: db.prepare<[string, string, string, string]>(
      `UPDATE slots SET lease_until = ?
       WHERE subscription_id = ? AND slot_time = ? AND state = 'claimed' AND owner = ?`,
    ),
    setSlot: db.prepare<[string, string | null, number, string, string, string]>(
      `UPDATE slots SET state = ?, error = ?, attempts = attempts + ?, updated_at = ?
       WHERE subscription_id = ? AND slot_time = ?`,
    ),
    slots: db.prepare<[string], SlotRow>(
      'SELECT * FROM slots WHERE subscription_id = ? ORDER BY slot_time DESC',
    ),
    lastSlot: db.prepare<[{ id: string; state: string }], SlotRow>(
      `SELECT * FROM slots WHERE subscription_id = @id AND (@state = '' OR state = @state)
       ORDER BY slot_time DESC LIMIT 1`,
    ),
  };

  const subscription = (id: string) => {
    const row = q.one.get(id);
    return row ? toSubscription(row) : undefined;
  };
  const params = (s: NewSubscription) => ({
    id: subscriptionId(s.platform, s.channelId),
    platform: s.platform,
    channelId: s.channelId,
    ...s.schedule,
    origin: s.origin,
    createdAt: s.now.toISOString(),
  });
  const iso = (d: Date) => d.toISOString();

  const markSent = db.transaction((id: string, slot: Date, hashes: Record<string, string>, now: Date) => {
    q.setSlot.run('sent', null, 1, iso(now), id, iso(slot));
    q.clearHashes.run(id);
    for (const [factId, hash] of Object.entries(hashes)) q.addHash.run(id, factId, hash, iso(now));
  });
  const ensureConfigured = db.transaction((s: Omit<NewSubscription, 'origin'>) => {
    const p = params({ ...s, origin: 'config' });
    if (q.one.get(p.id)) q.reschedule.run(p);
    else q.upsert.run(p);
    return subscription(p.id) as DigestSubscription;
  });

  return {
    subscription,
    subscriptions: () => q.all.all().map(toSubscription),
    subscribe(s) {
      const p = params(s);
      write(() => q.upsert.run(p));
      return subscription(p.id) as DigestSubscription;
    },
    ensureConfigured: (s) => write(() => ensureConfigured.immediate(s)),
    unsubscribe: (id) => write(() => q.remove.run(id).changes > 0),
    sentHashes: (id) => new Map(q.hashes.all(id).map((r) => [r.fact_id, r.hash])),
    claimSlot: (id, slot, now, lease) =>
      write(
        () =>
          q.claim.run(id, iso(slot), iso(now), lease?.owner ?? null, lease ? iso(lease.until) : null)
            .changes === 1,
      ),
    takeOverSlot: (id, slot, now, lease) =>
      write(
        () => q.takeOver.run(lease.owner, iso(lease.until), iso(now), id, iso(slot), iso(now)).changes === 1,
      ),
    renewLease: (id, slot, lease) =>
      write(() => q.renew.run(iso(lease.until), id, iso(slot), lease.owner).changes === 1),
    recordAttempt: (id, slot, error, now) =>
      void write(() => q.setSlot.run('claimed', error, 1, iso(now), id, iso(slot))),
    markSent: (id, slot, hashes, now) => write(() => markSent.immediate(id, slot, hashes, now)),
    markFailed: (id, slot, error, now) =>
      void write(() => q.setSlot.run('failed', error, 1, iso(now), id, iso(slot))),
    pause: (id, reason, now) => void write(() => q.pause.run(iso(now), reason, id)),
    resume: (id) => void write(() => q.resume.run(id)),
    releaseSlot: (id, slot) => void write(() => q.release.run(id, iso(slot))),
    lastSlot(id, state) {
      const row = q.lastSlot.get({ id, state: state ?? '' });
      return row ? toSlot(row) : undefined;
    },
    slots: (id) => q.slots.all(id).map(toSlot),
    close: () => db.close(),
  };
}
