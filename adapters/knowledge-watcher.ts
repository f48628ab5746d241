import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { checkKnowledge, formatProblem, type KnowledgeCheck } from '../src/knowledge/load.js';
import type { KnowledgeBase, Logger } from '../src/types.js';

export interface KnowledgeWatcherOptions {
  dir: string;
  log: Logger;
  /** Called with each new base that loads without errors; a broken edit never reaches it. */
  onChange(kb: KnowledgeBase): unknown;
  /** Quiet time after the last file event before reloading, so an editor's burst of writes is one reload. */
  debounceMs?: number;
  check?: (dir: string) => KnowledgeCheck;
  /**
   * How often the files are also compared by size, time and inode: file events can be missed (an editor's
   * save-by-rename, a folder moved away and back), a periodic look never is.
   */
  pollMs?: number;
}

export interface KnowledgeWatcher {
  /** Resolves once file events are being watched (edits before it are seen by the periodic check). */
  ready: Promise<void>;
  close(): void;
}

/** Reloads the fact base when a file under `dir` changes; on errors it warns once and keeps the old base. */
export function watchKnowledge({
  dir,
  log,
  onChange,
  debounceMs = 300,
  check = checkKnowledge,
  pollMs = 2000,
}: KnowledgeWatcherOptions): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // the same broken save seen twice (editors often write twice) should not warn twice
  let lastWarning: string | undefined;

  let seen = fingerprint(dir);
  const reload = () => {
    timer = undefined;
    if (closed) return;
    seen = fingerprint(dir);
    if (seen === MISSING) {
      warnOnce('missing', 'knowledge directory is gone; keeping the previous base', { dir });
      return;
    }
    let result: KnowledgeCheck;
    try {
      result = check(dir);
    } catch (err) {
      warnOnce(`threw: ${String(err)}`, 'knowledge reload failed; keeping the previous base', { error: err });
      return;
    }
    const errors = result.problems.filter((p) => p.severity === 'error');
    if (!result.knowledge || errors.length > 0) {
      const problems = errors.map(formatProblem);
      warnOnce(problems.join('\n'), 'knowledge reload failed; keeping the previous base', {
        dir,
        problems: errors.map(({ file, factId, field, message }) => ({ file, factId, field, message })),
        summary: problems,
      });
      return;
    }
    lastWarning = undefined;
    const warnings = result.problems.length;
    log.info('knowledge reloaded', { facts: result.knowledge.facts.length, warnings });
    onChange(result.knowledge);
  };

  const warnOnce = (key: string, msg: string, ctx: Record<string, unknown>) => {
    if (key === lastWarning) return;
    lastWarning = key;
    log.warn(msg, ctx);
  };

  const schedule = (filename: string | null) => {
    if (closed || !relevant(filename)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  if (seen === MISSING) log.warn('cannot watch the knowledge directory; edits need a restart', { dir });
  // chokidar follows atomic saves (write a temp file, rename it over) and re-created folders, as fs.watch does not.
  const watcher: FSWatcher = watch(dir, { ignoreInitial: true, atomic: true });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.on('all', (_event, path) => schedule(path));
  watcher.on('error', (err) =>
    warnOnce(`watch: ${String(err)}`, 'knowledge watcher failed', { dir, error: err }),
  );
  const poll = setInterval(() => {
    const now = fingerprint(dir);
    if (now === seen) return;
    // The folder itself was replaced: watch the new one.
    if (now !== MISSING && seen !== MISSING && inode(now) !== inode(seen)) {
      watcher.unwatch(dir);
      watcher.add(dir);
    }
    schedule(null);
  }, pollMs);
  poll.unref();

  return {
    ready,
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      void watcher.close();
    },
  };
}

const MISSING = 'missing';
const inode = (print: string) => print.slice(0, print.indexOf('|'));

/** The folder's inode, then every YAML file's path, size, modification time and inode: cheap, and any save moves it. */
function fingerprint(dir: string): string {
  try {
    const parts: string[] = [];
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !relevant(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      const st = statSync(path);
      parts.push(`${path}:${st.size}:${st.mtimeMs}:${st.ino}`);
    }
    return [statSync(dir).ino, ...parts.sort()].join('|');
  } catch {
    return MISSING;
  }
}

/** YAML files and directories matter; editor swap and backup files do not. */
function relevant(filename: string | null): boolean {
  if (!filename) return true;
  const ext = extname(filename).toLowerCase();
  return ext === '' || ext === '.yml' || ext === '.yaml';
}
