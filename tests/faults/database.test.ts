/**
 * The database under DATA_DIR is corrupt, unwritable or locked: a clear error at start naming the file (and no
 * stack trace from `npm start`); a lock at run time is waited out, and a digest slot is never lost or doubled.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite as migrate } from '../../adapters/store/migrations.js';
import { DB_FILE, openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { insightsDbPath, openSqliteInsightsStore } from '../../adapters/store/sqlite-insights-store.js';
import { openSqlite, StoreBusyError, StoreError } from '../../adapters/store/sqlite-kit.js';
import type { DigestStore } from '../../src/digest/store.js';
import { killAll, startApp } from '../acceptance/app-process.js';
import { recordingPoster } from '../digest/fixtures.js';
import { fakeClock, subscribe, testScheduler } from '../digest/scheduler-kit.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { holdLock, probeOpen } from './db-faults.js';

const GARBAGE =
  'this is not a SQLite database, only text that someone wrote over the file by mistake\n'.repeat(4);
/** Short SQLite busy_timeout, so a held lock fails fast in these tests (the app uses 5 s). */
const FAST = { busyTimeoutMs: 50, retry: { attempts: 1 } };

const dirs: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await killAll();
  for (const c of closers.splice(0).reverse()) await c();
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-db-'));
  dirs.push(dir);
  return dir;
}

const stackLine = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** What opening threw, for asserting on it. */
function openError(open: () => unknown): unknown {
  try {
    const store = open() as { close?: () => void };
    store.close?.();
  } catch (e) {
    return e;
  }
  throw new Error('opening succeeded');
}

describe('database errors at start', () => {
  it('a corrupt sitrep.db: StoreError naming the file, and the file is left as it was', () => {
    const dir = tempDir();
    const file = join(dir, DB_FILE);
    writeFileSync(file, GARBAGE);
    const err = openError(() => openDigestStore(dir));
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).file).toBe(file);
    expect((err as Error).message).toBe(
      `${file} is not a SQLite database (corrupt?): move it away or point DATA_DIR elsewhere.`,
    );
    expect(readFileSync(file, 'utf8')).toBe(GARBAGE);
  });

  it('a corrupt insights.db: the same clear error, naming that file', () => {
    const dir = tempDir();
    writeFileSync(insightsDbPath(dir), GARBAGE);
    const err = openError(() => openSqliteInsightsStore({ dataDir: dir }));
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toContain(`${insightsDbPath(dir)} is not a SQLite database (corrupt?)`);
  });

  it('npm start with a corrupt sitrep.db exits 1, names the file on stderr, prints no stack trace', async () => {
    const dir = tempDir();
    const file = join(dir, DB_FILE);
    writeFileSync(file, GARBAGE);
    const app = startApp({ DATA_DIR: dir });
    expect(await app.waitForExit(15_000)).toEqual({ code: 1, signal: null });
    const stderr = app.stderr();
    expect(stderr).toContain(`${file} is not a SQLite database (corrupt?): move it away`);
    expect(stderr).not.toMatch(stackLine);
    expect(stderr).not.toContain('Unexpected error');
    expect(readFileSync(file, 'utf8')).toBe(GARBAGE);
  }, 20_000);

  it('npm start with DATA_DIR pointing at a file exits 1 with a clear error, no stack trace', async () => {
    const dir = tempDir();
    const notADir = join(dir, 'data');
    writeFileSync(notADir, 'a file, not a directory');
    const app = startApp({ DATA_DIR: notADir });
    expect(await app.waitForExit(15_000)).toEqual({ code: 1, signal: null });
    const stderr = app.stderr();
    expect(stderr).toMatch(
      new RegExp(`cannot create ${notADir}/(insights|sitrep)\\.db: ${notADir} is not a directory`),
    );
    expect(stderr).not.toMatch(stackLine);
  }, 20_000);

  it('a directory where sitrep.db should be: a clear error naming it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, DB_FILE));
    const err = openError(() => openDigestStore(dir));
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(
      /^cannot open .*sitrep\.db \(unable to open database file\): check that/,
    );
  });

  // Root may write anywhere, so the opener runs as `nobody` when the tests run as root (see probeOpen).
  it('a DATA_DIR this user may not write: a clear "read-only" error naming the file', () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const dir = join(parent, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(probeOpen(dir)).toEqual({
      opened: false,
      name: 'StoreError',
      message: `${join(dir, DB_FILE)} is read-only (or its directory is): make DATA_DIR and the file writable by this user, or point DATA_DIR elsewhere.`,
    });
    // The same directory, writable: the probe itself works.
    chmodSync(dir, 0o777);
    expect(probeOpen(dir)).toEqual({ opened: true });
  }, 30_000);

  it('a file SQLite could only open read-only (SQLITE_READONLY while migrating): the same clear error', () => {
    const dir = tempDir();
    const file = join(dir, DB_FILE);
    const raw = new Database(file);
    raw.exec('CREATE TABLE unrelated (x)');
    raw.close();
    // A read-only handle is what SQLite falls back to for a file it may not write.
    const err = openError(() => openSqlite({ file, readonly: true, setup: (db) => migrate(db) }));
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/sitrep\.db is read-only/);
    expect(((err as StoreError).cause as { code?: string }).code).toBe('SQLITE_READONLY');
  });

  it('a database locked by another process for longer than busy_timeout: a clear error, soon', async () => {
    const dir = tempDir();
    await openDigestStore(dir).close();
    const lock = await holdLock(join(dir, DB_FILE), 10_000);
    closers.push(lock.release);
    const started = Date.now();
    const err = openError(() => openDigestStore(dir, FAST));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe(
      `${join(dir, DB_FILE)} is locked by another process (still locked after 50 ms): stop whatever else holds it ` +
        '(another Sitrep on the same DATA_DIR, a sqlite3 shell, a backup) or point DATA_DIR elsewhere.',
    );
    lock.release();
    await lock.released;
    await openDigestStore(dir, FAST).close();
  });
});

