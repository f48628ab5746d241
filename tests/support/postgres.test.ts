import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './postgres.js';

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let server: TestPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('serves isolated databases on 127.0.0.1 and goes away on stop()', { timeout: 30_000 }, async () => {
    server = await startPostgres();
    const { url, port } = server;
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(new URL(url).port).toBe(String(port));

    const first = await server.createDatabase();
    const second = await server.createDatabase();
    expect(first).not.toBe(second);

    await withClient(first, async (client) => {
      await client.query('CREATE TABLE notes (body text)');
      await client.query("INSERT INTO notes VALUES ('only in the first')");
    });
    const rows = await withClient(
      first,
      async (client) => (await client.query('SELECT body FROM notes')).rows,
    );
    expect(rows).toEqual([{ body: 'only in the first' }]);
    const inSecond = await withClient(second, async (client) => {
      const result = await client.query("SELECT to_regclass('public.notes') AS notes");
      return result.rows[0]?.notes;
    });
    expect(inSecond).toBeNull();

    const listenAddresses = await withClient(url, async (client) => {
      return (await client.query('SHOW listen_addresses')).rows[0]?.listen_addresses;
    });
    expect(listenAddresses).toBe('127.0.0.1');

    await server.stop();
    await expect(withClient(url, async () => {})).rejects.toThrow();
  });
});
