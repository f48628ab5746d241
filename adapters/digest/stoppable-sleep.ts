/**
 * Waits that end early, resolving false, once `stopped()` holds and `wakeAll` is called: a scheduler stopping never
 * waits out a retry delay.
 */
export function createStoppableSleep(stopped: () => boolean, injected?: (ms: number) => Promise<void>) {
  const wakers = new Set<() => void>();
  /** Waits `ms` (on the injected clock unless `realTime`); false when stopped meanwhile. */
  const sleep = (ms: number, realTime = false) =>
    new Promise<boolean>((resolve) => {
      if (stopped()) return resolve(false);
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve(!stopped());
      };
      wakers.add(wake);
      if (injected && !realTime) void injected(ms).then(wake);
      else timer = setTimeout(wake, ms);
    });
  return {
    sleep,
    wakeAll() {
      for (const wake of [...wakers]) wake();
    },
  };
}
