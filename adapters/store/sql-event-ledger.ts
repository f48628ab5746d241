/**
 * Slack event ids already handled, in the shared database: a retry (or a second delivery) that reaches another
 * instance finds the row and is dropped. Rows live for `ttlMs`; an expired one counts as new.
 */
import type { Kysely } from 'kysely';
import type { Logger } from '../../src/types.js';
import { createSeenIds, DEFAULT_SEEN, type SeenIds } from '../seen-ids.js';
import { type Guard, within } from './guard.js';
import type { Schema } from './schema.js';

export interface EventLedgerOptions {
  ttlMs?: number;
  now?: () => number;
  log?: Logger;
  /** Longest wait for the database before the event is answered unchecked. Default 500 ms. */
  timeoutMs?: number;
}

/** Every this many new ids, rows past their lifetime are deleted. */
const SWEEP_EVERY = 500;

export function createSqlEventLedger(db: Kysely<Schema>, guard: Guard, o: EventLedgerOptions = {}): SeenIds {
  const ttlMs = o.ttlMs ?? DEFAULT_SEEN.ttlMs;
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 500;
  // This process's own repeats are dropped without a round trip, and even while the database is away.
  const memory = createSeenIds({ ...DEFAULT_SEEN, ttlMs, now });
  let inserted = 0;
  const sweep = (at: string) =>
    guard(() => db.deleteFrom('handled_events').where('expires_at', '<', at).execute()).catch(
      () => undefined,
    );

  return {
    async first(id) {
      if (!memory.first(id)) return false;
      const at = new Date(now()).toISOString();
      try {
        const r = await within(
          timeoutMs,
          guard(() =>
            db
              .insertInto('handled_events')
              .values({ id, expires_at: new Date(now() + ttlMs).toISOString() })
              .onConflict((oc) =>
                oc
                  .column('id')
                  .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
                  .where('handled_events.expires_at', '<', at),
              )
              .executeTakeFirst(),
          ),
        );
        if (++inserted % SWEEP_EVERY === 0) void sweep(at);
        return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
      } catch (err) {
        // Better to answer a retry twice than to drop a new question because the database is away.
        o.log?.warn('event ledger unavailable: answering without checking other instances', {
          id,
          error: err instanceof Error ? err.message : String(err),
        });
        return true;
      }
    },
  };
}