const NOW = new Date('2026-11-27T08:00:00Z');

describe('a locked database at run time', () => {
  it('a write that meets a brief lock is retried and succeeds; without retries it would have failed', async () => {
    const dir = tempDir();
    const store = openDigestStore(dir, { busyTimeoutMs: 50, retry: { attempts: 8, backoffMs: 50 } });
    const once = openDigestStore(dir, FAST);
    closers.push(
      () => store.close(),
      () => once.close(),
    );
    const lock = await holdLock(join(dir, DB_FILE), 400);
    const sub = { platform: 'slack' as const, channelId: 'C1', origin: 'user' as const, now: NOW };
    const schedule = { cron: '0 9 * * *', timeZone: 'UTC', label: 'daily 09:00' };
    await expect(once.subscribe({ ...sub, schedule })).rejects.toThrow(StoreBusyError);
    expect(await store.subscribe({ ...sub, schedule })).toMatchObject({ id: 'slack:C1', cron: '0 9 * * *' });
    await lock.released;
    expect((await once.subscriptions()).map((s) => s.id)).toEqual(['slack:C1']);
  });

  it('insights: records made while another process holds the lock cost no wait and are written after it', async () => {
    const dir = tempDir();
    const { log, entries } = createRecordingLog();
    const insights = openSqliteInsightsStore({ dataDir: dir, log, queue: { flushMs: 20, maxBackoffMs: 50 } });
    closers.push(() => insights.close());
    const lock = await holdLock(insightsDbPath(dir), 10_000);
    closers.push(lock.release);
    const event = {
      at: NOW.toISOString(),
      platform: 'slack',
      channelId: 'C1',
      reason: 'out-of-scope',
    } as const;
    const started = Date.now();
    for (let i = 0; i < 50; i++) insights.recordUnanswered({ ...event, question: `while locked ${i % 2}` });
    expect(Date.now() - started).toBeLessThan(50);
    await new Promise((r) => setTimeout(r, 300));
    expect(entries.map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'insights: the database is locked; keeping records in memory until it is free'],
    ]);
    lock.release();
    await lock.released;
    insights.recordUnanswered({ ...event, question: 'after the lock' });
    await new Promise((r) => setTimeout(r, 200));
    // The retry that finds the lock gone may run before or after the record just made: it writes 50 or 51.
    const again = entries.find((e) => e.msg === 'insights: recording again');
    expect(again?.ctx).toMatchObject({ dropped: 0 });
    expect([50, 51]).toContain(again?.ctx?.written);
    const texts = (await insights.summary()).unanswered.map((u) => [u.text, u.count]);
    expect(texts).toEqual([
      ['while locked 0', 25],
      ['while locked 1', 25],
      ['after the lock', 1],
    ]);
  });

  it('insights: a lock longer than the queue holds drops the oldest records and counts them', async () => {
    const dir = tempDir();
    const { log, entries } = createRecordingLog();
    const insights = openSqliteInsightsStore({
      dataDir: dir,
      log,
      queue: { flushMs: 20, maxBackoffMs: 50, capacity: 10 },
    });
    closers.push(() => insights.close());
    const lock = await holdLock(insightsDbPath(dir), 10_000);
    closers.push(lock.release);
    const event = {
      at: NOW.toISOString(),
      platform: 'slack',
      channelId: 'C1',
      reason: 'out-of-scope',
    } as const;
    insights.recordUnanswered({ ...event, question: 'first' });
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 14; i++) insights.recordUnanswered({ ...event, question: `later ${i}` });
    lock.release();
    await lock.released;
    await new Promise((r) => setTimeout(r, 200));
    expect(entries.at(-1)).toMatchObject({
      msg: 'insights: recording again',
      ctx: { written: 10, dropped: 5 },
    });
    const texts = (await insights.summary()).unanswered.map((u) => u.text);
    expect(texts).toHaveLength(10);
    expect(texts).not.toContain('first');
  });
});

