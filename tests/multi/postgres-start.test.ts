/**
 * `npm start` with DATABASE_URL while PostgreSQL is not up yet (as when the bot starts before its database): it says
 * so once per attempt, waits with backoff, and serves once the server answers; a signal while waiting exits 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, startApp, until } from '../acceptance/app-process.js';
import { usePostgres } from '../support/postgres.js';
import { startTcpCut, type TcpCut } from '../support/tcp-cut.js';

const postgres = usePostgres();
let relay: TcpCut | undefined;
afterEach(async () => {
  await killAll();
  await relay?.close();
});

/** A URL to a fresh database through a relay that starts cut off (every connection dropped at once). */
async function unreachableDatabase(): Promise<{ url: string; relay: TcpCut }> {
  const url = new URL(await postgres().createDatabase());
  relay = await startTcpCut({ host: url.hostname, port: Number(url.port) });
  relay.cut();
  url.password = 'secret-password';
  url.port = String(relay.port);
  return { url: url.toString(), relay };
}

describe('npm start before its PostgreSQL server is up', () => {
  it('waits for it, one line per attempt without the password, then serves', async () => {
    const db = await unreachableDatabase();
    const app = startApp({ DATABASE_URL: db.url }, { stdin: 'pipe' });
    await until(app, () => app.stderr().includes('database: cannot reach'), 'the first retry line', 20_000);
    expect(app.stderr()).toMatch(/retrying in \d+ s/);
    expect(app.stderr()).not.toContain('secret-password');
    expect(app.stdout()).not.toContain('Sitrep local console');
    db.relay.restore();
    await until(app, () => app.stdout().includes('Sitrep local console'), 'the console', 20_000);
    expect(app.stderr()).toContain('database: connected to');
    app.child.stdin?.write("how much of Russia's machine-tool imports came from China?\n");
    await until(app, () => /70%/.test(app.stdout()), 'an answer', 10_000);
    app.child.stdin?.end('quit\n');
    expect((await app.waitForExit(10_000)).code).toBe(0);
  }, 60_000);

  it('exits 0 on SIGTERM while waiting', async () => {
    const db = await unreachableDatabase();
    const app = startApp({ DATABASE_URL: db.url }, { stdin: 'pipe' });
    await until(app, () => app.stderr().includes('database: cannot reach'), 'the first retry line', 20_000);
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(10_000)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
