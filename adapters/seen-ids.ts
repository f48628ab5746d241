/**
 * Ids already handled, so an event delivered twice (a Slack retry, a Discord event that two instances on one shard
 * both get) is answered once: a bounded memory here, or a table every instance shares (store/sql-event-ledger.ts).
 */
export interface SeenIds {
  /** True the first time an id is offered within the window; false for a repeat. */
  first(id: string): Promise<boolean>;
}

export interface SeenIdsOptions {
  max: number;
  ttlMs: number;
  now?: () => number;
}

export const DEFAULT_SEEN: SeenIdsOptions = { max: 10_000, ttlMs: 60 * 60 * 1000 };

/** The memory: synchronous, so a shared ledger can ask it first. */
export function createSeenIds(opts: SeenIdsOptions = DEFAULT_SEEN): { first(id: string): boolean } {
  const now = opts.now ?? Date.now;
  // A Map iterates in insertion order, which here is also age order: the oldest entries come first.
  const seen = new Map<string, number>();

  const evict = (t: number) => {
    for (const [id, at] of seen) {
      if (t - at < opts.ttlMs && seen.size < opts.max) break;
      seen.delete(id);
    }
  };

  return {
    first(id) {
      const t = now();
      const at = seen.get(id);
      if (at !== undefined && t - at < opts.ttlMs) return false;
      seen.delete(id);
      evict(t);
      seen.set(id, t);
      return true;
    },
  };
}

/** The memory as a SeenIds: what one instance needs. */
export function memorySeenIds(opts: SeenIdsOptions = DEFAULT_SEEN): SeenIds {
  const memory = createSeenIds(opts);
  return { first: async (id) => memory.first(id) };
}
