/**
 * Writes that must never hold up a reply: they are queued in memory and written in batches, one transaction each,
 * on a timer. A locked database costs no reply any wait: the batch stays queued and is tried again with backoff;
 * during a long outage the oldest rows are dropped (and counted) once the queue is full.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../../src/types.js';
import { isBusy } from './sqlite-kit.js';

export interface WriteQueueOptions {
  db: Database.Database;
  log?: Logger;
  /** Names the database in log lines. */
  file: string;
  /** Wait after the first queued write before writing the batch. Default 250 ms. */
  flushMs?: number;
  /** Longest wait between tries while the database is locked. Default 5 s. */
  maxBackoffMs?: number;
  /** Rows kept while the database cannot be written; beyond it the oldest go. Default 10,000. */
  capacity?: number;
}

export interface WriteQueue {
  push(write: () => void): void;
  /** Writes what is queued now, if the database lets it; true when nothing is left queued. */
  flush(): boolean;
  /** Rows waiting to be written. */
  pending(): number;
  /** A last flush; what still cannot be written is logged as lost. */
  close(): void;
}

export function createWriteQueue(o: WriteQueueOptions): WriteQueue {
  const flushMs = o.flushMs ?? 250;
  const maxBackoffMs = o.maxBackoffMs ?? 5_000;
  const capacity = o.capacity ?? 10_000;
  const queue: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let backoffMs = 0;
  let outage: { since: number; dropped: number } | undefined;
  let closed = false;

  const writeBatch = o.db.transaction((batch: (() => void)[]) => {
    for (const write of batch) write();
  });

  const schedule = (ms: number) => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, ms);
    timer.unref();
  };

  function flush(): boolean {
    if (queue.length === 0) return true;
    const batch = queue.slice();
    try {
      writeBatch.immediate(batch);
    } catch (err) {
      if (!isBusy(err)) {
        // Not a lock: these rows would fail again, so they go (logged) rather than block the queue.
        queue.splice(0, batch.length);
        o.log?.warn('insights: could not record', { file: o.file, rows: batch.length, error: err });
        return queue.length === 0;
      }
      if (!outage) {
        outage = { since: Date.now(), dropped: 0 };
        o.log?.warn('insights: the database is locked; keeping records in memory until it is free', {
          file: o.file,
          pending: queue.length,
        });
      }
      backoffMs = Math.min(maxBackoffMs, Math.max(flushMs, backoffMs * 2));
      schedule(backoffMs);
      return false;
    }
    queue.splice(0, batch.length);
    backoffMs = 0;
    if (outage) {
      o.log?.info('insights: recording again', {
        file: o.file,
        lockedForMs: Date.now() - outage.since,
        written: batch.length,
        dropped: outage.dropped,
      });
      outage = undefined;
    }
    return true;
  }

  return {
    push(write) {
      queue.push(write);
      if (queue.length > capacity) {
        queue.shift();
        if (outage) outage.dropped++;
      }
      schedule(backoffMs || flushMs);
    },
    flush,
    pending: () => queue.length,
    close() {
      clearTimeout(timer);
      timer = undefined;
      if (!flush())
        o.log?.warn('insights: records not written before closing (database locked)', {
          file: o.file,
          lost: queue.length,
          dropped: outage?.dropped ?? 0,
        });
      closed = true;
    },
  };
}
