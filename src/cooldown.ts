/** Sliding-window limits per user and per channel, so one person cannot flood a channel. */
export interface CooldownOptions {
  perUser: { limit: number; windowMs: number };
  perChannel: { limit: number; windowMs: number };
  now?: () => number;
}

export type CooldownResult = { ok: true } | { ok: false; scope: 'user' | 'channel'; retryAfterMs: number };

export interface Cooldown {
  /** Records a hit for this user and channel if both are under their limits. */
  take(userKey: string, channelKey: string): CooldownResult;
}

export function createCooldown(opts: CooldownOptions): Cooldown {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, number[]>();

  const recent = (key: string, windowMs: number, t: number): number[] => {
    const kept = (hits.get(key) ?? []).filter((at) => t - at < windowMs);
    if (kept.length === 0) hits.delete(key);
    else hits.set(key, kept);
    return kept;
  };

  const longestWindow = Math.max(opts.perUser.windowMs, opts.perChannel.windowMs);
  let takes = 0;
  // Keys of people who stopped asking would otherwise stay forever; an occasional sweep bounds the map.
  const sweep = (t: number) => {
    for (const [key, list] of hits) if (t - (list.at(-1) ?? 0) >= longestWindow) hits.delete(key);
  };

  return {
    take(userKey, channelKey) {
      const t = now();
      if (++takes % 1_000 === 0) sweep(t);
      const checks = [
        { scope: 'user' as const, key: `u:${userKey}`, ...opts.perUser },
        { scope: 'channel' as const, key: `c:${channelKey}`, ...opts.perChannel },
      ];
      for (const c of checks) {
        const list = recent(c.key, c.windowMs, t);
        if (list.length >= c.limit) {
          return { ok: false, scope: c.scope, retryAfterMs: c.windowMs - (t - (list[0] ?? t)) };
        }
      }
      // Only the last `limit` hits can decide the next call, so a key never holds more than that.
      for (const c of checks) hits.set(c.key, [...(hits.get(c.key) ?? []), t].slice(-c.limit));
      return { ok: true };
    },
  };
}

/** Defaults tuned for chat: 5 questions per user per 30 s, 20 per channel per minute. */
export const DEFAULT_COOLDOWN: Omit<CooldownOptions, 'now'> = {
  perUser: { limit: 5, windowMs: 30_000 },
  perChannel: { limit: 20, windowMs: 60_000 },
};
