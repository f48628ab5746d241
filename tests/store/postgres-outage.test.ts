/**
 * The PostgreSQL server goes away at run time (every connection cut, new ones refused) and comes back: digest commands
 * answer "busy" meanwhile, the slot due during the outage is posted once it is back, and nothing is posted twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../../adapters/store/database.js';
import { createSqlDigestStore } from '../../adapters/store/sql-digest-store.js';
import { runDigestCommand } from '../../src/digest/command.js';
import { whileStoreBusy } from '../../src/store-busy.js';
import { base, fact, recordingPoster } from '../digest/fixtures.js';
import { fakeClock, subscribe, testScheduler } from '../digest/scheduler-kit.js';
import { usePostgres } from '../support/postgres.js';
import { startTcpCut, type TcpCut } from '../support/tcp-cut.js';

const postgres = usePostgres();
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('a PostgreSQL outage at run time', () => {
  it('digest commands answer busy; the slot due meanwhile is posted once the database is back', async () => {
    const url = new URL(await postgres().createDatabase());
    const relay: TcpCut = await startTcpCut({ host: url.hostname, port: Number(url.port) });
    closers.push(() => relay.close());
    url.port = String(relay.port);
    const database = await openPostgresDatabase(url.toString(), { timeoutMs: 500 });
    closers.push(() => database.close());
    const store = createSqlDigestStore(database.db, database.guard, async () => undefined);
    const clock = fakeClock('2026-11-27T08:00:00Z');
    await subscribe(store, 'daily 09:00', clock.now());
    const poster = recordingPoster();
    const { scheduler, entries } = testScheduler(store, poster, {
      now: clock.now,
      claimRetry: { baseMs: 100, maxMs: 200 },
    });
    closers.push(() => scheduler.stop());

    relay.cut();
    const q = { text: 'digest status', platform: 'slack', channelId: 'C0DIGEST', userId: 'U1' } as const;
    const status = await whileStoreBusy(() =>
      runDigestCommand({ name: 'digest', action: 'status', schedule: '' }, q, {
        store,
        defaultTimeZone: 'UTC',
        knowledge: base([fact('ban-announced')]),
      }),
    );
    expect(status).toMatchObject({ kind: 'notice', text: expect.stringMatching(/busy/) });

    clock.set('2026-11-27T09:00:00Z');
    const tick = scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(poster.posts).toHaveLength(0);
    relay.restore();
    expect(await tick).toEqual(['sent']);
    expect(entries.filter((e) => e.level === 'error')).toEqual([]);
    expect(poster.posts.map((p) => p.slot)).toEqual(['2026-11-27T09:00:00.000Z']);
    expect(await scheduler.tick()).toEqual([]);
    expect(await store.lastSlot('slack:C0DIGEST')).toMatchObject({ state: 'sent' });
  }, 60_000);
});
