/** Latency and throughput figures for the load benches and the load smoke test. */

export interface RoundResult {
  requests: number;
  /** Wall time from the first send to the last reply (or give-up). */
  durationMs: number;
  ackMs: number[];
  replyMs: number[];
  /** Requests whose ack was not HTTP 200, or whose send threw. */
  errors: number;
  /** Requests that got no reply within the reply timeout. */
  lost: number;
  /** Replies beyond the first for one request. */
  duplicated: number;
}

/** A round before anything was sent. */
export function emptyRound(requests: number): RoundResult {
  return { requests, durationMs: 0, ackMs: [], replyMs: [], errors: 0, lost: 0, duplicated: 0 };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

export const perSecond = (r: RoundResult) => (r.requests / r.durationMs) * 1000;

/** Sums several rounds into one (latencies pooled). */
export function pool(rounds: RoundResult[]): RoundResult {
  return {
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    durationMs: rounds.reduce((n, r) => n + r.durationMs, 0),
    ackMs: rounds.flatMap((r) => r.ackMs),
    replyMs: rounds.flatMap((r) => r.replyMs),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    lost: rounds.reduce((n, r) => n + r.lost, 0),
    duplicated: rounds.reduce((n, r) => n + r.duplicated, 0),
  };
}

/** Runs `total` jobs with at most `concurrency` in flight; resolves when all have settled. */
export async function withConcurrency(
  total: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** Resolves with the time something arrives for `key`, or undefined after `timeoutMs`. */
export function createArrivals() {
  const arrivals = new Map<string, number[]>();
  const waiters = new Map<string, (at: number) => void>();
  return {
    record(key: string, at = performance.now()) {
      const list = arrivals.get(key);
      if (list) list.push(at);
      else arrivals.set(key, [at]);
      const w = waiters.get(key);
      if (w) {
        waiters.delete(key);
        w(at);
      }
    },
    wait(key: string, timeoutMs: number): Promise<number | undefined> {
      const first = arrivals.get(key)?.[0];
      if (first !== undefined) return Promise.resolve(first);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          resolve(undefined);
        }, timeoutMs);
        waiters.set(key, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    count: (key: string) => arrivals.get(key)?.length ?? 0,
    clear: () => arrivals.clear(),
  };
}

export type Arrivals = ReturnType<typeof createArrivals>;

/** Counts, after a settle time, how many replies beyond the first arrived for the given keys. */
export function duplicates(arrivals: Arrivals, keys: string[]): number {
  return keys.reduce((n, k) => n + Math.max(0, arrivals.count(k) - 1), 0);
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

let variant = 0;
/**
 * With BENCH_DISTINCT=1, every request's text differs from every earlier one: a question gets a number of its own
 * (so the sentence model embeds it afresh), a command word differs in letter case. Nothing repeats, so the core's
 * answer and embedding memos and the adapters' render memos always miss (the cold path).
 */
export function distinct(text: string): string {
  if (process.env.BENCH_DISTINCT !== '1') return text;
  let bits = ++variant;
  const cased = text.replace(/[a-z]/gi, (c) => {
    const upper = bits & 1;
    bits >>= 1;
    return upper ? c.toUpperCase() : c.toLowerCase();
  });
  return cased.includes(' ') ? `${cased} (${variant})` : cased;
}
