/** Runs the real composition root (`node --import tsx adapters/main.ts`, as `npm start` does) as a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VECTORS_FILE } from '../../adapters/semantic.js';
import { TEST_VECTORS } from '../support/engine.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every variable the app reads. Those a scenario does not set are passed as empty strings, which the config
 * treats as unset and which dotenv will not overwrite, so a developer's own `.env` cannot leak into a test.
 */
const APP_VARS = [
  'LOG_LEVEL',
  'KNOWLEDGE_DIR',
  'DATA_DIR',
  'DATABASE_URL',
  'PORT',
  'HOST',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_MODE',
  'SLACK_API_URL',
  'SLACK_COMMAND',
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'SLACK_ADMIN_USERS',
  'DIGEST_CRON',
  'DIGEST_TZ',
  'DIGEST_GRACE_MINUTES',
  'DIGEST_SLACK_CHANNELS',
  'DIGEST_DISCORD_CHANNELS',
] as const;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** The exit, or a rejection naming the output if it has not exited within `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<Exit>;
}

const running = new Set<AppProcess>();

const ownDataDirs: string[] = [];

/** A fresh DATA_DIR, so no test writes the repository's ./data. */
/**
 * A fresh data folder, seeded with the test run's fact vectors (tests/global-setup.ts): the app then starts as it
 * does on a machine that has run before, instead of spending a minute embedding the base.
 */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-app-'));
  if (existsSync(TEST_VECTORS)) copyFileSync(TEST_VECTORS, join(dir, VECTORS_FILE));
  return dir;
}

/** Starts the app with only PATH, HOME, LOG_LEVEL=warn, a temporary DATA_DIR and `vars` in its environment. */
export function startApp(vars: Record<string, string>, opts: { stdin?: 'pipe' | 'ignore' } = {}): AppProcess {
  const env: Record<string, string> = Object.fromEntries(APP_VARS.map((n) => [n, '']));
  Object.assign(
    env,
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
    },
    vars,
  );
  if (!vars.DATA_DIR) {
    env.DATA_DIR = tempDataDir();
    ownDataDirs.push(env.DATA_DIR);
  }
  // Its own process group, so cleanup reaches everything it starts.
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', () => resolve({ code: null, signal: null }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const app: AppProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForExit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`app did not exit within ${timeoutMs} ms\n--- stdout\n${out}\n--- stderr\n${err}`),
            ),
          timeoutMs,
        );
      });
      return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    },
  };
  running.add(app);
  void exited.then(() => running.delete(app));
  return app;
}

/** SIGKILLs every app still running (its whole process group) and waits for it to go. */
export async function killAll(): Promise<void> {
  const apps = [...running];
  for (const app of apps) {
    try {
      if (app.child.pid !== undefined) process.kill(-app.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(apps.map((a) => a.exited));
  for (const dir of ownDataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Polls until `port` on 127.0.0.1 accepts connections; fails early if `app` exits first. */
export async function waitForPort(app: AppProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void app.exited.then((e) => {
    exit = e;
  });
  while (!(await accepts(port))) {
    if (exit) throw new Error(`app exited (${JSON.stringify(exit)}) before listening:\n${app.stderr()}`);
    if (Date.now() > deadline)
      throw new Error(`port ${port} not accepting after ${timeoutMs} ms; stderr:\n${app.stderr()}`);
    await sleep(100);
  }
}

/** Polls `condition` until it holds; fails early if `app` exits first. */
export async function until(
  app: AppProcess,
  condition: () => boolean,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void app.exited.then((e) => {
    exit = e;
  });
  while (!condition()) {
    if (exit) throw new Error(`app exited (${JSON.stringify(exit)}) before ${what}:\n${app.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr:\n${app.stderr()}`);
    await sleep(50);
  }
}
