/**
 * Conversation context in the shared database, so a follow-up answered by another instance still has it. A
 * database that is away costs the context (the question is read on its own), never the answer.
 */
import type { Kysely } from 'kysely';
import type { ConversationContext, ConversationStore } from '../../src/conversation/store.js';
import type { Logger } from '../../src/types.js';
import { type Guard, within } from './guard.js';
import type { Schema } from './schema.js';

export interface SqlConversationOptions {
  /** How long a conversation is remembered after its last reply. Default 30 minutes. */
  ttlMs?: number;
  now?: () => number;
  log?: Logger;
  /** Longest wait for the database on a reply's path before the context is given up. Default 500 ms. */
  timeoutMs?: number;
}

const SWEEP_EVERY = 500;

export function createSqlConversationStore(
  db: Kysely<Schema>,
  guard: Guard,
  o: SqlConversationOptions = {},
): ConversationStore {
  const ttlMs = o.ttlMs ?? 30 * 60_000;
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 500;
  const iso = (ms: number) => new Date(ms).toISOString();
  const warn = (what: string, err: unknown) =>
    o.log?.warn(`conversations: could not ${what}`, {
      error: err instanceof Error ? err.message : String(err),
    });
  let writes = 0;

  return {
    async get(key) {
      try {
        const row = await within(
          timeoutMs,
          guard(() =>
            db
              .selectFrom('conversations')
              .select('context')
              .where('key', '=', key)
              .where('expires_at', '>=', iso(now()))
              .executeTakeFirst(),
          ),
        );
        return row ? (JSON.parse(row.context) as ConversationContext) : undefined;
      } catch (err) {
        warn('read the context', err);
        return undefined;
      }
    },
    async set(key, context) {
      const values = { key, context: JSON.stringify(context), expires_at: iso(now() + ttlMs) };
      try {
        await within(
          timeoutMs,
          guard(() =>
            db
              .insertInto('conversations')
              .values(values)
              .onConflict((oc) =>
                oc.column('key').doUpdateSet({ context: values.context, expires_at: values.expires_at }),
              )
              .execute(),
          ),
        );
        if (++writes % SWEEP_EVERY === 0)
          await guard(() => db.deleteFrom('conversations').where('expires_at', '<', iso(now())).execute());
      } catch (err) {
        warn('keep the context', err);
      }
    },
  };
}
