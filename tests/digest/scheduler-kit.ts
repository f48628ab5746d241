/** A scheduler on a real SQLite file with a fake clock, as the scheduler tests drive it. */
import type { DigestPoster } from '../../adapters/digest/poster.js';
import { createDigestScheduler, type SchedulerOptions } from '../../adapters/digest/scheduler.js';
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { composeDigest } from '../../src/digest/compose.js';
import { parseSchedule } from '../../src/digest/schedule.js';
import type { DigestStore } from '../../src/digest/store.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { base, fact, recordingPoster } from './fixtures.js';

export const KB = base([
  fact('ban-announced', { date: '2024-04-12' }),
  fact('lme-reaction', { date: '2024-04-15' }),
]);

export function fakeClock(start: string) {
  let t = Date.parse(start);
  const slept: number[] = [];
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = Date.parse(iso);
    },
    slept,
    /** Retry waits pass instantly on this clock. */
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

export type Clock = ReturnType<typeof fakeClock>;

export async function subscribe(store: DigestStore, schedule: string, now: Date, channelId = 'C0DIGEST') {
  const parsed = parseSchedule(schedule, 'UTC');
  if (!parsed.ok) throw new Error(parsed.problem);
  return await store.subscribe({
    platform: 'slack',
    channelId,
    schedule: parsed.schedule,
    origin: 'user',
    now,
  });
}

/** A tick-driven scheduler (no croner timers) composing digests of KB from `store`, with a recording log. */
export function testScheduler(
  store: DigestStore,
  poster: DigestPoster,
  over: Partial<SchedulerOptions> = {},
) {
  const { log, entries } = createRecordingLog();
  const scheduler = createDigestScheduler({
    store,
    posters: { slack: poster },
    compose: async (sub, now) =>
      composeDigest({ knowledge: KB, sent: await store.sentHashes(sub.id), now, timeZone: sub.timeZone }),
    log,
    timers: false,
    ...over,
  });
  return { scheduler, entries };
}

/** One "process": a store handle on `dir` and a tick-driven scheduler posting to `poster`. */
export function startProcess(
  dir: string,
  clock: Clock,
  poster = recordingPoster(),
  over: Partial<SchedulerOptions> = {},
) {
  const store = openDigestStore(dir);
  const { scheduler, entries } = testScheduler(store, poster, {
    now: clock.now,
    sleep: clock.sleep,
    ...over,
  });
  return {
    store,
    scheduler,
    poster,
    entries,
    async stop() {
      await scheduler.stop();
      await store.close();
    },
  };
}
