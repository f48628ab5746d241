import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { renderText } from '../../src/render-text.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger } from '../../src/types.js';

/** The console's one channel, as digests know it. */
export const CONSOLE_CHANNEL = 'console';

export interface ConsoleChatOptions {
  sitrep: Sitrep;
  log: Logger;
  input: Readable;
  output: Writable;
  /** Show a prompt (a terminal); off when piped. */
  prompt?: boolean;
}

export interface ConsoleChat {
  /** Resolves when the user leaves (quit, exit, Ctrl-D or end of input). */
  closed: Promise<void>;
  /** Posts a message into the channel (a digest) above the prompt, keeping what the user was typing. */
  print(text: string): void;
}

/** A local channel on stdin/stdout: the same commands as Slack and Discord, no account needed. */
export function runConsoleChat({
  sitrep,
  log,
  input,
  output,
  prompt = false,
}: ConsoleChatOptions): ConsoleChat {
  const rl = createInterface({ input, output: prompt ? output : undefined, terminal: prompt });
  const write = (text: string) => output.write(`${text}\n`);
  write('Sitrep local console — ask a question, or type "help". Ctrl-D or "quit" leaves.');
  rl.setPrompt('you> ');
  if (prompt) rl.prompt();

  // Lines are answered in order, one at a time, as a channel would show them.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(() => answerLine(line));
  });
  const answerLine = async (line: string) => {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') {
      rl.close();
      return;
    }
    if (text) {
      try {
        write(
          renderText(
            await sitrep.respond({
              text,
              platform: 'console',
              channelId: CONSOLE_CHANNEL,
              userId: 'local',
              conversation: CONSOLE_CHANNEL,
              canManageDigests: true,
            }),
          ),
        );
      } catch (err) {
        log.error('console handler failed', { err, text: text.slice(0, 200) });
        write('Sorry, something went wrong answering that. It has been logged.');
      }
      write('');
    }
    if (prompt) rl.prompt();
  };
  // Piped input may end while answers are still being worked out: closed means all of them are written.
  const closed = new Promise<void>((resolve) => rl.on('close', () => void queue.then(resolve)));
  return {
    closed,
    print(text) {
      if (!prompt) return void write(`\n${text}\n`);
      // Clear the prompt line, print above it, then redraw the prompt with the half-typed input.
      clearLine(output, 0);
      cursorTo(output, 0);
      write(`${text}\n`);
      rl.prompt(true);
    },
  };
}
