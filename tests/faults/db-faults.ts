/** Helpers for the database fault tests: another process holding a SQLite lock, and a non-root opener. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../acceptance/app-process.js';

const PROBE = fileURLToPath(new URL('./db-open-probe.ts', import.meta.url));

/** Holds the write lock on `file` from another process (BEGIN IMMEDIATE) for `ms` after it was taken. */
export interface HeldLock {
  /** Resolves once the other process has released the lock and exited. */
  released: Promise<void>;
  /** Releases early (kills the holder). */
  release(): void;
}

const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec(process.argv[3] === 'exclusive' ? 'BEGIN EXCLUSIVE' : 'BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));
`;

export function holdLock(
  file: string,
  ms: number,
  mode: 'immediate' | 'exclusive' = 'immediate',
): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, file, String(ms), mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the lock holder did not take the lock within 5 s: ${err}`));
    }, 5_000);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      if (!s.includes('locked')) return;
      clearTimeout(timer);
      resolve({ released, release: () => void child.kill('SIGKILL') });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the lock holder exited (${code}) before taking the lock: ${err}`));
    });
  });
}

export interface ProbeResult {
  opened: boolean;
  name?: string;
  message?: string;
}

/**
 * Opens the digest store under `dataDir` in a child process. As root (which may write anywhere) the child runs as
 * `nobody` (uid/gid 65534), so file permissions apply to it as they would to a normal service account.
 */
export function probeOpen(dataDir: string): ProbeResult {
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE, dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 15_000,
    env: { PATH: process.env.PATH ?? '' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ProbeResult;
  } catch {
    throw new Error(`the open probe printed no result (status ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}
