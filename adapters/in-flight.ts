/** Counts handlers still running, so stop() can let in-flight replies finish (bounded) before the process exits. */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when nothing is running or `timeoutMs` has passed; returns how many were still running. */
  drain(timeoutMs: number): Promise<number>;
}

/** How long stop() waits for replies in flight before giving up on them. */
export const STOP_GRACE_MS = 10_000;

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled: Promise<unknown> = work.then(
        () => running.delete(settled),
        () => running.delete(settled),
      );
      running.add(settled);
      return work;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<true>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      });
      while (running.size > 0) {
        const timedOut = await Promise.race([Promise.allSettled([...running]).then(() => false), timeout]);
        if (timedOut) break;
      }
      clearTimeout(timer);
      return running.size;
    },
  };
}
