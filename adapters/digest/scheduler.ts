/**
 * Runs digest subscriptions: one croner job per subscription (in its time zone). Every slot is claimed in the
 * store before posting, so restarts, overlapping ticks and other processes on the same database never post
 * it twice. Missed slots are not replayed; only the latest, if within the grace period, is posted once.
 */
import { Cron } from 'croner';
import { latestSlot } from '../../src/digest/schedule.js';
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import type { Digest, Logger, Platform } from '../../src/types.js';
import { DEFAULT_RETRY, type DeliverDeps, deliverSlot, type Outcome, type RetryPolicy } from './deliver.js';
import type { DigestPoster } from './poster.js';

export interface SchedulerOptions {
  store: DigestStore;
  posters: Partial<Record<Platform, DigestPoster>>;
  compose(sub: DigestSubscription, now: Date): Digest;
  log: Logger;
  /** Injected clock; real time by default. */
  now?: () => Date;
  /** Injected wait between retries; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  /** How old the latest missed slot may be and still be posted. Default one hour. */
  graceMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Create croner jobs (default). Tests driving `tick()` with a fake clock turn this off. */
  timers?: boolean;
}

export interface DigestScheduler {
  /** Posts the latest missed slot of each subscription (within grace), then schedules them all. */
  start(): Promise<void>;
  /** Re-reads subscriptions after a change (or one made by another process). */
  refresh(): void;
  /** Claims and posts every slot due now. Resolves with what happened to each posted slot. */
  tick(): Promise<Outcome[]>;
  /** Stops every job and waits for posts in flight; retry waits end early. */
  stop(): Promise<void>;
}

const REFRESH_CRON = '17 * * * * *';

export function createDigestScheduler(opts: SchedulerOptions): DigestScheduler {
  const now = opts.now ?? (() => new Date());
  const graceMs = opts.graceMs ?? 3_600_000;
  const jobs = new Map<string, { key: string; job: Cron }>();
  const inFlight = new Set<Promise<Outcome | undefined>>();
  const wakers = new Set<() => void>();
  let stopped = false;
  let refresher: Cron | undefined;

  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (stopped) return resolve(false);
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve(!stopped);
      };
      wakers.add(wake);
      if (opts.sleep) void opts.sleep(ms).then(wake);
      else timer = setTimeout(wake, ms);
    });

  const deliverDeps = (poster: DigestPoster): DeliverDeps => ({
    store: opts.store,
    poster,
    compose: opts.compose,
    log: opts.log,
    now,
    sleep,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
  });

  /** Claims and posts the slot due for `id` at `at`, if there is one nobody has claimed. */
  const runDue = (id: string, at: Date): Promise<Outcome | undefined> => {
    const sub = opts.store.subscription(id);
    const poster = sub && opts.posters[sub.platform];
    if (stopped || !sub || sub.paused || !poster) return Promise.resolve(undefined);
    const slot = latestSlot(sub, at);
    if (!slot || slot.getTime() < Date.parse(sub.createdAt) || at.getTime() - slot.getTime() > graceMs)
      return Promise.resolve(undefined);
    if (!opts.store.claimSlot(id, slot, now())) return Promise.resolve(undefined);
    const run = deliverSlot(sub, slot, deliverDeps(poster)).catch((e: unknown) => {
      opts.log.error('digest delivery crashed', { subscription: id, slot: slot.toISOString(), error: e });
      return undefined;
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };

  const tick = async () => {
    const at = now();
    const runs = opts.store.subscriptions().map((s) => runDue(s.id, at));
    const outcomes = await Promise.all(runs);
    return outcomes.filter((o): o is Outcome => o !== undefined);
  };

  const schedule = (sub: DigestSubscription) =>
    new Cron(sub.cron, { timezone: sub.timeZone, mode: '5-or-6-parts' }, (job: Cron) => {
      // A timer may fire a hair early; the job's own run time names the slot.
      const fired = job.currentRun()?.getTime() ?? 0;
      void runDue(sub.id, new Date(Math.max(now().getTime(), fired)));
    });

  const refresh = () => {
    if (stopped || opts.timers === false) return;
    const wanted = new Map(
      opts.store
        .subscriptions()
        .filter((s) => !s.paused && opts.posters[s.platform])
        .map((s) => [s.id, s]),
    );
    for (const [id, entry] of jobs) {
      const sub = wanted.get(id);
      if (sub && `${sub.cron}|${sub.timeZone}` === entry.key) continue;
      entry.job.stop();
      jobs.delete(id);
    }
    for (const [id, sub] of wanted) {
      if (!jobs.has(id)) jobs.set(id, { key: `${sub.cron}|${sub.timeZone}`, job: schedule(sub) });
    }
  };

  return {
    async start() {
      await tick();
      refresh();
      if (opts.timers !== false && !stopped) refresher = new Cron(REFRESH_CRON, () => refresh());
      opts.log.info('digest scheduler started', { subscriptions: jobs.size, graceMs });
    },
    refresh,
    tick,
    async stop() {
      stopped = true;
      refresher?.stop();
      for (const { job } of jobs.values()) job.stop();
      jobs.clear();
      for (const wake of [...wakers]) wake();
      await Promise.allSettled([...inFlight]);
      opts.log.info('digest scheduler stopped');
    },
  };
}
