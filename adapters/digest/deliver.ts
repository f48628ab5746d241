/** Posts one claimed slot: retries with backoff, records the outcome, pauses on a permanent failure. */
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import type { Digest, Logger } from '../../src/types.js';
import { type DigestPoster, messageOf, PermanentDigestError } from './poster.js';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1_000, maxMs: 60_000 };

export interface DeliverDeps {
  store: DigestStore;
  poster: DigestPoster;
  compose(sub: DigestSubscription, now: Date): Digest;
  log: Logger;
  now(): Date;
  /** Resolves after `ms`, or early (false) when the scheduler stops. */
  sleep(ms: number): Promise<boolean>;
  retry: RetryPolicy;
}

export type Outcome = 'sent' | 'failed' | 'paused';

export async function deliverSlot(sub: DigestSubscription, slot: Date, d: DeliverDeps): Promise<Outcome> {
  const ctx = { subscription: sub.id, slot: slot.toISOString() };
  // Composed once, so every retry posts the same digest and the recorded hashes match what was posted.
  const digest = d.compose(sub, d.now());
  for (let attempt = 1; ; attempt++) {
    try {
      await d.poster.post(sub.channelId, digest, slot);
      d.store.markSent(sub.id, slot, digest.hashes, d.now());
      d.log.info('digest posted', { ...ctx, attempt, changes: digest.changes.length + digest.moreChanges });
      return 'sent';
    } catch (e) {
      const error = messageOf(e);
      if (e instanceof PermanentDigestError) {
        d.store.markFailed(sub.id, slot, error, d.now());
        d.store.pause(sub.id, error, d.now());
        d.log.error('digest paused: permanent failure', { ...ctx, error });
        return 'paused';
      }
      const retryAfter = (e as { retryAfterMs?: unknown }).retryAfterMs;
      const backoff = Math.min(d.retry.maxMs, d.retry.baseMs * 2 ** (attempt - 1));
      const wait = Math.max(typeof retryAfter === 'number' ? retryAfter : 0, backoff);
      if (attempt >= d.retry.attempts || !(await waitBeforeRetry(d, sub, slot, error, wait))) {
        d.store.markFailed(sub.id, slot, error, d.now());
        d.log.warn('digest not posted', { ...ctx, attempts: attempt, error });
        return 'failed';
      }
    }
  }
}

async function waitBeforeRetry(
  d: DeliverDeps,
  sub: DigestSubscription,
  slot: Date,
  error: string,
  ms: number,
) {
  d.store.recordAttempt(sub.id, slot, error, d.now());
  d.log.warn('digest post failed, retrying', {
    subscription: sub.id,
    slot: slot.toISOString(),
    error,
    waitMs: ms,
  });
  return d.sleep(ms);
}
