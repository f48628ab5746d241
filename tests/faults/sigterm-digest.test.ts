/**
 * SIGTERM while a scheduled digest post (and a reply) is in flight: the post finishes within a bounded wait, the
 * store closes cleanly, the process exits 0, and the next start in the same DATA_DIR neither loses nor repeats a
 * slot. Plus, in process: a post that outlasts the bound keeps its slot claimed, so it is never posted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import type { DigestStore } from '../../src/digest/store.js';
import {
  freePort,
  killAll,
  sleep,
  startApp,
  tempDataDir,
  until,
  waitForPort,
} from '../acceptance/app-process.js';
import { recordingPoster } from '../digest/fixtures.js';
import { fakeClock, subscribe, testScheduler } from '../digest/scheduler-kit.js';
import { type RecordedCall, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { createSlackSender, eventEnvelope, mentionEvent } from '../fakes/slack/signed-requests.js';
import { startFaultProxy } from './fault-proxy.js';

const START_MS = 15_000;
/** The platform holds the digest post (and the reply) this long before it even sees it. */
const STALL_MS = 1_500;
/** The app must be gone well before main.ts's 15 s last resort. */
const EXIT_MS = 8_000;
const CHANNEL = 'C0DIGEST';
const SECRET = 'sigterm-digest-signing-secret-0123';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await killAll();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const slotOf = (c: RecordedCall) =>
  (c.body.metadata as { event_type?: string; event_payload?: { slot?: string } } | undefined)?.event_payload
    ?.slot;

/** slot -> state, read from the database file the app used. */
function slotStates(dataDir: string): Map<string, string> {
  const db = new Database(join(dataDir, DB_FILE), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT slot_time, state FROM slots WHERE subscription_id = ?')
      .all(`slack:${CHANNEL}`) as { slot_time: string; state: string }[];
    return new Map(rows.map((r) => [r.slot_time, r.state]));
  } finally {
    db.close();
  }
}

describe('SIGTERM with a digest post in flight (npm start against the fake Slack)', () => {
  it('finishes the post and the reply, exits 0, and the restart neither repeats nor loses a slot', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-test' });
    const proxy = await startFaultProxy(fake.base);
    const dataDir = tempDataDir();
    cleanups.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => fake.close(),
      () => proxy.close(),
    );
    const port = await freePort();
    const vars = {
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${proxy.base}/api/`,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIGEST_CRON: '*/2 * * * * *',
      DIGEST_SLACK_CHANNELS: CHANNEL,
    };
    const digests = () =>
      fake.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL && slotOf(c) !== undefined);
    const stalledPosts = () =>
      proxy.seen.filter((r) => r.path.endsWith('chat.postMessage') && r.fault === 'stall').length;

    // Nothing else posts before the first digest, so this stalls exactly that digest.
    proxy.inject(/chat\.postMessage$/, { kind: 'stall', ms: STALL_MS }, 1);
    const first = startApp(vars);
    await waitForPort(first, port, START_MS);
    await until(
      first,
      () => stalledPosts() === 1 && proxy.inFlight() === 1,
      'a digest post in flight',
      6_000,
    );
    expect(digests()).toHaveLength(0); // held by the proxy: the fake has not seen it yet

    // A mention whose reply is also held, so a reply and the digest are in flight together.
    proxy.inject(/chat\.postMessage$/, { kind: 'stall', ms: STALL_MS }, 1);
    const event = mentionEvent({ text: 'figure machine tools' });
    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
    expect((await send.event(eventEnvelope(event))).status).toBe(200);
    await until(first, () => proxy.inFlight() === 2, 'the digest and the reply in flight', 3_000);

    const signalled = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STALL_MS + 3_000);
    await sleep(200);

    // The in-flight digest reached Slack once, and the database says so; the reply reached it too.
    const firstRun = digests().map(slotOf) as string[];
    expect(firstRun).toHaveLength(1);
    expect(proxy.seen.filter((r) => r.abandoned)).toEqual([]);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === event.ts)).toHaveLength(1);
    expect([...slotStates(dataDir)]).toEqual([[firstRun[0], 'sent']]);

    // Restart in the same DATA_DIR: it catches up on the slot missed while down, then carries on.
    const second = startApp(vars);
    await waitForPort(second, port, START_MS);
    await until(second, () => digests().length >= firstRun.length + 2, 'two more digests', 8_000);
    second.child.kill('SIGTERM');
    expect(await second.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    await sleep(200);

    const posted = digests().map(slotOf) as string[];
    expect(new Set(posted).size, `slots posted: ${posted.join(', ')}`).toBe(posted.length);
    expect(posted.filter((s) => s === firstRun[0])).toHaveLength(1);
    // Every slot the database confirmed was posted exactly once, and every post was confirmed.
    const states = slotStates(dataDir);
    expect([...states].filter(([, state]) => state !== 'sent')).toEqual([]);
    expect([...states.keys()].sort()).toEqual([...posted].sort());
  }, 45_000);
});

describe('stop() with a post that outlasts the bound (in process)', () => {
  it('returns within stopGraceMs, leaves the slot claimed, and a restart does not post it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-stop-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = fakeClock('2026-11-27T08:00:00Z');
    let finish: () => void = () => undefined;
    const hanging = {
      posts: 0,
      post: () =>
        new Promise<void>((resolve) => {
          hanging.posts += 1;
          finish = resolve;
        }),
    };
    const start = (store: DigestStore, poster: typeof hanging | ReturnType<typeof recordingPoster>) => {
      const { scheduler, entries } = testScheduler(store, poster, { now: clock.now, stopGraceMs: 200 });
      return { scheduler, entries };
    };

    const store = openDigestStore(dir);
    await subscribe(store, 'daily 09:00', clock.now());
    clock.set('2026-11-27T09:00:00Z');
    const first = start(store, hanging);
    void first.scheduler.tick();
    for (let waited = 0; hanging.posts === 0 && waited < 2_000; waited += 10) await sleep(10);
    expect(hanging.posts).toBe(1);
    const stopping = Date.now();
    await first.scheduler.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(first.entries.map((e) => e.msg)).toContain(
      'digest scheduler stopped with posts still in flight: their slots stay claimed',
    );
    await store.close();
    // The post completes after the store closed: logged, not thrown.
    finish();
    await sleep(50);
    expect(first.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([
      'digest posted but not recorded as sent: it will not be posted again, its facts will be',
    ]);

    clock.set('2026-11-27T09:00:30Z');
    const again = openDigestStore(dir);
    cleanups.push(() => again.close());
    expect(await again.lastSlot('slack:C0DIGEST')).toMatchObject({
      slot: '2026-11-27T09:00:00.000Z',
      state: 'claimed',
    });
    const poster = recordingPoster();
    const second = start(again, poster);
    await second.scheduler.start();
    await second.scheduler.tick();
    expect(poster.posts).toEqual([]);
    await second.scheduler.stop();
  });
});
