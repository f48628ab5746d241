/**
 * Opens the database every stateful part shares: SQLite under DATA_DIR by default, PostgreSQL when DATABASE_URL is
 * set. Both come back as one Kysely handle plus a guard that turns a locked or unreachable database into an error
 * with `busy: true`, so the stores above them are written once.
 */
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { UnreachableError } from '../start-failure.js';
import type { Guard } from './guard.js';
import { migratePostgres, migrateSqlite } from './migrations.js';
import type { Schema } from './schema.js';
import {
  DEFAULT_WRITE_RETRY,
  isBusy,
  lockedMessage,
  openSqlite,
  type SqliteTuning,
  StoreBusyError,
  StoreError,
} from './sqlite-kit.js';

export const DB_FILE = 'sitrep.db';

export interface SqlDatabase {
  kind: 'sqlite' | 'postgres';
  db: Kysely<Schema>;
  guard: Guard;
  /** The file or the URL without its password, for messages. */
  where: string;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens (creating and migrating) `<dataDir>/sitrep.db`; throws StoreError naming the file when it cannot be used. */
export function openSqliteDatabase(dataDir: string, tuning: SqliteTuning = {}): SqlDatabase {
  const file = join(dataDir, DB_FILE);
  const sqlite = openSqlite({
    file,
    ...tuning,
    setup(db) {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      migrateSqlite(db);
    },
  });
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kind: 'sqlite', db, guard: sqliteGuard(file, tuning), where: file, close: () => db.destroy() };
}

/**
 * An operation that finds `file` locked (past busy_timeout, or a stale snapshot) is tried again after a short,
 * growing pause; after the last try it throws StoreBusyError, having written nothing.
 */
export function sqliteGuard(file: string, tuning: SqliteTuning = {}): Guard {
  const { attempts, backoffMs } = { ...DEFAULT_WRITE_RETRY, ...tuning.retry };
  return async (operation) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (err) {
        if (!isBusy(err)) throw err;
        if (attempt >= attempts)
          throw new StoreBusyError(lockedMessage(file, `gave up after ${attempt} tries`), file, {
            cause: err,
          });
        await wait(backoffMs * 2 ** (attempt - 1));
      }
    }
  };
}

/** postgres://user:secret@host/db -> postgres://user@host/db */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** Errors that mean "not now" (connection lost or refused, server shutting down, lock or serialization conflict). */
const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  '55P03',
]);
const isTransient = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : '';
  return (typeof code === 'string' && TRANSIENT.has(code)) || /timeout|terminated|Connection/i.test(message);
};

export interface PostgresOptions {
  /** Longest wait for a connection or a statement before the call counts as busy. Default 2 s. */
  timeoutMs?: number;
  /** Connections per instance. Default 5. */
  poolSize?: number;
}

/** Connects, runs the migrations and returns the handle; throws StoreError (password redacted) when it cannot. */
export async function openPostgresDatabase(url: string, o: PostgresOptions = {}): Promise<SqlDatabase> {
  const where = redactUrl(url);
  const timeoutMs = o.timeoutMs ?? 2_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: o.poolSize ?? 5,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
  });
  // Without listeners a connection the server drops (idle, or held by a store) would crash the process; the query
  // on it fails instead, as busy.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const detail = err instanceof Error ? err.message : String(err);
    // Not up yet (refused, timed out, starting): the caller may wait for it. Anything else needs DATABASE_URL fixed.
    const cause = isTransient(err) ? new UnreachableError(detail, { cause: err }) : err;
    throw new StoreError(
      `cannot use the database at ${where}: ${detail}. Check DATABASE_URL and that the server is up.`,
      where,
      { cause },
    );
  }
  const guard: Guard = async (operation) => {
    try {
      return await operation();
    } catch (err) {
      if (!isTransient(err)) throw err;
      throw new StoreBusyError(
        `the database at ${where} is unavailable right now (${(err as Error).message})`,
        where,
        {
          cause: err,
        },
      );
    }
  };
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, guard, where, close: () => db.destroy() };
}
