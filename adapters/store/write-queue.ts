/**
 * Writes that must never hold up a reply: rows are queued in memory and written in batches, one transaction each,
 * on a timer. A locked or unreachable database costs no reply any wait: the batch stays queued and is tried again
 * with backoff; during a long outage the oldest rows are dropped (and counted) once the queue is full.
 */
import { isStoreBusy } from '../../src/store-busy.js';
import type { Logger } from '../../src/types.js';

export interface WriteQueueOptions<Row> {
  /** Writes one batch in one transaction; throws an error with `busy: true` when the database cannot take it now. */
  write(batch: Row[]): Promise<void>;
  log?: Logger;
  /** Names the database in log lines. */
  where: string;
  /** Wait after the first queued write before writing the batch. Default 250 ms. */
  flushMs?: number;
  /** Longest wait between tries while the database is locked. Default 5 s. */
  maxBackoffMs?: number;
  /** Rows kept while the database cannot be written; beyond it the oldest go. Default 10,000. */
  capacity?: number;
}

export interface WriteQueue<Row> {
  push(row: Row): void;
  /** Writes what is queued now, if the database lets it; true when nothing is left queued. */
  flush(): Promise<boolean>;
  /** Rows waiting to be written. */
  pending(): number;
  /** A last flush; what still cannot be written is logged as lost. */
  close(): Promise<void>;
}

export function createWriteQueue<Row>(o: WriteQueueOptions<Row>): WriteQueue<Row> {
  const flushMs = o.flushMs ?? 250;
  const maxBackoffMs = o.maxBackoffMs ?? 5_000;
  const capacity = o.capacity ?? 10_000;
  const queue: Row[] = [];
  let timer: NodeJS.Timeout | undefined;
  let backoffMs = 0;
  let outage: { since: number; dropped: number } | undefined;
  let closed = false;
  /** Rows dropped for capacity so far: those dropped while a batch was written were already in it. */
  let shifted = 0;
  // One batch at a time, so a flush asked for while another is writing waits for it instead of writing rows twice.
  let writing: Promise<boolean> = Promise.resolve(true);

  const schedule = (ms: number) => {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
    timer.unref();
  };

  async function writeQueued(): Promise<boolean> {
    if (queue.length === 0) return true;
    const batch = queue.slice();
    const shiftedBefore = shifted;
    try {
      await o.write(batch);
    } catch (err) {
      if (!isStoreBusy(err)) {
        // Not a lock: these rows would fail again, so they go (logged) rather than block the queue.
        queue.splice(0, Math.max(0, batch.length - (shifted - shiftedBefore)));
        o.log?.warn('insights: could not record', { where: o.where, rows: batch.length, error: err });
        return queue.length === 0;
      }
      if (!outage) {
        outage = { since: Date.now(), dropped: 0 };
        o.log?.warn('insights: the database is locked; keeping records in memory until it is free', {
          where: o.where,
          pending: queue.length,
        });
      }
      backoffMs = Math.min(maxBackoffMs, Math.max(flushMs, backoffMs * 2));
      schedule(backoffMs);
      return false;
    }
    queue.splice(0, Math.max(0, batch.length - (shifted - shiftedBefore)));
    backoffMs = 0;
    if (outage) {
      o.log?.info('insights: recording again', {
        where: o.where,
        lockedForMs: Date.now() - outage.since,
        written: batch.length,
        dropped: outage.dropped,
      });
      outage = undefined;
    }
    if (queue.length > 0) schedule(flushMs);
    return queue.length === 0;
  }

  function flush(): Promise<boolean> {
    writing = writing.then(writeQueued, writeQueued);
    return writing;
  }

  return {
    push(row) {
      queue.push(row);
      if (queue.length > capacity) {
        queue.shift();
        shifted++;
        if (outage) outage.dropped++;
      }
      schedule(backoffMs || flushMs);
    },
    flush,
    pending: () => queue.length,
    async close() {
      clearTimeout(timer);
      timer = undefined;
      closed = true;
      if (!(await flush()))
        o.log?.warn('insights: records not written before closing (database locked)', {
          where: o.where,
          lost: queue.length,
          dropped: outage?.dropped ?? 0,
        });
    },
  };
}
