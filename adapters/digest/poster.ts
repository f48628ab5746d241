/** The port each platform implements to post a digest, and the two ways a post can fail. */
import type { Digest } from '../../src/types.js';

export interface DigestPoster {
  /** Posts the digest to a channel; throws RetryableDigestError or PermanentDigestError. `slot` is for tracing. */
  post(channelId: string, digest: Digest, slot?: Date): Promise<void>;
}

/** Worth trying again in this slot: rate limits, network errors, platform hiccups. */
export class RetryableDigestError extends Error {
  override name = 'RetryableDigestError';
  constructor(
    message: string,
    /** The platform's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Will not get better by retrying: channel gone, bot removed, no permission. */
export class PermanentDigestError extends Error {
  override name = 'PermanentDigestError';
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
