/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temp dir, listening only on 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export interface TestPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Creates a fresh empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
}

const startTimeoutMs = 15_000;
const setpriv = '/usr/bin/setpriv';

function findBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {}
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  candidates.push(`${root}/15/bin`, ...versions.map((version) => `${root}/${version}/bin`));
  const found = candidates.find((dir) => ['initdb', 'postgres'].every((bin) => existsSync(join(dir, bin))));
  if (!found) throw new Error(`PostgreSQL server binaries not found in: ${candidates.join(', ')}`);
  return found;
}

/** PostgreSQL refuses to run as root, so under root the server runs as the `postgres` OS user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`PostgreSQL exited during startup:\n${log()}`);
    }
    try {
      return await query(url, 'SELECT 1');
    } catch {}
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in time:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Removes the temp dirs (named `sitrep-pg-<pid>-…`) of test processes killed before they could clean up. */
function removeAbandonedDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const ownerPid = /^sitrep-pg-(\d+)-/.exec(name)?.[1];
    if (!ownerPid) continue;
    try {
      process.kill(Number(ownerPid), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH')
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const binDir = findBinDir();
  const user = serverUser();
  removeAbandonedDirs();
  const dir = mkdtempSync(join(tmpdir(), `sitrep-pg-${process.pid}-`));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, 'data');
  const runAs = { cwd: dir, ...user };

  try {
    execFileSync(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...runAs, stdio: 'pipe' },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`initdb failed:\n${output}`);
  }

  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', port, fsync: 'off', synchronous_commit: 'off' };
  const args = ['-D', dataDir, '-k', dir, '-c', 'full_page_writes=off'];
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);
  // A killed test worker never runs its 'exit' handlers, so where possible have the kernel stop the server.
  const [command, commandArgs] = existsSync(setpriv)
    ? [setpriv, ['--pdeathsig', 'SIGQUIT', '--', join(binDir, 'postgres'), ...args]]
    : [join(binDir, 'postgres'), args];
  const server = spawn(command, commandArgs, { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] });
  let logText = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    logText = (logText + chunk.toString()).slice(-8000);
  });
  const exited = once(server, 'exit');
  // SIGQUIT is an immediate shutdown: nothing here is worth a clean checkpoint.
  const killOnExit = () => {
    server.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGQUIT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, server, () => logText.split('\n').slice(-30).join('\n'));
  } catch (error) {
    await stop();
    throw error;
  }

  const createDatabase = async (name = `test_${randomBytes(6).toString('hex')}`) => {
    await query(url, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  };

  return { url, port, stop, createDatabase };
}

/** Starts a server before the file's tests and stops it after them; call the getter inside tests or hooks. */
export function usePostgres(): () => TestPostgres {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server)
      throw new Error('usePostgres(): the server is not started yet (use it inside a test or hook)');
    return server;
  };
}
