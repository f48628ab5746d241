/** Digests for the composition root: the store under DATA_DIR, default subscriptions, and the scheduler. */
import type { DigestOptions } from '../../src/digest/command.js';
import { composeDigest } from '../../src/digest/compose.js';
import { type DigestStore, subscriptionId } from '../../src/digest/store.js';
import type { KnowledgeBase, Logger, Platform } from '../../src/types.js';
import type { Config } from '../config.js';
import type { DigestPoster } from './poster.js';
import { createDigestScheduler, type DigestScheduler, type SchedulerOptions } from './scheduler.js';

export interface Digests {
  /** What `createSitrep` takes, so digest commands reach the store. */
  options: DigestOptions;
  /** Starts the scheduler with the platforms that are running. */
  start(posters: Partial<Record<Platform, DigestPoster>>): Promise<void>;
  /** Stops the scheduler; the store stays open for whoever opened it. */
  stop(): Promise<void>;
}

/** Brings the DIGEST_* subscriptions into `store`, then returns what starts and stops the scheduler. */
export async function openDigests(
  /** `knowledge` is read at each post, so a reloaded base shows up in the next digest. */
  deps: { config: Config; store: DigestStore; knowledge: () => KnowledgeBase; log: Logger },
  overrides: Partial<SchedulerOptions> = {},
): Promise<Digests> {
  const { config, store, knowledge, log } = deps;
  const { cron, timeZone } = config.digest;
  const defaults: [Platform, string[]][] = [
    ['slack', config.digest.slackChannels],
    ['discord', config.digest.discordChannels],
  ];
  if (cron) {
    for (const [platform, channels] of defaults)
      for (const channelId of channels)
        await store.ensureConfigured({
          platform,
          channelId,
          schedule: { cron, timeZone, label: cron },
          now: new Date(),
        });
  }
  let scheduler: DigestScheduler | undefined;
  let closed = false;
  return {
    options: { store, defaultTimeZone: timeZone, onChange: () => void scheduler?.refresh() },
    async start(posters) {
      scheduler = createDigestScheduler({
        store,
        posters,
        log,
        graceMs: config.digest.graceMinutes * 60_000,
        leaseMs: config.digest.leaseSeconds * 1000,
        compose: async (sub, now) =>
          composeDigest({
            knowledge: knowledge(),
            sent: await store.sentHashes(sub.id),
            now,
            timeZone: sub.timeZone,
          }),
        ...overrides,
      });
      await scheduler.start();
      if (closed) return;
      log.info('digests ready', {
        subscriptions: (await store.subscriptions()).map((s) => s.id),
        defaults: defaults.flatMap(([p, ids]) => ids.map((id) => subscriptionId(p, id))),
      });
    },
    async stop() {
      if (closed) return;
      closed = true;
      await scheduler?.stop();
    },
  };
}
