import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { tempDir } from './fixtures.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const SCHEDULE = { cron: '0 9 * * *', timeZone: 'UTC', label: 'daily 09:00' };
let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function fresh() {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  return tmp.dir;
}

describe('SQLite digest store', () => {
  it('creates and migrates the database under DATA_DIR, once, in WAL mode', () => {
    const dir = join(fresh(), 'nested', 'data');
    openDigestStore(dir).close();
    openDigestStore(dir).close();
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    expect(db.prepare('SELECT version FROM migrations').all()).toEqual([{ version: 1 }, { version: 2 }]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('lets only one of two connections claim a slot', () => {
    const dir = fresh();
    const a = openDigestStore(dir);
    const b = openDigestStore(dir);
    a.subscribe({ platform: 'slack', channelId: 'C1', schedule: SCHEDULE, origin: 'user', now: NOW });
    const slot = new Date('2026-11-28T09:00:00Z');
    expect([a.claimSlot('slack:C1', slot, NOW), b.claimSlot('slack:C1', slot, NOW)]).toEqual([true, false]);
    expect(b.lastSlot('slack:C1')).toMatchObject({ state: 'claimed', attempts: 0 });
    a.close();
    b.close();
  });

  it('marks a slot sent and replaces the sent hashes in one step; keeps them across unsubscribe', () => {
    const s = openDigestStore(fresh());
    s.subscribe({ platform: 'discord', channelId: '123456', schedule: SCHEDULE, origin: 'user', now: NOW });
    const slot = new Date('2026-11-28T09:00:00Z');
    s.claimSlot('discord:123456', slot, NOW);
    s.markSent('discord:123456', slot, { a: '1', b: '2' }, NOW);
    s.claimSlot('discord:123456', new Date('2026-11-29T09:00:00Z'), NOW);
    s.markSent('discord:123456', new Date('2026-11-29T09:00:00Z'), { a: '3' }, NOW);
    expect([...s.sentHashes('discord:123456')]).toEqual([['a', '3']]);
    expect(s.unsubscribe('discord:123456')).toBe(true);
    expect([...s.sentHashes('discord:123456')]).toEqual([['a', '3']]);
    s.close();
  });

  it('follows DIGEST_CRON for config subscriptions but leaves a user-made one alone', () => {
    const s = openDigestStore(fresh());
    const later = new Date('2026-11-29T10:00:00Z');
    const first = s.ensureConfigured({ platform: 'slack', channelId: 'C1', schedule: SCHEDULE, now: NOW });
    const hourly = { cron: '0 * * * *', timeZone: 'UTC', label: '0 * * * *' };
    const again = s.ensureConfigured({ platform: 'slack', channelId: 'C1', schedule: hourly, now: later });
    expect(again).toMatchObject({ cron: '0 * * * *', createdAt: first.createdAt, origin: 'config' });
    s.subscribe({ platform: 'slack', channelId: 'C2', schedule: SCHEDULE, origin: 'user', now: NOW });
    s.ensureConfigured({ platform: 'slack', channelId: 'C2', schedule: hourly, now: later });
    expect(s.subscription('slack:C2')).toMatchObject({ cron: '0 9 * * *', origin: 'user' });
    s.close();
  });

  it('pauses a subscription with its reason; subscribing again resumes it', () => {
    const s = openDigestStore(fresh());
    s.subscribe({ platform: 'slack', channelId: 'C1', schedule: SCHEDULE, origin: 'user', now: NOW });
    s.pause('slack:C1', 'Slack: channel_not_found', NOW);
    expect(s.subscription('slack:C1')?.paused).toEqual({
      reason: 'Slack: channel_not_found',
      at: NOW.toISOString(),
    });
    s.subscribe({ platform: 'slack', channelId: 'C1', schedule: SCHEDULE, origin: 'user', now: NOW });
    expect(s.subscription('slack:C1')?.paused).toBeUndefined();
    s.close();
  });
});
