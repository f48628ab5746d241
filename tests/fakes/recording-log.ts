/** A Logger that keeps every entry, so tests can see what the adapter logged. */
import type { Logger } from '../../src/types.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  ctx?: Record<string, unknown>;
}

export function createRecordingLog(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = {
    info: (msg, ctx) => void entries.push({ level: 'info', msg, ctx }),
    warn: (msg, ctx) => void entries.push({ level: 'warn', msg, ctx }),
    error: (msg, ctx) => void entries.push({ level: 'error', msg, ctx }),
  } satisfies Logger;
  return { log, entries };
}