describe('the digest scheduler and a locked database', () => {
  /** One "process" with its own store handle, on the real clock for retry waits and a fixed clock for slots. */
  function process_(dir: string, clock: ReturnType<typeof fakeClock>, over: { retryBaseMs?: number } = {}) {
    const store: DigestStore = openDigestStore(dir, {
      busyTimeoutMs: 50,
      retry: { attempts: 2, backoffMs: 10 },
    });
    const poster = recordingPoster();
    const { scheduler, entries } = testScheduler(store, poster, {
      now: clock.now,
      claimRetry: { baseMs: 100, maxMs: 200, attempts: 30 },
      retry: { baseMs: over.retryBaseMs ?? 100 },
    });
    closers.push(() => store.close());
    return { store, poster, entries, scheduler };
  }

  it('two processes tick while a third holds the lock: the slot is posted once, after the lock goes', async () => {
    const dir = tempDir();
    const clock = fakeClock('2026-11-27T08:00:00Z');
    const a = process_(dir, clock);
    const b = process_(dir, clock);
    await subscribe(a.store, 'daily 09:00', clock.now());
    clock.set('2026-11-27T09:00:00Z');

    const lock = await holdLock(join(dir, DB_FILE), 600);
    const ticks = Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    // Nothing can be claimed while the lock is held.
    expect(await a.store.lastSlot('slack:C0DIGEST')).toBeUndefined();
    const [outA, outB] = await ticks;
    await lock.released;

    expect([...outA, ...outB]).toEqual(['sent']);
    const posts = [...a.poster.posts, ...b.poster.posts];
    expect(posts.map((p) => p.slot)).toEqual(['2026-11-27T09:00:00.000Z']);
    expect((await a.store.slots('slack:C0DIGEST')).map((s) => [s.slot, s.state])).toEqual([
      ['2026-11-27T09:00:00.000Z', 'sent'],
    ]);
    // Both met the lock and waited it out rather than giving up.
    for (const p of [a, b]) {
      expect(p.entries.map((e) => e.msg)).toContain(
        'digest slot not claimed yet: the database is busy, trying again',
      );
      expect(p.entries.map((e) => e.msg)).not.toContain(
        'digest slot skipped: it could not be claimed in the database',
      );
    }
    // Later ticks for the same slot post nothing more.
    expect([...(await a.scheduler.tick()), ...(await b.scheduler.tick())]).toEqual([]);
    expect(a.poster.posts.length + b.poster.posts.length).toBe(1);
    await Promise.all([a.scheduler.stop(), b.scheduler.stop()]);
  });

  it('a lock taken while the post is in flight: the slot is still recorded as sent, and not posted again', async () => {
    const dir = tempDir();
    const clock = fakeClock('2026-11-27T08:00:00Z');
    const p = process_(dir, clock, { retryBaseMs: 300 });
    await subscribe(p.store, 'daily 09:00', clock.now());
    clock.set('2026-11-27T09:00:00Z');
    const post = p.poster.post.bind(p.poster);
    let lock: Awaited<ReturnType<typeof holdLock>> | undefined;
    p.poster.post = async (...args) => {
      lock = await holdLock(join(dir, DB_FILE), 400);
      return post(...args);
    };

    expect(await p.scheduler.tick()).toEqual(['sent']);
    expect(lock).toBeDefined();
    await lock?.released;
    expect(await p.store.lastSlot('slack:C0DIGEST')).toMatchObject({ state: 'sent', attempts: 1 });
    expect((await p.store.sentHashes('slack:C0DIGEST')).size).toBeGreaterThan(0);
    expect(p.entries.map((e) => e.level)).not.toContain('error');
    expect(await p.scheduler.tick()).toEqual([]);
    expect(p.poster.posts).toHaveLength(1);
    await p.scheduler.stop();
  });
});
