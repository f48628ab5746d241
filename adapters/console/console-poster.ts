/** Posts digests to the console as plain text. */
import type { Writable } from 'node:stream';
import { renderText } from '../../src/render-text.js';
import type { DigestPoster } from '../digest/poster.js';

export function createConsoleDigestPoster(output: Writable): DigestPoster {
  return {
    async post(_channelId, digest) {
      output.write(`\n${renderText({ kind: 'digest', digest })}\n\n`);
    },
  };
}
