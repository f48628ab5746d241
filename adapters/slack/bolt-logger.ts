/** Bolt's Logger on top of Sitrep's structured Logger, so Bolt's warnings land in the same log. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/types.js';

function describe(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (p instanceof Error) return p.message;
      if (typeof p === 'string') return p;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ');
}

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    // Bolt and the WebClient log every request at debug level: too noisy for the app log.
    debug: () => {},
    info: (...msg: unknown[]) => log.info(describe(msg), { source: name }),
    warn: (...msg: unknown[]) => log.warn(describe(msg), { source: name }),
    error: (...msg: unknown[]) => log.error(describe(msg), { source: name }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
