import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase, openSqliteDatabase, type SqlDatabase } from '../../adapters/store/database.js';
import { createSqlDigestStore } from '../../adapters/store/sql-digest-store.js';
import { DB_FILE } from '../../adapters/store/sqlite-digest-store.js';
import type { DigestStore } from '../../src/digest/store.js';
import { tempDir } from '../digest/fixtures.js';
import { usePostgres } from '../support/postgres.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const SLOT = new Date('2026-11-28T09:00:00Z');
const SCHEDULE = { cron: '0 9 * * *', timeZone: 'UTC', label: 'daily 09:00' };

const postgres = usePostgres();

const opened: SqlDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** Each backend opens `n` connections (as `n` instances would) to one fresh database. */
const backends: [string, (n: number) => Promise<SqlDatabase[]>][] = [
  [
    'SQLite',
    async (n) => {
      const { dir } = tempDir();
      return Array.from({ length: n }, () => openSqliteDatabase(dir));
    },
  ],
  [
    'PostgreSQL',
    async (n) => {
      const url = await postgres().createDatabase();
      return Promise.all(Array.from({ length: n }, () => openPostgresDatabase(url)));
    },
  ],
];

describe.each(backends)('digest store on %s', (_name, connect) => {
  const stores = async (n: number): Promise<DigestStore[]> => {
    const dbs = await connect(n);
    opened.push(...dbs);
    return dbs.map((d) => createSqlDigestStore(d.db, d.guard, async () => undefined));
  };
  const sub = (channelId: string) =>
    ({ platform: 'slack', channelId, schedule: SCHEDULE, origin: 'user', now: NOW }) as const;

  it('lets only one of several connections claim a slot, even all at once', async () => {
    const all = await stores(4);
    await all[0]?.subscribe(sub('C1'));
    const claims = await Promise.all(all.map((s) => s.claimSlot('slack:C1', SLOT, NOW)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await all[3]?.lastSlot('slack:C1')).toMatchObject({ state: 'claimed', attempts: 0 });
  });

  it('marks a slot sent and replaces the sent hashes in one step; keeps them across unsubscribe', async () => {
    const [s] = (await stores(1)) as [DigestStore];
    await s.subscribe({ ...sub('123456'), platform: 'discord' });
    const next = new Date('2026-11-29T09:00:00Z');
    await s.claimSlot('discord:123456', SLOT, NOW);
    await s.markSent('discord:123456', SLOT, { a: '1', b: '2' }, NOW);
    await s.claimSlot('discord:123456', next, NOW);
    await s.markSent('discord:123456', next, { a: '3' }, NOW);
    expect([...(await s.sentHashes('discord:123456'))]).toEqual([['a', '3']]);
    expect(await s.unsubscribe('discord:123456')).toBe(true);
    expect(await s.unsubscribe('discord:123456')).toBe(false);
    expect([...(await s.sentHashes('discord:123456'))]).toEqual([['a', '3']]);
    expect((await s.slots('discord:123456')).map((r) => [r.slot, r.state, r.attempts])).toEqual([
      [next.toISOString(), 'sent', 1],
      [SLOT.toISOString(), 'sent', 1],
    ]);
  });

  it('follows DIGEST_CRON for config subscriptions but leaves a user-made one alone', async () => {
    const [s] = (await stores(1)) as [DigestStore];
    const later = new Date('2026-11-29T10:00:00Z');
    const first = await s.ensureConfigured({
      platform: 'slack',
      channelId: 'C1',
      schedule: SCHEDULE,
      now: NOW,
    });
    const hourly = { cron: '0 * * * *', timeZone: 'UTC', label: '0 * * * *' };
    const again = await s.ensureConfigured({
      platform: 'slack',
      channelId: 'C1',
      schedule: hourly,
      now: later,
    });
    expect(again).toMatchObject({ cron: '0 * * * *', createdAt: first.createdAt, origin: 'config' });
    await s.subscribe(sub('C2'));
    await s.ensureConfigured({ platform: 'slack', channelId: 'C2', schedule: hourly, now: later });
    expect(await s.subscription('slack:C2')).toMatchObject({ cron: '0 9 * * *', origin: 'user' });
    expect((await s.subscriptions()).map((x) => x.id)).toEqual(['slack:C1', 'slack:C2']);
  });

  it('pauses a subscription with its reason; subscribing again resumes it', async () => {
    const [s] = (await stores(1)) as [DigestStore];
    await s.subscribe(sub('C1'));
    await s.pause('slack:C1', 'Slack: channel_not_found', NOW);
    expect((await s.subscription('slack:C1'))?.paused).toEqual({
      reason: 'Slack: channel_not_found',
      at: NOW.toISOString(),
    });
    await s.subscribe(sub('C1'));
    expect((await s.subscription('slack:C1'))?.paused).toBeUndefined();
  });

  it('a lease is taken over only once it has run out, renewed only by its owner, and released only while claimed', async () => {
    const [a, b] = (await stores(2)) as [DigestStore, DigestStore];
    await a.subscribe(sub('C1'));
    const until = new Date(NOW.getTime() + 30_000);
    expect(await a.claimSlot('slack:C1', SLOT, NOW, { owner: 'a', until })).toBe(true);
    expect(await b.takeOverSlot('slack:C1', SLOT, NOW, { owner: 'b', until })).toBe(false);
    expect(await b.renewLease('slack:C1', SLOT, { owner: 'b', until })).toBe(false);
    const later = new Date(until.getTime() + 1);
    const bUntil = new Date(later.getTime() + 30_000);
    expect(await b.takeOverSlot('slack:C1', SLOT, later, { owner: 'b', until: bUntil })).toBe(true);
    expect(await a.takeOverSlot('slack:C1', SLOT, later, { owner: 'a', until: bUntil })).toBe(false);
    expect(await a.renewLease('slack:C1', SLOT, { owner: 'a', until: bUntil })).toBe(false);
    await b.markSent('slack:C1', SLOT, {}, later);
    await a.releaseSlot('slack:C1', SLOT);
    expect(await a.lastSlot('slack:C1', 'sent')).toMatchObject({ slot: SLOT.toISOString(), attempts: 1 });
    expect(
      await b.takeOverSlot('slack:C1', SLOT, new Date(bUntil.getTime() + 1), { owner: 'a', until }),
    ).toBe(false);
  });

  it('records failed attempts and keeps the newest failure apart from the newest post', async () => {
    const [s] = (await stores(1)) as [DigestStore];
    await s.subscribe(sub('C1'));
    await s.claimSlot('slack:C1', SLOT, NOW);
    await s.recordAttempt('slack:C1', SLOT, 'timeout', NOW);
    await s.markFailed('slack:C1', SLOT, 'timeout again', NOW);
    expect(await s.lastSlot('slack:C1', 'failed')).toMatchObject({ attempts: 2, error: 'timeout again' });
    expect(await s.lastSlot('slack:C1', 'sent')).toBeUndefined();
  });
});

describe('migrations', () => {
  it('SQLite: creates and migrates sitrep.db under DATA_DIR once, in WAL mode', async () => {
    const dir = join(tempDir().dir, 'nested', 'data');
    await openSqliteDatabase(dir).close();
    await openSqliteDatabase(dir).close();
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    expect(db.prepare('SELECT version FROM migrations').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('PostgreSQL: instances starting together migrate once, one after the other', async () => {
    const url = await postgres().createDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgresDatabase(url)));
    opened.push(...dbs);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4]);
  });

  it('PostgreSQL: an unreachable server is a clear error naming the URL without its password', async () => {
    const url = `postgres://sitrep:hunter2@127.0.0.1:${postgres().port + 1}/nowhere`;
    const err = await openPostgresDatabase(url, { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/cannot use the database at postgres:\/\/sitrep@127\.0\.0\.1/);
    expect((err as Error).message).not.toContain('hunter2');
  });
});
