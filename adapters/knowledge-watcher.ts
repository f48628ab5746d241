import { type FSWatcher, watch } from 'node:fs';
import { extname } from 'node:path';
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
}

export interface KnowledgeWatcher {
  close(): void;
}

/** Reloads the fact base when a file under `dir` changes; on errors it warns once and keeps the old base. */
export function watchKnowledge({
  dir,
  log,
  onChange,
  debounceMs = 300,
  check = checkKnowledge,
}: KnowledgeWatcherOptions): KnowledgeWatcher {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // the same broken save seen twice (editors often write twice) should not warn twice
  let lastWarning: string | undefined;

  const reload = () => {
    timer = undefined;
    if (closed) return;
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

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, filename) => schedule(filename));
  } catch (err) {
    log.warn('cannot watch the knowledge directory; edits need a restart', { dir, error: err });
    return { close() {} };
  }
  // a removed or unreadable directory surfaces here; the base already loaded stays in use
  watcher.on('error', (err) =>
    warnOnce(`watch: ${String(err)}`, 'knowledge watcher failed', { dir, error: err }),
  );

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** YAML files and directories matter; editor swap and backup files do not. */
function relevant(filename: string | null): boolean {
  if (!filename) return true;
  const ext = extname(filename).toLowerCase();
  return ext === '' || ext === '.yml' || ext === '.yaml';
}
