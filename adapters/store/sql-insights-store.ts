/**
 * The insights store in SQL (Kysely), for SQLite (its own file, sqlite-insights-store.ts) and PostgreSQL (the shared
 * database). Stores no user ids, names or tokens. Records go through the write queue, off the reply path.
 */
import type { Kysely } from 'kysely';
import { type InsightsStore, scrubSecrets } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';
import type { Guard } from './guard.js';
import type { Schema } from './schema.js';
import { createWriteQueue, type WriteQueueOptions } from './write-queue.js';

type Row =
  | { table: 'unanswered'; values: Omit<Schema['unanswered'], 'id'> }
  | { table: 'feedback'; values: Omit<Schema['feedback'], 'id'> }
  | { table: 'answered'; values: Omit<Schema['answered'], 'id'> };

export interface SqlInsightsOptions {
  /** Recording failures are logged here instead of thrown, so a busy database never costs a user an answer. */
  log?: Logger;
  /** Names the database in log lines. */
  where?: string;
  /** How records are queued and written off the reply path. */
  queue?: Pick<WriteQueueOptions<Row>, 'flushMs' | 'maxBackoffMs' | 'capacity'>;
  /** Reads only (`npm run report` on a SQLite file): records are logged as not kept. */
  readonly?: boolean;
}

// every stored string goes through here: tokens pasted into a question are redacted, and length is bounded
const text = (value: string) => scrubSecrets(String(value));
/** ISO instants compare correctly as text, so every stored and queried time is normalised to one. */
const instant = (at: string) => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? new Date().toISOString() : new Date(ms).toISOString();
};

export function createSqlInsightsStore(
  db: Kysely<Schema>,
  guard: Guard,
  o: SqlInsightsOptions = {},
): InsightsStore & { close(): Promise<void> } {
  const queue = createWriteQueue<Row>({
    log: o.log,
    where: o.where ?? 'the insights database',
    ...o.queue,
    write: (batch) =>
      guard(() =>
        db.transaction().execute(async (trx) => {
          for (const table of ['unanswered', 'feedback', 'answered'] as const) {
            const values = batch.filter((r) => r.table === table).map((r) => r.values);
            // Chunks keep each statement under SQLite's limit on bound parameters.
            for (let i = 0; i < values.length; i += 500)
              await trx
                .insertInto(table)
                .values(values.slice(i, i + 500) as never)
                .execute();
          }
        }),
      ),
  });
  const push = (row: Row) => {
    if (o.readonly) o.log?.warn('insights: could not record', { what: row.table, error: 'opened read-only' });
    else queue.push(row);
  };

  return {
    recordUnanswered: (e) =>
      push({
        table: 'unanswered',
        values: {
          at: instant(e.at),
          platform: text(e.platform),
          channel_id: text(e.channelId),
          reason: text(e.reason),
          question: text(e.question),
        },
      }),
    recordFeedback: (e) =>
      push({
        table: 'feedback',
        values: {
          at: instant(e.at),
          platform: text(e.platform),
          channel_id: text(e.channelId),
          helpful: e.helpful ? 1 : 0,
          fact_id: e.factId === undefined ? null : text(e.factId),
          question: text(e.question),
        },
      }),
    recordAnswered: (e) =>
      push({
        table: 'answered',
        values: { at: instant(e.at), platform: text(e.platform), fact_id: text(e.factId) },
      }),
    async summary({ since, limit = 20 } = {}) {
      // What was just recorded belongs in the report; if the database is locked, the report goes without it.
      if (!o.readonly) await queue.flush();
      const from = since === undefined ? '' : instant(since);
      return guard(async () => {
        const [unanswered, votes, answered] = await Promise.all([
          db
            .selectFrom('unanswered')
            .select((eb) => ['question as text', eb.fn.countAll<string>().as('count')])
            .where('at', '>=', from)
            .groupBy('question')
            .orderBy('count', 'desc')
            .orderBy('text')
            .limit(limit * 50)
            .execute(),
          db
            .selectFrom('feedback')
            .select((eb) => [
              'fact_id as factId',
              eb.fn.sum<string>('helpful').as('helpful'),
              eb.fn.countAll<string>().as('votes'),
            ])
            .where('at', '>=', from)
            .where('fact_id', 'is not', null)
            .groupBy('fact_id')
            .execute(),
          db
            .selectFrom('answered')
            .select((eb) => ['fact_id as factId', eb.fn.countAll<string>().as('count')])
            .where('at', '>=', from)
            .groupBy('fact_id')
            .orderBy('count', 'desc')
            .orderBy('factId')
            .limit(limit)
            .execute(),
        ]);
        const tally = votes
          .map((v) => ({
            factId: v.factId ?? '',
            helpful: Number(v.helpful),
            notHelpful: Number(v.votes) - Number(v.helpful),
          }))
          .sort(
            (a, b) =>
              b.notHelpful - a.notHelpful || a.helpful - b.helpful || a.factId.localeCompare(b.factId),
          )
          .slice(0, limit);
        return {
          ...(since === undefined ? {} : { since: from }),
          unanswered: unanswered.map((u) => ({ text: u.text, count: Number(u.count) })),
          votes: tally,
          answered: answered.map((a) => ({ factId: a.factId, count: Number(a.count) })),
        };
      });
    },
    close: () => queue.close(),
  };
}
