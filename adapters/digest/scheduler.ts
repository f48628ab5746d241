/**
 * Runs digest subscriptions: one croner job per subscription (in its time zone). Every slot is claimed in the
 * store before posting, so restarts, overlapping ticks and other processes on the same database never post
 * it twice. Missed slots are not replayed; only the latest, if within the grace period, is posted once.
 * A slot that cannot be claimed because the database is locked stays unclaimed and is tried again shortly.
 */
import { Cron } from 'croner';
import { latestSlot } from '../../src/digest/schedule.js';
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import type { Digest, Logger, Platform } from '../../src/types.js';
import { createSlotClaims, DEFAULT_CLAIM_RETRY } from './claim-slot.js';
import {
  createCredentialHolds,
  DEFAULT_HOLD_RETRY,
  type HoldRetry,
  liftCredentialPauses,
} from './credential-holds.js';
import { createCronJobs } from './cron-jobs.js';
import { DEFAULT_RETRY, type DeliverDeps, deliverSlot, type Outcome, type RetryPolicy } from './deliver.js';
import { DEFAULT_LEASE_MS } from './lease.js';
import { type DigestPoster, messageOf } from './poster.js';
import { createStoppableSleep } from './stoppable-sleep.js';

export interface SchedulerOptions {
  store: DigestStore;
  posters: Partial<Record<Platform, DigestPoster>>;
  compose(sub: DigestSubscription, now: Date): Promise<Digest>;
  log: Logger;
  /** Injected clock; real time by default. */
  now?: () => Date;
  /** Injected wait between retries; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * How old the latest missed slot may be and still be posted. Default one hour. 0 posts on time only: a slot is
   * "on time" for its first minute, as a timer firing late or a brief database lock may delay it by that much.
   */
  graceMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Create croner jobs (default). Tests driving `tick()` with a fake clock turn this off. */
  timers?: boolean;
  /**
   * When claiming a slot fails (the database stayed locked), how often and how soon to try again. The slot is
   * given up (logged) after the last try, once it is older than the grace period, or when the scheduler stops.
   */
  claimRetry?: Partial<RetryPolicy>;
  /** How long stop() waits for posts in flight before letting the store close. Default 4 s. */
  stopGraceMs?: number;
  /** After a platform refuses the credentials, how soon and how often to check them again. */
  holdRetry?: Partial<HoldRetry>;
  /** How long a claim lasts unless renewed; a dead owner's slot is taken over after it. Default 30 s. */
  leaseMs?: number;
}

export const DEFAULT_STOP_GRACE_MS = 4_000;
const ON_TIME_MS = 60_000;

export interface DigestScheduler {
  /** Posts the latest missed slot of each subscription (within grace), then schedules them all. */
  start(): Promise<void>;
  /** Re-reads subscriptions after a change (or one made by another process). */
  refresh(): Promise<void>;
  /** Claims and posts every slot due now. Resolves with what happened to each posted slot. */
  tick(): Promise<Outcome[]>;
  /**
   * Stops every job and waits (at most `stopGraceMs`) for posts in flight; retry waits end early. A post still
   * in flight after that keeps its slot claimed, so it is never posted twice.
   */
  stop(): Promise<void>;
}

const REFRESH_CRON = '17 * * * * *';

export function createDigestScheduler(opts: SchedulerOptions): DigestScheduler {
  const now = opts.now ?? (() => new Date());
  const graceMs = opts.graceMs ?? 3_600_000;
  const lateMs = Math.max(graceMs, ON_TIME_MS);
  const inFlight = new Set<Promise<Outcome | undefined>>();
  let stopped = false;
  let refresher: Cron | undefined;
  const { sleep, wakeAll } = createStoppableSleep(() => stopped, opts.sleep);

  const holds = createCredentialHolds({
    posters: opts.posters,
    log: opts.log,
    // Real time even under a test clock: a check that keeps failing must not spin without a pause.
    sleep: (ms) => sleep(ms, true),
    retry: { ...DEFAULT_HOLD_RETRY, ...opts.holdRetry },
    resumed: () => void tick(),
  });

  const deliverDeps = (poster: DigestPoster, platform: Platform): DeliverDeps => ({
    store: opts.store,
    poster,
    hold: (error) => holds.hold(platform, error),
    compose: opts.compose,
    log: opts.log,
    now,
    sleep,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
  });

  const claims = createSlotClaims({
    store: opts.store,
    log: opts.log,
    now,
    lateMs,
    leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
    claimRetry: { ...DEFAULT_CLAIM_RETRY, ...opts.claimRetry },
    sleep,
    stopped: () => stopped,
    rerun: (id, slot) => void runDue(id, slot),
  });

  /** Claims and posts the slot due for `id` at `at`, if there is one nobody has claimed. Never throws. */
  const runDue = async (id: string, at: Date): Promise<Outcome | undefined> => {
    try {
      const sub = await claims.readWhileBusy(() => opts.store.subscription(id), at);
      const poster = sub && opts.posters[sub.platform];
      if (stopped || !sub || sub.paused || !poster || holds.held(sub.platform)) return undefined;
      const slot = latestSlot(sub, at);
      if (!slot || slot.getTime() < Date.parse(sub.createdAt) || at.getTime() - slot.getTime() > lateMs)
        return undefined;
      const run = claims
        .claimAndDeliver(sub, slot, (takenOver) =>
          deliverSlot(sub, slot, { ...deliverDeps(poster, sub.platform), takenOver }),
        )
        .catch((e: unknown) => {
          opts.log.error('digest delivery crashed', { subscription: id, slot: slot.toISOString(), error: e });
          return undefined;
        });
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
      return run;
    } catch (e) {
      opts.log.error('digest run failed', { subscription: id, error: messageOf(e) });
      return undefined;
    }
  };

  async function tick(): Promise<Outcome[]> {
    const at = now();
    let ids: string[];
    try {
      ids = (await claims.readWhileBusy(() => opts.store.subscriptions(), at)).map((s) => s.id);
    } catch (e) {
      opts.log.error('digest tick: could not read subscriptions', { error: messageOf(e) });
      return [];
    }
    const outcomes = await Promise.all(ids.map((id) => runDue(id, at)));
    return outcomes.filter((o): o is Outcome => o !== undefined);
  }

  const cron = createCronJobs({
    store: opts.store,
    posts: (platform) => opts.posters[platform] !== undefined,
    log: opts.log,
    now,
    run: (id, at) => void runDue(id, at),
  });
  const refresh = async () => {
    if (!stopped && opts.timers !== false) await cron.refresh();
  };

  return {
    async start() {
      await liftCredentialPauses(opts.store, opts.log);
      await holds.checkAll();
      await tick();
      await refresh();
      if (opts.timers !== false && !stopped) refresher = new Cron(REFRESH_CRON, () => void refresh());
      opts.log.info('digest scheduler started', { subscriptions: cron.size, graceMs });
    },
    refresh,
    tick,
    async stop() {
      stopped = true;
      refresher?.stop();
      claims.stop();
      cron.stop();
      wakeAll();
      const pending = [...inFlight];
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled(pending).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), opts.stopGraceMs ?? DEFAULT_STOP_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      if (drained) opts.log.info('digest scheduler stopped');
      else
        opts.log.warn('digest scheduler stopped with posts still in flight: their slots stay claimed', {
          inFlight: inFlight.size,
        });
    },
  };
}
