/** Posts digests into the local console's channel. */
import { renderText } from '../../src/render-text.js';
import type { DigestPoster } from '../digest/poster.js';
import type { ConsoleChat } from './console-chat.js';

export function createConsoleDigestPoster(chat: Pick<ConsoleChat, 'print'>): DigestPoster {
  return {
    async post(_channelId, digest) {
      chat.print(renderText({ kind: 'digest', digest }));
    },
  };
}
