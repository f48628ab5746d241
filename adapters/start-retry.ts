/** Starting a platform that may not be reachable yet: one line per failed attempt, then again after a backoff. */
import { setTimeout as delay } from 'node:timers/promises';
import { unreachableReason } from './start-failure.js';

/** 1 s, 2 s, 4 s … then every 60 s. */
export const backoffMs = (failures: number): number =>
  Math.min(60_000, 1_000 * 2 ** Math.max(0, failures - 1));

/** `slack: cannot reach Slack (connect ECONNREFUSED 127.0.0.1:1234); retrying in 4 s` */
export const retryLine = (name: string, label: string, reason: string, ms: number): string =>
  `${name}: cannot reach ${label} (${reason}); retrying in ${ms / 1000} s`;

export interface RetryOptions<T> {
  /** How the lines start, e.g. `slack`. */
  name: string;
  /** What could not be reached, e.g. `Slack`. */
  label: string;
  start: () => Promise<T>;
  /** The error to throw instead of one that is not about reaching the platform, or undefined to throw it as is. */
  fatal?: (err: unknown) => Error | undefined;
  /** Aborting stops the retries; an attempt still under way is stopped when it has started. */
  signal: AbortSignal;
  write: (line: string) => void;
  delayMs?: (failures: number) => number;
}

const ABORTED = Symbol('aborted');

function untilAborted<T>(attempt: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    attempt.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Starts with `start`, again after a backoff while the platform cannot be reached; undefined once aborted. */
export async function startWithRetry<T extends { stop(): Promise<void> }>(
  o: RetryOptions<T>,
): Promise<T | undefined> {
  let failures = 0;
  while (!o.signal.aborted) {
    const attempt = o.start();
    let outcome: T | typeof ABORTED;
    try {
      outcome = await untilAborted(attempt, o.signal);
    } catch (err) {
      const reason = unreachableReason(err);
      if (reason === undefined) throw o.fatal?.(err) ?? err;
      failures += 1;
      const ms = (o.delayMs ?? backoffMs)(failures);
      o.write(retryLine(o.name, o.label, reason, ms));
      await delay(ms, undefined, { signal: o.signal }).catch(() => {});
      continue;
    }
    if (outcome === ABORTED) {
      attempt.then((late) => late.stop()).catch(() => {});
      return undefined;
    }
    if (failures > 0) o.write(`${o.name}: connected to ${o.label}`);
    return outcome;
  }
  return undefined;
}
