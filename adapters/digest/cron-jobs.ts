import { Cron } from 'croner';
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import type { Logger, Platform } from '../../src/types.js';
import { messageOf } from './poster.js';

export interface CronJobsOptions {
  store: DigestStore;
  /** Platforms that can post; a subscription on another gets no job. */
  posts(platform: Platform): boolean;
  log: Logger;
  now: () => Date;
  /** Runs the slot of `id` due at `at`. */
  run(id: string, at: Date): void;
}

/** One croner job per active subscription, in its time zone, kept in step with the store by `refresh`. */
export function createCronJobs(opts: CronJobsOptions) {
  const jobs = new Map<string, { key: string; job: Cron }>();
  const keyOf = (sub: DigestSubscription) => `${sub.cron}|${sub.timeZone}`;

  const schedule = (sub: DigestSubscription) =>
    new Cron(sub.cron, { timezone: sub.timeZone, mode: '5-or-6-parts' }, (job: Cron) => {
      // A timer may fire a hair early; the job's own run time names the slot.
      const fired = job.currentRun()?.getTime() ?? 0;
      opts.run(sub.id, new Date(Math.max(opts.now().getTime(), fired)));
    });

  return {
    get size() {
      return jobs.size;
    },
    async refresh() {
      let subs: DigestSubscription[];
      try {
        subs = await opts.store.subscriptions();
      } catch (e) {
        // The jobs already running keep running; the next refresh tries again.
        opts.log.warn('digest refresh: could not read subscriptions', { error: messageOf(e) });
        return;
      }
      const wanted = new Map(subs.filter((s) => !s.paused && opts.posts(s.platform)).map((s) => [s.id, s]));
      for (const [id, entry] of jobs) {
        const sub = wanted.get(id);
        if (sub && keyOf(sub) === entry.key) continue;
        entry.job.stop();
        jobs.delete(id);
      }
      for (const [id, sub] of wanted)
        if (!jobs.has(id)) jobs.set(id, { key: keyOf(sub), job: schedule(sub) });
    },
    stop() {
      for (const { job } of jobs.values()) job.stop();
      jobs.clear();
    },
  };
}
