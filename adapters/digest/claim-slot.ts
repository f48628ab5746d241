import type { DigestStore, DigestSubscription } from '../../src/digest/store.js';
import { isStoreBusy } from '../../src/store-busy.js';
import type { Logger } from '../../src/types.js';
import type { Outcome, RetryPolicy } from './deliver.js';
import { type ClaimOutcome, createLeases } from './lease.js';
import { messageOf } from './poster.js';

/** A slot that cannot be claimed (database locked or away) is tried until it is too late to post (grace). */
export const DEFAULT_CLAIM_RETRY: RetryPolicy = {
  attempts: Number.POSITIVE_INFINITY,
  baseMs: 1_000,
  maxMs: 30_000,
};
const BUSY_SKIP_MS = 500;

export interface SlotClaimOptions {
  store: DigestStore;
  log: Logger;
  now: () => Date;
  /** A slot older than this is not posted any more. */
  lateMs: number;
  leaseMs: number;
  claimRetry: RetryPolicy;
  /** Waits; false when the scheduler stopped meanwhile. */
  sleep(ms: number): Promise<boolean>;
  stopped(): boolean;
  /** Runs the slot again: another owner's lease ran out while it was still in time. */
  rerun(id: string, slot: Date): void;
}

/** Claiming slots in the store, with waits while the database is busy and take-over of a dead owner's slot. */
export function createSlotClaims(opts: SlotClaimOptions) {
  const { claimRetry, now, lateMs } = opts;
  const leases = createLeases({ store: opts.store, now, leaseMs: opts.leaseMs });
  /** Until then, claims skip the database: each try on a locked one blocks the main thread a little. */
  let busyUntil = 0;
  const rechecks = new Set<NodeJS.Timeout>();

  /** The wait before trying again something due at `due` that failed `attempt` times; undefined: give up. */
  const nextWait = (attempt: number, due: Date): number | undefined => {
    const wait = Math.min(claimRetry.maxMs, claimRetry.baseMs * 2 ** (attempt - 1));
    return attempt >= claimRetry.attempts || now().getTime() + wait - due.getTime() > lateMs
      ? undefined
      : wait;
  };

  /**
   * Someone else holds the slot: posting it, or dead. Once their lease has run out, look again (still in time), so a
   * slot left by a process that died just before this one started is taken over rather than lost.
   */
  const lookAgainAfterLease = async (sub: DigestSubscription, slot: Date) => {
    let last: Awaited<ReturnType<DigestStore['lastSlot']>>;
    try {
      last = await opts.store.lastSlot(sub.id);
    } catch {
      return;
    }
    const waitMs = opts.leaseMs + 100;
    if (last?.slot !== slot.toISOString() || last.state !== 'claimed') return;
    if (now().getTime() + waitMs - slot.getTime() > lateMs) return;
    const timer = setTimeout(() => {
      rechecks.delete(timer);
      if (!opts.stopped()) opts.rerun(sub.id, slot);
    }, waitMs);
    timer.unref();
    rechecks.add(timer);
  };

  return {
    /** A read that meets a locked or unreachable database is tried again, as a claim is, while `due` can still post. */
    async readWhileBusy<T>(read: () => Promise<T>, due: Date): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await read();
        } catch (e) {
          const wait = nextWait(attempt, due);
          if (!isStoreBusy(e) || wait === undefined || !(await opts.sleep(wait))) throw e;
        }
      }
    },

    /**
     * Claims `slot` and posts it; overlapping ticks (and other instances) race in the database, where one claim
     * wins. If the store throws (locked past its own retries), nothing was claimed: the slot is tried again after a
     * wait, so it is neither lost to a brief lock nor posted twice.
     */
    async claimAndDeliver(
      sub: DigestSubscription,
      slot: Date,
      deliver: (takenOver: boolean) => Promise<Outcome>,
    ): Promise<Outcome | undefined> {
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
          if (wait === undefined || !(await opts.sleep(wait))) {
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
        if (takenOver)
          opts.log.warn('digest slot taken over: its owner stopped before marking it posted', ctx);
        return leases.holding(sub.id, slot, () => deliver(takenOver));
      }
    },

    stop() {
      for (const timer of rechecks) clearTimeout(timer);
    },
  };
}
