/**
 * Stores (digests, insights) signal a locked database by throwing an error with `busy: true`. Commands that need
 * the store try again for a short while without blocking, then say so instead of hanging.
 */
import type { Reply } from './types.js';

export const isStoreBusy = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { busy?: unknown }).busy === true;

export const BUSY_REPLY: Reply = {
  kind: 'notice',
  text: 'The database is busy right now (another process is using it). Please try again in a moment.',
};

/** Waits between tries; the total stays inside the 2 s a user will wait for a command. */
const WAITS_MS = [100, 200, 400, 600];

/** Runs `command`; while the store is busy, tries again a few times (about 1.3 s in all), then answers busy. */
export async function whileStoreBusy(command: () => Reply | Promise<Reply>): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await command();
    } catch (err) {
      const wait = WAITS_MS[attempt];
      if (!isStoreBusy(err)) throw err;
      if (wait === undefined) return BUSY_REPLY;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
