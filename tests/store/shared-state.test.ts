/**
 * What several instances share besides digests: insights, conversation context and the Slack event ids already
 * handled. The same tests run on SQLite and on a PostgreSQL server the tests start.
 */

import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase, openSqliteDatabase, type SqlDatabase } from '../../adapters/store/database.js';
import type { Guard } from '../../adapters/store/guard.js';
import type { Schema } from '../../adapters/store/schema.js';
import { createSqlConversationStore } from '../../adapters/store/sql-conversation-store.js';
import { createSqlEventLedger } from '../../adapters/store/sql-event-ledger.js';
import { createSqlInsightsStore } from '../../adapters/store/sql-insights-store.js';
import { openSqliteInsightsStore } from '../../adapters/store/sqlite-insights-store.js';
import type { InsightsStore } from '../../src/insights.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres();
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'sitrep-store-'));

/** Two handles on one fresh database, as two instances would have. */
const backends: [string, () => Promise<[SqlDatabase, SqlDatabase]>][] = [
  [
    'SQLite',
    async () => {
      const dir = freshDir();
      return [openSqliteDatabase(dir), openSqliteDatabase(dir)];
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const url = await postgres().createDatabase();
      return [await openPostgresDatabase(url), await openPostgresDatabase(url)];
    },
  ],
];

