/**
 * Runs digest subscriptions: one croner job per subscription (in its time zone). Every slot is claimed in the
 * store before posting, so restarts, overlapping ticks and other processes on the same database never post
 * it twice. Missed slots are not replayed; only the latest, if within the grace period, is posted once.
 * A slot that cannot be claimed because the database is locked stays unclaimed and is tried again shortly.
 */
import { Cron } from 'croner';
import { latestSlot } from '../../src/digest/schedule.js';
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import { isStoreBusy } from '../../src/store-busy.js';
import type { Digest, Logger, Platform } from '../../src/types.js';
import {
  createCredentialHolds,
  DEFAULT_HOLD_RETRY,
  type HoldRetry,
  liftCredentialPauses,
} from './credential-holds.js';
import { DEFAULT_RETRY, type DeliverDeps, deliverSlot, type Outcome, type RetryPolicy } from './deliver.js';
import { type ClaimOutcome, createLeases, DEFAULT_LEASE_MS } from './lease.js';
import { type DigestPoster, messageOf } from './poster.js';

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

/** A slot that cannot be claimed (database locked or away) is tried until it is too late to post (grace). */
export const DEFAULT_CLAIM_RETRY: RetryPolicy = {
  attempts: Number.POSITIVE_INFINITY,
  baseMs: 1_000,
  maxMs: 30_000,
};
export const DEFAULT_STOP_GRACE_MS = 4_000;
const ON_TIME_MS = 60_000;
const BUSY_SKIP_MS = 500;

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
  const jobs = new Map<string, { key: string; job: Cron }>();
  const inFlight = new Set<Promise<Outcome | undefined>>();
  const wakers = new Set<() => void>();
  let stopped = false;
  let refresher: Cron | undefined;

  /** Waits `ms` (on the injected clock unless `realTime`); false when the scheduler stopped meanwhile. */
  const sleep = (ms: number, realTime = false) =>
    new Promise<boolean>((resolve) => {
      if (stopped) return resolve(false);
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve(!stopped);
      };
      wakers.add(wake);
      if (opts.sleep && !realTime) void opts.sleep(ms).then(wake);
      else timer = setTimeout(wake, ms);
    });

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

  const claimRetry = { ...DEFAULT_CLAIM_RETRY, ...opts.claimRetry };

  /** The wait before trying again something due at `due` that failed `attempt` times; undefined: give up. */
  const nextWait = (attempt: number, due: Date): number | undefined => {
    const wait = Math.min(claimRetry.maxMs, claimRetry.baseMs * 2 ** (attempt - 1));
    return attempt >= claimRetry.attempts || now().getTime() + wait - due.getTime() > lateMs
      ? undefined
      : wait;
  };

  /** A read that meets a locked or unreachable database is tried again, as a claim is, while `due` can still post. */
  const readWhileBusy = async <T>(read: () => Promise<T>, due: Date): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (e) {
        const wait = nextWait(attempt, due);
        if (!isStoreBusy(e) || wait === undefined || !(await sleep(wait))) throw e;
      }
    }
  };
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const leases = createLeases({ store: opts.store, now, leaseMs });
  /** Until then, claims skip the database: each try on a locked one blocks the main thread a little. */
  let busyUntil = 0;

  /**
   * Claims `slot` and posts it; overlapping ticks (and other instances) race in the database, where one claim
   * wins. If the store throws (locked past its own retries), nothing was claimed: the slot is
   * tried again after a wait, so it is neither lost to a brief lock nor posted twice.
   */
  const claimAndDeliver = async (
    sub: DigestSubscription,
    slot: Date,
    poster: DigestPoster,
  ): Promise<Outcome | undefined> => {
    const ctx = { subscription: sub.id, slot: slot.toISOString() };
    for (let attempt = 1; ; attempt++) {
      let claimed: ClaimOutcome;
      try {
        // Another slot just met a locked database: wait with it instead of blocking on the lock again.
        if (Date.now() < busyUntil)
          throw new Error('the database is busy (another slot just found it locked)');
        claimed = await leases.claim(sub.id, slot);
      } catch (e) {
        busyUntil = Math.max(busyUntil, Date.now() + Math.min(claimRetry.baseMs, BUSY_SKIP_MS));
        const wait = nextWait(attempt, slot);
        if (attempt === 1 && wait !== undefined)
          opts.log.warn('digest slot not claimed yet: the database is busy, trying again', {
            ...ctx,
            waitMs: wait,
            error: messageOf(e),
          });
        if (wait === undefined || !(await sleep(wait))) {
          opts.log.error('digest slot skipped: it could not be claimed in the database', {
            ...ctx,
            attempts: attempt,
            error: messageOf(e),
          });
          return undefined;
        }
        continue;
      }
      if (!claimed) {
        await lookAgainAfterLease(sub, slot);
        return undefined;
      }
      if (attempt > 1) opts.log.info('digest slot claimed once the database was free', { ...ctx, attempt });
      const takenOver = claimed === 'taken-over';
      if (takenOver) opts.log.warn('digest slot taken over: its owner stopped before marking it posted', ctx);
      return leases.holding(sub.id, slot, () =>
        deliverSlot(sub, slot, { ...deliverDeps(poster, sub.platform), takenOver }),
      );
    }
  };

  /** Claims and posts the slot due for `id` at `at`, if there is one nobody has claimed. Never throws. */
  /**
   * Someone else holds the slot: posting it, or dead. Once their lease has run out, look again (still in time), so a
   * slot left by a process that died just before this one started is taken over rather than lost.
   */
  const rechecks = new Set<NodeJS.Timeout>();
  const lookAgainAfterLease = async (sub: DigestSubscription, slot: Date) => {
    let last: Awaited<ReturnType<DigestStore['lastSlot']>>;
    try {
      last = await opts.store.lastSlot(sub.id);
    } catch {
      return;
    }
    const waitMs = leaseMs + 100;
    if (last?.slot !== slot.toISOString() || last.state !== 'claimed') return;
    if (now().getTime() + waitMs - slot.getTime() > lateMs) return;
    const timer = setTimeout(() => {
      rechecks.delete(timer);
      if (!stopped) void runDue(sub.id, slot);
    }, waitMs);
    timer.unref();
    rechecks.add(timer);
  };

  const runDue = async (id: string, at: Date): Promise<Outcome | undefined> => {
    try {
      const sub = await readWhileBusy(() => opts.store.subscription(id), at);
      const poster = sub && opts.posters[sub.platform];
      if (stopped || !sub || sub.paused || !poster || holds.held(sub.platform)) return undefined;
      const slot = latestSlot(sub, at);
      if (!slot || slot.getTime() < Date.parse(sub.createdAt) || at.getTime() - slot.getTime() > lateMs)
        return undefined;
      const run = claimAndDeliver(sub, slot, poster).catch((e: unknown) => {
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
      ids = (await readWhileBusy(() => opts.store.subscriptions(), at)).map((s) => s.id);
    } catch (e) {
      opts.log.error('digest tick: could not read subscriptions', { error: messageOf(e) });
      return [];
    }
    const outcomes = await Promise.all(ids.map((id) => runDue(id, at)));
    return outcomes.filter((o): o is Outcome => o !== undefined);
  }

  const schedule = (sub: DigestSubscription) =>
    new Cron(sub.cron, { timezone: sub.timeZone, mode: '5-or-6-parts' }, (job: Cron) => {
      // A timer may fire a hair early; the job's own run time names the slot.
      const fired = job.currentRun()?.getTime() ?? 0;
      void runDue(sub.id, new Date(Math.max(now().getTime(), fired)));
    });

  const refresh = async () => {
    if (stopped || opts.timers === false) return;
    let subs: DigestSubscription[];
    try {
      subs = await opts.store.subscriptions();
    } catch (e) {
      // The jobs already running keep running; the next refresh tries again.
      opts.log.warn('digest refresh: could not read subscriptions', { error: messageOf(e) });
      return;
    }
    const wanted = new Map(subs.filter((s) => !s.paused && opts.posters[s.platform]).map((s) => [s.id, s]));
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
      await liftCredentialPauses(opts.store, opts.log);
      await holds.checkAll();
      await tick();
      await refresh();
      if (opts.timers !== false && !stopped) refresher = new Cron(REFRESH_CRON, () => void refresh());
      opts.log.info('digest scheduler started', { subscriptions: jobs.size, graceMs });
    },
    refresh,
    tick,
    async stop() {
      stopped = true;
      refresher?.stop();
      for (const timer of rechecks) clearTimeout(timer);
      for (const { job } of jobs.values()) job.stop();
      jobs.clear();
      for (const wake of [...wakers]) wake();
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
