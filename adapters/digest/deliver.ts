/**
 * Posts one claimed slot: retries with backoff, records the outcome, pauses the channel on a permanent failure of
 * its own, and holds the platform (pausing nothing) when the platform refuses the credentials.
 */
import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import type { Digest, Logger } from '../../src/types.js';
import { CredentialsDigestError, type DigestPoster, messageOf, PermanentDigestError } from './poster.js';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 1_000, maxMs: 60_000 };

export interface DeliverDeps {
  store: DigestStore;
  poster: DigestPoster;
  compose(sub: DigestSubscription, now: Date): Promise<Digest>;
  log: Logger;
  now(): Date;
  /** Resolves after `ms`, or early (false) when the scheduler stops. */
  sleep(ms: number): Promise<boolean>;
  retry: RetryPolicy;
  /** The platform refused the credentials: hold every post on it until they work again. */
  hold(error: string): void;
  /** The slot was taken over from an owner that died mid-post: its post may already be in the channel. */
  takenOver?: boolean;
}

/** `held`: the platform refused the bot's credentials; the slot was given back, to be posted once they work. */
export type Outcome = 'sent' | 'failed' | 'paused' | 'held';

export async function deliverSlot(sub: DigestSubscription, slot: Date, d: DeliverDeps): Promise<Outcome> {
  const ctx = { subscription: sub.id, slot: slot.toISOString() };
  // Composed once, so every retry posts the same digest and the recorded hashes match what was posted.
  const digest = await d.compose(sub, d.now());
  if (d.takenOver && (await foundInChannel(sub, slot, d, ctx))) {
    await confirmSent(d, sub, slot, digest, ctx);
    return 'sent';
  }
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      await d.poster.post(sub.channelId, digest, slot);
    } catch (e) {
      failure = e ?? new Error('post failed');
    }
    if (failure === undefined) {
      // Posted: whatever happens to the bookkeeping now, this slot must never be posted again.
      await confirmSent(d, sub, slot, digest, ctx);
      d.log.info('digest posted', { ...ctx, attempt, changes: digest.changes.length + digest.moreChanges });
      return 'sent';
    }
    const error = messageOf(failure);
    if (failure instanceof CredentialsDigestError) {
      await note(d, ctx, 'give the slot back', () => d.store.releaseSlot(sub.id, slot));
      d.hold(error);
      return 'held';
    }
    if (failure instanceof PermanentDigestError) {
      await note(d, ctx, 'mark the slot failed', () => d.store.markFailed(sub.id, slot, error, d.now()));
      await note(d, ctx, 'pause the subscription', () => d.store.pause(sub.id, error, d.now()));
      d.log.error('digest paused: permanent failure', { ...ctx, error });
      return 'paused';
    }
    const retryAfter = (failure as { retryAfterMs?: unknown }).retryAfterMs;
    const backoff = Math.min(d.retry.maxMs, d.retry.baseMs * 2 ** (attempt - 1));
    const wait = Math.max(typeof retryAfter === 'number' ? retryAfter : 0, backoff);
    if (attempt >= d.retry.attempts || !(await waitBeforeRetry(d, sub, slot, error, wait))) {
      await note(d, ctx, 'mark the slot failed', () => d.store.markFailed(sub.id, slot, error, d.now()));
      d.log.warn('digest not posted', { ...ctx, attempts: attempt, error });
      return 'failed';
    }
  }
}

/**
 * Whether a taken-over slot's post already reached the channel. Where the platform cannot tell (no history scope),
 * a possible duplicate is better than a lost digest; where it drops a repeat itself (a nonce), posting is safe.
 */
async function foundInChannel(
  sub: DigestSubscription,
  slot: Date,
  d: DeliverDeps,
  ctx: Record<string, unknown>,
): Promise<boolean> {
  let found: boolean | undefined;
  try {
    found = await d.poster.alreadyPosted?.(sub.channelId, slot);
  } catch (e) {
    d.log.warn('digest slot taken over: could not read the channel history', { ...ctx, error: messageOf(e) });
  }
  if (found) d.log.info('digest slot taken over: already in the channel, not posted again', ctx);
  else if (found === undefined)
    d.log.warn(
      d.poster.dropsRepeats
        ? 'digest slot taken over: posting it; the platform drops a repeat of the same post'
        : 'digest slot taken over: cannot tell whether it was posted; posting it (a duplicate is better than a lost digest)',
      ctx,
    );
  return found === true;
}

/** How often recording a posted slot is tried (the store already retries a locked database within each try). */
const CONFIRM_TRIES = 3;

/**
 * Records the posted slot as sent with the facts it carried. If the database stays locked, the slot is left
 * claimed (so it is not posted again) and its facts unrecorded (so the next digest repeats them): logged once.
 */
async function confirmSent(
  d: DeliverDeps,
  sub: DigestSubscription,
  slot: Date,
  digest: Digest,
  ctx: Record<string, unknown>,
): Promise<void> {
  let error: unknown;
  for (let attempt = 1; attempt <= CONFIRM_TRIES; attempt++) {
    try {
      await d.store.markSent(sub.id, slot, digest.hashes, d.now());
      return;
    } catch (e) {
      error = e;
    }
    // A stopping scheduler ends this wait early; the remaining tries still run.
    if (attempt < CONFIRM_TRIES) await d.sleep(d.retry.baseMs * 2 ** (attempt - 1));
  }
  d.log.error('digest posted but not recorded as sent: it will not be posted again, its facts will be', {
    ...ctx,
    error: messageOf(error),
  });
}

/** Slot bookkeeping after a failed post: if the store refuses it, that is logged, never thrown. */
async function note(
  d: DeliverDeps,
  ctx: Record<string, unknown>,
  what: string,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (e) {
    d.log.error(`digest store: could not ${what}`, { ...ctx, error: messageOf(e) });
  }
}

async function waitBeforeRetry(
  d: DeliverDeps,
  sub: DigestSubscription,
  slot: Date,
  error: string,
  ms: number,
) {
  await note(d, { subscription: sub.id, slot: slot.toISOString() }, 'record the attempt', () =>
    d.store.recordAttempt(sub.id, slot, error, d.now()),
  );
  d.log.warn('digest post failed, retrying', {
    subscription: sub.id,
    slot: slot.toISOString(),
    error,
    waitMs: ms,
  });
  return d.sleep(ms);
}
