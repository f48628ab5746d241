import type { Logger } from '../src/types.js';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** One line per event on stderr, so stdout stays free for answers (CLI, console). */
export function createLogger(
  level: Level,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const emit = (at: Exclude<Level, 'silent'>, msg: string, ctx?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...ctx }, errorReplacer));
  };
  return {
    info: (msg, ctx) => emit('info', msg, ctx),
    warn: (msg, ctx) => emit('warn', msg, ctx),
    error: (msg, ctx) => emit('error', msg, ctx),
  };
}

/** A logger whose lines can be sent elsewhere later: the console moves them off its prompt once it opens. */
export function createRoutableLogger(level: Level): {
  log: Logger;
  route(write: (line: string, level: string) => void): void;
} {
  let sink: (line: string, level: string) => void = (l) => process.stderr.write(`${l}\n`);
  const levelOf = (line: string) => /"level":"(\w+)"/.exec(line)?.[1] ?? 'info';
  return {
    log: createLogger(level, (line) => sink(line, levelOf(line))),
    route(write) {
      sink = write;
    },
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
