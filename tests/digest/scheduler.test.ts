import { afterEach, describe, expect, it } from 'vitest';
import { PermanentDigestError, RetryableDigestError } from '../../adapters/digest/poster.js';
import { digestStatus } from '../../src/digest/command.js';
import { recordingPoster, tempDir } from './fixtures.js';
import { type Clock, fakeClock, startProcess, subscribe } from './scheduler-kit.js';

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function setup(start: string) {
  const tmp = tempDir();
  const clock = fakeClock(start);
  const processes: ReturnType<typeof startProcess>[] = [];
  cleanups.push(async () => {
    for (const p of processes) await p.stop().catch(() => undefined);
    tmp.cleanup();
  });
  const start_ = (
    c: Clock = clock,
    ...rest: Parameters<typeof startProcess> extends [unknown, unknown, ...infer R] ? R : never
  ) => {
    const p = startProcess(tmp.dir, c, ...rest);
    processes.push(p);
    return p;
  };
  return { dir: tmp.dir, clock, start: start_ };
}

describe('digest scheduler (fake clock, real SQLite file)', () => {
  it('posts each slot exactly once, across overlapping ticks and a restart', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const first = start();
    await subscribe(first.store, 'daily 09:00', clock.now());
    await first.scheduler.start();
    expect(first.poster.posts).toHaveLength(0);

    clock.set('2026-11-27T09:00:00Z');
    await Promise.all([first.scheduler.tick(), first.scheduler.tick()]);
    clock.set('2026-11-27T09:00:40Z');
    await first.scheduler.tick();
    expect(first.poster.posts.map((p) => p.slot)).toEqual(['2026-11-27T09:00:00.000Z']);
    await first.stop();

    clock.set('2026-11-27T09:05:00Z');
    const second = start();
    await second.scheduler.start(); // the catch-up finds the slot already taken
    clock.set('2026-11-28T09:00:01Z');
    await second.scheduler.tick();
    expect(second.poster.posts.map((p) => p.slot)).toEqual(['2026-11-28T09:00:00.000Z']);
    expect((await second.store.slots('slack:C0DIGEST')).map((s) => [s.slot, s.state])).toEqual([
      ['2026-11-28T09:00:00.000Z', 'sent'],
      ['2026-11-27T09:00:00.000Z', 'sent'],
    ]);
  });

  it('the second digest says nothing new, because what was sent is stored', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const p = start();
    await subscribe(p.store, '0 * * * *', clock.now());
    clock.set('2026-11-27T09:00:00Z');
    await p.scheduler.tick();
    clock.set('2026-11-27T10:00:00Z');
    await p.scheduler.tick();
    expect(p.poster.posts.map((x) => x.digest.nothingNew)).toEqual([false, true]);
  });

  it('after downtime posts only the latest missed slot, once, when it is within the grace period', async () => {
    const { clock, start } = setup('2026-11-27T00:00:00Z');
    const before = start();
    await subscribe(before.store, '0 * * * *', clock.now());
    await before.stop();

    clock.set('2026-11-27T05:40:00Z'); // 01:00 … 05:00 were missed
    const after = start(clock, recordingPoster(), { graceMs: 60 * 60_000 });
    await after.scheduler.start();
    await after.scheduler.tick();
    expect(after.poster.posts.map((p) => p.slot)).toEqual(['2026-11-27T05:00:00.000Z']);
  });

  it('posts no catch-up when the latest missed slot is older than the grace period, then resumes on time', async () => {
    const { clock, start } = setup('2026-11-27T00:00:00Z');
    const before = start();
    await subscribe(before.store, '0 * * * *', clock.now());
    await before.stop();

    clock.set('2026-11-27T05:40:00Z');
    const after = start(clock, recordingPoster(), { graceMs: 20 * 60_000 });
    await after.scheduler.start();
    expect(after.poster.posts).toHaveLength(0);
    clock.set('2026-11-27T06:00:00Z');
    await after.scheduler.tick();
    expect(after.poster.posts.map((p) => p.slot)).toEqual(['2026-11-27T06:00:00.000Z']);
  });

  it('never posts a slot from before the subscription existed', async () => {
    const { clock, start } = setup('2026-11-27T09:30:00Z');
    const p = start();
    await subscribe(p.store, 'daily 09:00', clock.now());
    await p.scheduler.start();
    expect(p.poster.posts).toHaveLength(0);
  });

  it('retries a 429 after its Retry-After, and a network error with backoff, within the slot', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const p = start();
    await subscribe(p.store, 'daily 09:00', clock.now());
    p.poster.failNext(new RetryableDigestError('Slack: ratelimited', 3_000), new Error('ECONNRESET'));
    clock.set('2026-11-27T09:00:00Z');
    expect(await p.scheduler.tick()).toEqual(['sent']);
    expect(clock.slept).toEqual([3_000, 2_000]);
    expect(p.poster.posts).toHaveLength(1);
    expect(await p.store.lastSlot('slack:C0DIGEST')).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('gives up on a slot after the last retry without pausing the subscription', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const p = start(undefined, recordingPoster(), { retry: { attempts: 3 } });
    await subscribe(p.store, 'daily 09:00', clock.now());
    p.poster.failNext(...Array.from({ length: 3 }, () => new RetryableDigestError('Slack: internal_error')));
    clock.set('2026-11-27T09:00:00Z');
    expect(await p.scheduler.tick()).toEqual(['failed']);
    expect((await p.store.subscription('slack:C0DIGEST'))?.paused).toBeUndefined();
    clock.set('2026-11-28T09:00:00Z');
    expect(await p.scheduler.tick()).toEqual(['sent']);
  });

  it('pauses on a permanent failure: recorded, logged once, shown in status, not retried', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const p = start();
    await subscribe(p.store, 'daily 09:00', clock.now());
    p.poster.failNext(new PermanentDigestError('Slack: channel_not_found'));
    clock.set('2026-11-27T09:00:00Z');
    expect(await p.scheduler.tick()).toEqual(['paused']);
    expect(clock.slept).toEqual([]);
    for (const day of ['28', '29']) {
      clock.set(`2026-11-${day}T09:00:00Z`);
      expect(await p.scheduler.tick()).toEqual([]);
    }
    expect(p.poster.posts).toHaveLength(0);
    expect(p.entries.filter((e) => e.level === 'error')).toHaveLength(1);
    const sub = await p.store.subscription('slack:C0DIGEST');
    const status = await digestStatus(sub, p.store, 'slack:C0DIGEST', clock.now());
    expect(status.paused?.reason).toBe('Slack: channel_not_found');
    expect(status.lastFailure?.error).toBe('Slack: channel_not_found');
    expect(status.nextPost).toBeUndefined();
  });

  it('two schedulers sharing one database file post each slot once between them', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    const a = start();
    const b = start();
    await subscribe(a.store, '0 * * * *', clock.now());
    for (const hour of ['09', '10', '11']) {
      clock.set(`2026-11-27T${hour}:00:00Z`);
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    }
    const slots = [...a.poster.posts, ...b.poster.posts].map((p) => p.slot).sort();
    expect(slots).toEqual(['09', '10', '11'].map((h) => `2026-11-27T${h}:00:00.000Z`));
  });

  it('follows DST in Europe/Berlin: one post a day, at local 02:30 or just after the gap', async () => {
    const { clock, start } = setup('2025-03-28T00:00:00Z');
    const p = start();
    await subscribe(p.store, 'daily 02:30 Europe/Berlin', clock.now());
    const spring = async (from: string, to: string) => {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 10 * 60_000) {
        clock.set(new Date(t).toISOString());
        await p.scheduler.tick();
      }
    };
    await spring('2025-03-28T00:00:00Z', '2025-04-01T00:00:00Z');
    expect(p.poster.posts.map((x) => x.slot)).toEqual([
      '2025-03-28T01:30:00.000Z', // CET
      '2025-03-29T01:30:00.000Z',
      '2025-03-30T01:00:00.000Z', // 02:30 does not exist that night: 03:00 CEST
      '2025-03-31T00:30:00.000Z', // CEST
    ]);
    await spring('2025-10-25T00:00:00Z', '2025-10-27T00:00:00Z');
    expect(p.poster.posts.slice(4).map((x) => x.slot)).toEqual([
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z', // 02:30 happens twice that night; posted once
    ]);
  });

  it('stopping during a retry wait ends it at once and records the slot as failed, not sent', async () => {
    const { clock, start } = setup('2026-11-27T08:00:00Z');
    let release: () => void = () => undefined;
    const p = start(undefined, recordingPoster(), { sleep: () => new Promise<void>((r) => (release = r)) });
    await subscribe(p.store, 'daily 09:00', clock.now());
    p.poster.failNext(new RetryableDigestError('Slack: ratelimited', 60_000));
    clock.set('2026-11-27T09:00:00Z');
    const ticking = p.scheduler.tick();
    await new Promise((r) => setTimeout(r, 20));
    await p.scheduler.stop();
    expect(await ticking).toEqual(['failed']);
    release();
    expect(p.poster.posts).toHaveLength(0);
    expect((await p.store.lastSlot('slack:C0DIGEST'))?.state).toBe('failed');
  });
});
