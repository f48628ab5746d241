/** The port each platform implements to post a digest, and the two ways a post can fail. */
import type { Digest } from '../../src/types.js';

export interface DigestPoster {
  /**
   * Posts the digest to a channel; throws RetryableDigestError, PermanentDigestError or CredentialsDigestError.
   * `slot` is for tracing.
   */
  post(channelId: string, digest: Digest, slot?: Date): Promise<void>;
  /**
   * Whether the platform accepts the bot's credentials (false: refused); throws when that cannot be told now
   * (network down). Without it, posting is simply tried again after the hold.
   */
  credentialsWork?(): Promise<boolean>;
  /**
   * Whether the digest of `slot` is already in the channel (a post that went through just before its poster died);
   * undefined when the platform cannot tell.
   */
  alreadyPosted?(channelId: string, slot: Date): Promise<boolean | undefined>;
  /** The platform itself drops a repeat of the same slot's post (Discord's nonce), so posting again is safe. */
  dropsRepeats?: boolean;
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

/** Will not get better by retrying in this channel: channel gone, bot removed, no permission there. */
export class PermanentDigestError extends Error {
  override name = 'PermanentDigestError';
}

/**
 * The platform refused the bot's own credentials (revoked token, missing scope): no channel is at fault, so none
 * is paused; posting on that platform waits until the credentials work again.
 */
export class CredentialsDigestError extends Error {
  override name = 'CredentialsDigestError';
}

/**
 * Pause reasons that earlier versions recorded for credential failures (they paused every channel); such pauses
 * are lifted at start.
 */
export const CREDENTIALS_PAUSE =
  /\b(invalid_auth|token_revoked|token_expired|not_authed|account_inactive|missing_scope|401)\b/;

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
