/**
 * What both SQLite files share: opening one with a clear error when that is impossible (corrupt, read-only, locked,
 * not a directory), and the errors a lock turns into (adapters/store/database.ts retries them).
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** The database under DATA_DIR cannot be used; the message names the file and says what to do. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    /** The database file, as configured (relative to the working directory when DATA_DIR is). */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A write still found the database locked after every retry. Nothing was written. `busy` is how the core tells
 * it from a bug (the store ports say so): it answers "busy, try again" instead of an apology.
 */
export class StoreBusyError extends StoreError {
  override name = 'StoreBusyError';
  readonly busy = true;
}

export interface WriteRetry {
  /** Tries per write, the first included. */
  attempts: number;
  /** Wait before the second try; doubles after each further one. */
  backoffMs: number;
}

export interface SqliteTuning {
  /**
   * How long SQLite itself waits for a lock while opening and migrating, before failing with SQLITE_BUSY.
   * Default 5000. Once open, statements wait at most RUNNING_BUSY_TIMEOUT_MS (or this, if shorter).
   */
  busyTimeoutMs?: number;
  /** How often a write that still failed with SQLITE_BUSY is tried again. Default 2 tries, 25 ms apart. */
  retry?: Partial<WriteRetry>;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/**
 * better-sqlite3 waits for a lock on the main thread, where every reply is waiting too: once open, a statement
 * waits only this long, and callers that can wait longer (the scheduler, the insights queue, digest commands)
 * try again later without blocking.
 */
export const RUNNING_BUSY_TIMEOUT_MS = 25;
export const DEFAULT_WRITE_RETRY: WriteRetry = { attempts: 2, backoffMs: 25 };

const codeOf = (err: unknown): string =>
  typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';

/** SQLITE_BUSY (and its extended codes such as SQLITE_BUSY_SNAPSHOT): another connection holds the lock. */
export const isBusy = (err: unknown): boolean =>
  err instanceof Database.SqliteError && codeOf(err).startsWith('SQLITE_BUSY');

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const lockedMessage = (file: string, detail: string) =>
  `${file} is locked by another process (${detail}): stop whatever else holds it (another Sitrep on the same ` +
  'DATA_DIR, a sqlite3 shell, a backup) or point DATA_DIR elsewhere.';

/** Turns what opening `file` threw into a StoreError naming the file; anything unrecognised is returned as is. */
export function describeOpenError(err: unknown, file: string, busyTimeoutMs: number): unknown {
  if (err instanceof StoreError) return err;
  const code = codeOf(err);
  const cause = { cause: err };
  const sqlite = err instanceof Database.SqliteError;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new StoreError(
      `${file} is not a SQLite database (corrupt?): move it away or point DATA_DIR elsewhere.`,
      file,
      cause,
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError(lockedMessage(file, `still locked after ${busyTimeoutMs} ms`), file, cause);
  if (code.startsWith('SQLITE_READONLY') || ['EACCES', 'EPERM', 'EROFS'].includes(code))
    return new StoreError(
      `${file} is read-only (or its directory is): make DATA_DIR and the file writable by this user, or point DATA_DIR elsewhere.`,
      file,
      cause,
    );
  if (['ENOTDIR', 'EEXIST'].includes(code))
    return new StoreError(
      `cannot create ${file}: ${dirname(file)} is not a directory (${code}). Point DATA_DIR at a directory.`,
      file,
      cause,
    );
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT')
    return new StoreError(
      `cannot open ${file} (${messageOf(err)}): check that it is a file in a writable directory, or point DATA_DIR elsewhere.`,
      file,
      cause,
    );
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return new StoreError(
      `cannot write ${file}: the disk is full. Free some space or point DATA_DIR elsewhere.`,
      file,
      cause,
    );
  if (sqlite || code.startsWith('E'))
    return new StoreError(`cannot use ${file}: ${messageOf(err)} (${code || 'unknown error'}).`, file, cause);
  return err;
}

export interface OpenSqlite extends SqliteTuning {
  file: string;
  readonly?: boolean;
  /** Runs once the connection is configured (pragmas, migrations); a failure here is reported like one in opening. */
  setup?(db: Database.Database): void;
}

/**
 * Opens `file` (creating its directory unless read-only), sets busy_timeout, runs `setup`, then shortens
 * busy_timeout for running; throws StoreError.
 */
export function openSqlite(o: OpenSqlite): Database.Database {
  const busyTimeoutMs = o.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let db: Database.Database | undefined;
  try {
    if (!o.readonly) {
      mkdirSync(dirname(o.file), { recursive: true });
      // SQLite would quietly open an unwritable file read-only and fail later; say so now, naming the file.
      // The directory must be writable too: WAL mode keeps its -wal and -shm files next to the database.
      accessSync(dirname(o.file), constants.W_OK);
      if (existsSync(o.file)) accessSync(o.file, constants.W_OK);
    }
    db = new Database(o.file, { readonly: o.readonly ?? false, fileMustExist: o.readonly ?? false });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // Reading the schema fails at once on a file that is not a database, before any setup writes.
    db.pragma('schema_version', { simple: true });
    o.setup?.(db);
    db.pragma(`busy_timeout = ${Math.min(RUNNING_BUSY_TIMEOUT_MS, Math.max(0, Math.floor(busyTimeoutMs)))}`);
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // closing a half-opened handle must not hide why opening failed
    }
    throw describeOpenError(err, o.file, busyTimeoutMs);
  }
}
