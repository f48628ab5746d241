/** Keeps what the fake saw and lets tests await the first entry matching a predicate. */
export interface Recorder<T> {
  readonly entries: T[];
  push(entry: T): void;
  waitFor(match: (entry: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function createRecorder<T>(what: string): Recorder<T> {
  const entries: T[] = [];
  const waiters = new Set<{ match: (e: T) => boolean; resolve: (e: T) => void }>();
  return {
    entries,
    push(entry) {
      entries.push(entry);
      for (const w of waiters) {
        if (w.match(entry)) {
          waiters.delete(w);
          w.resolve(entry);
        }
      }
    },
    waitFor(match, timeoutMs = 5000) {
      const seen = entries.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (e: T) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching ${what} within ${timeoutMs} ms (saw ${entries.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
