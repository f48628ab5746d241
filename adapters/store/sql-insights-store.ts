/**
 * Insights in the shared PostgreSQL database (on SQLite they keep their own file: sqlite-insights-store.ts).
 * Records are buffered and written in one transaction per batch off the reply path; while the database is away they
 * wait in memory (the oldest dropped past `capacity`), so recording never costs a user an answer.
 */
import type { Kysely } from 'kysely';
import { type InsightsStore, scrubSecrets } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';
import type { Schema } from './schema.js';
import type { Guard } from './sql-digest-store.js';

type Row =
  | { table: 'unanswered'; values: Omit<Schema['unanswered'], 'id'> }
  | { table: 'feedback'; values: Omit<Schema['feedback'], 'id'> }
  | { table: 'answered'; values: Omit<Schema['answered'], 'id'> };

export interface SqlInsightsOptions {
  log?: Logger;
  flushMs?: number;
  capacity?: number;
}

const text = (value: string) => scrubSecrets(String(value));
const instant = (at: string) => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? new Date().toISOString() : new Date(ms).toISOString();
};

export function createSqlInsightsStore(
  db: Kysely<Schema>,
  guard: Guard,
  o: SqlInsightsOptions = {},
): InsightsStore & { close(): Promise<void> } {
  const flushMs = o.flushMs ?? 250;
  const capacity = o.capacity ?? 10_000;
  const queue: Row[] = [];
  let timer: NodeJS.Timeout | undefined;
  let failing = false;
  let writing: Promise<void> = Promise.resolve();

  const write = async () => {
    const batch = queue.slice();
    if (batch.length === 0) return;
    try {
      await guard(() =>
        db.transaction().execute(async (trx) => {
          for (const table of ['unanswered', 'feedback', 'answered'] as const) {
            const values = batch.filter((r) => r.table === table).map((r) => r.values);
            if (values.length > 0)
              await trx
                .insertInto(table)
                .values(values as never)
                .execute();
          }
        }),
      );
      queue.splice(0, batch.length);
      if (failing) o.log?.info('insights: recording again', { written: batch.length });
      failing = false;
    } catch (err) {
      if (!failing) o.log?.warn('insights: could not record; keeping records in memory', { error: err });
      failing = true;
      schedule(Math.max(flushMs, 2_000));
    }
  };
  const flush = () => {
    writing = writing.then(write);
    return writing;
  };
  function schedule(ms: number) {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
    timer.unref();
  }
  const push = (row: Row) => {
    queue.push(row);
    if (queue.length > capacity) queue.shift();
    schedule(flushMs);
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
      await flush();
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
    async close() {
      clearTimeout(timer);
      timer = undefined;
      await flush();
      if (queue.length > 0)
        o.log?.warn('insights: records not written before closing', { lost: queue.length });
    },
  };
}
