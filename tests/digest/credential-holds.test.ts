/**
 * A platform that refuses the bot's credentials holds posting on that platform without pausing any channel, and
 * posting resumes once a check says they work again; a channel's own error still pauses only that channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsDigestError, PermanentDigestError } from '../../adapters/digest/poster.js';
import { recordingPoster, tempDir } from './fixtures.js';
import { fakeClock, startProcess, subscribe } from './scheduler-kit.js';

const FAST_HOLD = { holdRetry: { baseMs: 20, maxMs: 40 } };
let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A recording poster whose credentials check answers what `works` says, counting the checks. */
function poster() {
  const base = recordingPoster();
  const state = { works: true, checks: 0 };
  return Object.assign(base, {
    state,
    async credentialsWork() {
      state.checks++;
      return state.works;
    },
  });
}

function setup(over: Parameters<typeof startProcess>[3] = FAST_HOLD) {
  const tmp = tempDir();
  const clock = fakeClock('2026-11-27T08:00:00Z');
  const p = poster();
  const proc = startProcess(tmp.dir, clock, p, over);
  cleanups.push(async () => {
    await proc.stop();
    tmp.cleanup();
  });
  return { clock, poster: p, proc };
}

async function until(check: () => boolean, what: string, ms = 3_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('credential failures hold a platform, they pause no channel', () => {
  it('holds on invalid_auth, posts nothing while held, and posts the held slot once the token works', async () => {
    const { clock, poster: p, proc } = setup();
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C1');
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C2');
    p.state.works = false;
    p.failNext(
      new CredentialsDigestError('Slack: invalid_auth'),
      new CredentialsDigestError('Slack: invalid_auth'),
    );
    clock.set('2026-11-27T09:00:00Z');
    expect(await proc.scheduler.tick()).toEqual(['held', 'held']);
    for (const id of ['slack:C1', 'slack:C2']) {
      expect((await proc.store.subscription(id))?.paused).toBeUndefined();
      // The slot is given back, not spent: it is posted once the credentials work.
      expect(await proc.store.slots(id)).toEqual([]);
    }
    expect(await proc.scheduler.tick()).toEqual([]);
    await until(() => p.state.checks >= 2, 'two failed checks');
    expect(p.posts).toHaveLength(0);
    expect(proc.entries.filter((e) => e.msg.startsWith('digests on hold'))).toHaveLength(1);

    p.state.works = true;
    await until(() => p.posts.length === 2, 'the held slots to be posted');
    expect(p.posts.map((x) => [x.channelId, x.slot]).sort()).toEqual([
      ['C1', '2026-11-27T09:00:00.000Z'],
      ['C2', '2026-11-27T09:00:00.000Z'],
    ]);
    expect(proc.entries.map((e) => e.msg)).toContain('digests resumed: the credentials work again');
    expect(await proc.scheduler.tick()).toEqual([]);
    expect(p.posts).toHaveLength(2);
  });

  it('checks the credentials at start: refused, nothing posts; once they work, the due slot posts', async () => {
    const { clock, poster: p, proc } = setup();
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C1');
    clock.set('2026-11-27T09:10:00Z');
    p.state.works = false;
    await proc.scheduler.start();
    expect(p.posts).toHaveLength(0);
    expect(await proc.store.slots('slack:C1')).toEqual([]);
    p.state.works = true;
    await until(() => p.posts.length === 1, 'the due slot');
    expect(p.posts[0]?.slot).toBe('2026-11-27T09:00:00.000Z');
  });

  it('lifts pauses an earlier version left for credential failures, and keeps a channel error pause', async () => {
    const { clock, poster: p, proc } = setup();
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C1');
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C2');
    await proc.store.pause('slack:C1', 'Slack: invalid_auth', clock.now());
    await proc.store.pause('slack:C2', 'Slack: channel_not_found', clock.now());
    clock.set('2026-11-27T09:05:00Z');
    await proc.scheduler.start();
    expect((await proc.store.subscription('slack:C1'))?.paused).toBeUndefined();
    expect((await proc.store.subscription('slack:C2'))?.paused?.reason).toBe('Slack: channel_not_found');
    expect(p.posts.map((x) => x.channelId)).toEqual(['C1']);
  });

  it('a channel error pauses that channel only; the other keeps posting', async () => {
    const { clock, poster: p, proc } = setup();
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C1');
    await subscribe(proc.store, 'daily 09:00', clock.now(), 'C2');
    p.failNext(new PermanentDigestError('Slack: not_in_channel'));
    clock.set('2026-11-27T09:00:00Z');
    expect((await proc.scheduler.tick()).sort()).toEqual(['paused', 'sent']);
    clock.set('2026-11-28T09:00:00Z');
    expect(await proc.scheduler.tick()).toEqual(['sent']);
    const subs = await proc.store.subscriptions();
    const paused = subs.filter((s) => s.paused);
    expect(paused).toHaveLength(1);
    expect(p.state.checks).toBe(0);
  });
});
