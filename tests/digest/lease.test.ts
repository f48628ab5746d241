/**
 * Claims are leases: a slot whose poster died before marking it is taken over once the lease runs out and posted
 * once (not at all when its post is found in the channel); a live poster's renewals keep its slot its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordingPoster, tempDir } from './fixtures.js';
import { fakeClock, startProcess, subscribe } from './scheduler-kit.js';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const SLOT = '2026-11-27T09:00:00.000Z';
/** A poster that never returns, as one killed mid-post. */
const hangingPoster = () => ({ post: () => new Promise<void>(() => undefined) });

function setup() {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  return tmp.dir;
}

/** One slot due a minute ago and none for a day: a minute that turns during the test brings no second slot. */
function lastMinuteDaily(): string {
  const past = new Date(Date.now() - 60_000);
  return `${past.getUTCMinutes()} ${past.getUTCHours()} * * *`;
}

describe('slot leases', () => {
  it('a slot whose poster died mid-post is taken over after the lease and posted once', async () => {
    const dir = setup();
    // The dead process's clock stops with it: its lease is never renewed past 09:00:30.
    const deadClock = fakeClock('2026-11-27T09:00:00Z');
    const dead = startProcess(dir, deadClock, hangingPoster() as never, { leaseMs: 30_000 });
    cleanups.push(() => dead.store.close());
    await subscribe(dead.store, 'daily 09:00', new Date('2026-11-27T08:00:00Z'));
    void dead.scheduler.tick();

    const clock = fakeClock('2026-11-27T09:00:20Z');
    const poster = recordingPoster();
    const next = startProcess(dir, clock, poster, { leaseMs: 30_000 });
    cleanups.push(() => next.stop());
    expect(await next.scheduler.tick()).toEqual([]);
    clock.set('2026-11-27T09:00:31Z');
    expect(await next.scheduler.tick()).toEqual(['sent']);
    expect(poster.posts.map((p) => p.slot)).toEqual([SLOT]);
    expect(next.entries.map((e) => e.msg)).toContain(
      'digest slot taken over: cannot tell whether it was posted; posting it (a duplicate is better than a lost digest)',
    );
    expect(await next.scheduler.tick()).toEqual([]);
    expect(poster.posts).toHaveLength(1);
  });

  it('a taken-over slot found in the channel is marked sent and not posted again', async () => {
    const dir = setup();
    const dead = startProcess(dir, fakeClock('2026-11-27T09:00:00Z'), hangingPoster() as never);
    cleanups.push(() => dead.store.close());
    await subscribe(dead.store, 'daily 09:00', new Date('2026-11-27T08:00:00Z'));
    void dead.scheduler.tick();

    const poster = Object.assign(recordingPoster(), {
      alreadyPosted: async (_channel: string, slot: Date) => slot.toISOString() === SLOT,
    });
    const next = startProcess(dir, fakeClock('2026-11-27T09:01:00Z'), poster);
    cleanups.push(() => next.stop());
    expect(await next.scheduler.tick()).toEqual(['sent']);
    expect(poster.posts).toEqual([]);
    expect(await next.store.lastSlot('slack:C0DIGEST')).toMatchObject({ slot: SLOT, state: 'sent' });
    expect(next.entries.map((e) => e.msg)).toContain(
      'digest slot taken over: already in the channel, not posted again',
    );
  });

  it('a dead owner whose lease still runs at the restart loses the slot to it once the lease runs out', async () => {
    const dir = setup();
    const clock = (now: () => Date) => ({ ...fakeClock('2026-11-27T09:00:00Z'), now });
    // The dead process's clock stops when it dies, so its lease is never renewed.
    const diedAt = new Date();
    const dead = startProcess(
      dir,
      clock(() => diedAt),
      hangingPoster() as never,
      { leaseMs: 300 },
    );
    cleanups.push(() => dead.store.close());
    await subscribe(dead.store, lastMinuteDaily(), new Date(Date.now() - 120_000));
    void dead.scheduler.tick();

    const poster = recordingPoster();
    const next = startProcess(
      dir,
      clock(() => new Date()),
      poster,
      { leaseMs: 300 },
    );
    cleanups.push(() => next.stop());
    expect(await next.scheduler.tick()).toEqual([]);
    await new Promise((r) => setTimeout(r, 800));
    expect(poster.posts).toHaveLength(1);
    expect(next.entries.map((e) => e.msg)).toContain(
      'digest slot taken over: its owner stopped before marking it posted',
    );
  });

  it('a live poster renews its lease, so a slow post is never taken over', async () => {
    const dir = setup();
    let finish: () => void = () => undefined;
    const slow = { post: () => new Promise<void>((resolve) => (finish = resolve)) };
    const live = startProcess(
      dir,
      { ...fakeClock('2026-11-27T09:00:00Z'), now: () => new Date() },
      slow as never,
      {
        leaseMs: 1_000,
      },
    );
    cleanups.push(() => live.stop());
    await subscribe(live.store, lastMinuteDaily(), new Date(Date.now() - 120_000));
    const posting = live.scheduler.tick();
    await new Promise((r) => setTimeout(r, 50));

    const poster = recordingPoster();
    const other = startProcess(dir, { ...fakeClock('2026-11-27T09:00:00Z'), now: () => new Date() }, poster, {
      leaseMs: 1_000,
    });
    cleanups.push(() => other.stop());
    // Well past the lease: only renewals keep the slot from being taken over (generous, for a loaded machine).
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await other.scheduler.tick()).toEqual([]);
    finish();
    expect(await posting).toEqual(['sent']);
    expect(poster.posts).toEqual([]);
  });
});