describe.each(backends)('shared state on %s', (_name, connect) => {
  const pair = async () => {
    const dbs = await connect();
    closers.push(...dbs.map((d) => () => d.close()));
    return dbs;
  };

  it('an event id handled by one instance is a repeat for the other, until its lifetime runs out', async () => {
    let t = Date.parse('2026-11-28T10:00:00Z');
    const [a, b] = await pair();
    const ledger = (d: SqlDatabase) => createSqlEventLedger(d.db, d.guard, { ttlMs: 60_000, now: () => t });
    const [first, second] = [ledger(a), ledger(b)];
    expect(await first.first('event:Ev1')).toBe(true);
    expect(await second.first('event:Ev1')).toBe(false);
    expect(await first.first('event:Ev1')).toBe(false);
    expect(await second.first('event:Ev2')).toBe(true);
    t += 61_000;
    expect(
      await createSqlEventLedger(b.db, b.guard, { ttlMs: 60_000, now: () => t }).first('event:Ev1'),
    ).toBe(true);
  });

  it('all at once, of several instances offered one event id exactly one answers it', async () => {
    const [a, b] = await pair();
    const ledgers = [a, b, a, b].map((d) => createSqlEventLedger(d.db, d.guard));
    const answers = await Promise.all(ledgers.map((l) => l.first('event:EvRace')));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('one instance reads the context another kept, until it expires; a later reply replaces it', async () => {
    let t = 0;
    const [a, b] = await pair();
    const store = (d: SqlDatabase) =>
      createSqlConversationStore(d.db, d.guard, { ttlMs: 30 * 60_000, now: () => t });
    await store(a).set('slack:T1:C1:171', { question: 'china share', factIds: ['f1', 'f2'] });
    expect(await store(b).get('slack:T1:C1:171')).toEqual({ question: 'china share', factIds: ['f1', 'f2'] });
    await store(b).set('slack:T1:C1:171', { question: 'briefing', factIds: [], briefing: true });
    expect(await store(a).get('slack:T1:C1:171')).toMatchObject({ briefing: true });
    t += 30 * 60_000 + 1;
    expect(await store(a).get('slack:T1:C1:171')).toBeUndefined();
  });

  it('a database that is away costs the context, not an error', async () => {
    const [a] = await pair();
    const warned: unknown[] = [];
    const log = { info() {}, warn: (...x: unknown[]) => warned.push(x), error() {} };
    const away: Guard = async () => {
      throw Object.assign(new Error('the database is unavailable'), { busy: true });
    };
    const store = createSqlConversationStore(a.db, away, { log });
    await expect(store.set('k', { question: 'q', factIds: [] })).resolves.toBeUndefined();
    await expect(store.get('k')).resolves.toBeUndefined();
    expect(warned).toHaveLength(2);
    // The event ledger answers rather than drop a question it cannot check.
    expect(await createSqlEventLedger(a.db, away, { log }).first('event:EvAway')).toBe(true);
  });
});

describe.each([
  [
    'SQLite',
    async (): Promise<InsightsStore & { close(): unknown }> =>
      openSqliteInsightsStore({ dataDir: freshDir() }),
  ],
  [
    'PostgreSQL',
    async (): Promise<InsightsStore & { close(): unknown }> => {
      const d = await openPostgresDatabase(await postgres().createDatabase());
      const store = createSqlInsightsStore(d.db, d.guard);
      const close = async () => {
        await store.close();
        await d.close();
      };
      return { ...store, close };
    },
  ],
])('insights on %s', (_name, open) => {
  it('groups what was recorded the same way, and filters by date', async () => {
    const store = await open();
    closers.push(() => store.close());
    const base = { platform: 'slack', channelId: 'C1' } as const;
    for (const [question, at] of [
      ['how many troops does russia have', '2026-11-20T00:00:00Z'],
      ['how many troops does russia have', '2026-11-20T01:00:00Z'],
      ['weather in paris', '2026-11-21T00:00:00Z'],
    ] as const)
      store.recordUnanswered({ ...base, question, reason: 'out-of-scope', at });
    store.recordFeedback({ ...base, helpful: false, factId: 'a', question: 'q', at: '2026-11-20T00:00:00Z' });
    store.recordFeedback({ ...base, helpful: false, factId: 'a', question: 'q', at: '2026-11-21T00:00:00Z' });
    store.recordFeedback({ ...base, helpful: true, factId: 'b', question: 'q', at: '2026-11-21T00:00:00Z' });
    store.recordFeedback({ ...base, helpful: false, question: 'no fact', at: '2026-11-21T00:00:00Z' });
    for (const factId of ['b', 'a', 'b'])
      store.recordAnswered({ factId, platform: 'discord', at: '2026-11-22' });

    expect(await store.summary()).toEqual({
      unanswered: [
        { text: 'how many troops does russia have', count: 2 },
        { text: 'weather in paris', count: 1 },
      ],
      votes: [
        { factId: 'a', helpful: 0, notHelpful: 2 },
        { factId: 'b', helpful: 1, notHelpful: 0 },
      ],
      answered: [
        { factId: 'b', count: 2 },
        { factId: 'a', count: 1 },
      ],
    });
    const recent = await store.summary({ since: '2026-11-21', limit: 1 });
    expect(recent).toMatchObject({
      since: '2026-11-21T00:00:00.000Z',
      votes: [{ factId: 'a', helpful: 0, notHelpful: 1 }],
      answered: [{ factId: 'b', count: 2 }],
      unanswered: [{ text: 'weather in paris', count: 1 }],
    });
  });
});

describe('a database that does not answer', () => {
  it('costs a reply at most the lookup timeout: the event is answered unchecked, the context given up', async () => {
    // Accepts connections and never speaks: what a partitioned or stuck server looks like to the client.
    const sockets: Socket[] = [];
    const hole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const { port } = hole.address() as AddressInfo;
    const pool = new pg.Pool({ connectionString: `postgres://sitrep@127.0.0.1:${port}/sitrep` });
    pool.on('error', () => undefined);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    closers.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hole.close(resolve));
    });
    const guard: Guard = (operation) => operation();
    const started = Date.now();
    expect(await createSqlEventLedger(db, guard, { timeoutMs: 300 }).first('event:EvSlow')).toBe(true);
    const conversations = createSqlConversationStore(db, guard, { timeoutMs: 300 });
    await conversations.set('k', { question: 'q', factIds: [] });
    expect(await conversations.get('k')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3 * 300 + 700);
  });
});
