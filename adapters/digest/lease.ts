/**
 * Slot claims as leases: each scheduler claims under its own owner id for `leaseMs` and renews while it posts. A slot
 * whose owner died before marking it (SIGKILL mid-post) is taken over once the lease has run out, instead of staying
 * claimed with nobody to post it.
 */
import { randomUUID } from 'node:crypto';
import type { DigestStore } from '../../src/digest/store.js';

export const DEFAULT_LEASE_MS = 30_000;

export type ClaimOutcome = 'claimed' | 'taken-over' | false;

export interface Leases {
  /** Claims the slot, or takes it over from a dead owner; throws what the store throws (a locked database). */
  claim(id: string, slot: Date): Promise<ClaimOutcome>;
  /** Runs `post` while renewing the lease, so a slow post is not taken over by another process. */
  holding<T>(id: string, slot: Date, post: () => Promise<T>): Promise<T>;
}

export function createLeases(o: { store: DigestStore; now: () => Date; leaseMs?: number }): Leases {
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = randomUUID();
  const lease = () => ({ owner, until: new Date(o.now().getTime() + leaseMs) });
  return {
    async claim(id, slot) {
      if (await o.store.claimSlot(id, slot, o.now(), lease())) return 'claimed';
      return (await o.store.takeOverSlot(id, slot, o.now(), lease())) ? 'taken-over' : false;
    },
    async holding(id, slot, post) {
      // A locked database: the next renewal tries again, well before the lease runs out.
      const renew = setInterval(
        () => void o.store.renewLease(id, slot, lease()).catch(() => undefined),
        leaseMs / 3,
      );
      renew.unref();
      try {
        return await post();
      } finally {
        clearInterval(renew);
      }
    },
  };
}
