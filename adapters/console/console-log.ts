/**
 * Where logs go while the interactive console runs: every line to DATA_DIR/console.log, and warnings and errors also
 * as one short line above the prompt (as digests are printed), so JSON never lands on what the user is typing.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleChat } from './console-chat.js';

export const consoleLogPath = (dataDir: string) => join(dataDir, 'console.log');

export function consoleLogSink(dataDir: string, chat: Pick<ConsoleChat, 'print'>) {
  const file = consoleLogPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  let fileWorks = true;
  return (line: string, level: string) => {
    if (fileWorks) {
      try {
        appendFileSync(file, `${line}\n`);
      } catch {
        fileWorks = false;
      }
    }
    if (level !== 'warn' && level !== 'error') return;
    chat.print(`[${level}] ${summary(line)} (details in ${file})`);
  };
}

/** The message of a JSON log line, with its one-line summary when it has one (a broken fact file). */
function summary(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; summary?: unknown };
    const detail = Array.isArray(entry.summary) ? `: ${entry.summary.join('; ')}` : '';
    return `${entry.msg ?? line}${detail}`;
  } catch {
    return line;
  }
}
