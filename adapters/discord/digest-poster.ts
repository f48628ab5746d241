/** Posts digests as an embed to a channel over REST; maps Discord's failures onto retryable vs permanent. */
import { createHash } from 'node:crypto';
import { type Client, DiscordAPIError, RateLimitError, Routes } from 'discord.js';
import {
  CredentialsDigestError,
  type DigestPoster,
  messageOf,
  PermanentDigestError,
  RetryableDigestError,
} from '../digest/poster.js';
import { renderDigestEmbed } from './render-digest.js';

/** Unknown Channel, Unknown Guild, Missing Access, Missing Permissions, Cannot send messages to this user. */
const PERMANENT_CODES = new Set([10003, 10004, 50001, 50013, 50007]);

/**
 * One nonce per channel and slot, sent with enforce_nonce: Discord returns the first message for a repeat within a
 * few minutes, so a slot taken over after its poster died mid-post appears once. At most 25 characters.
 */
export const slotNonce = (channelId: string, slot: Date) =>
  createHash('sha256').update(`${channelId}:${slot.toISOString()}`).digest('hex').slice(0, 25);

export function createDiscordDigestPoster(client: Client): DigestPoster {
  return {
    dropsRepeats: true,
    async post(channelId, digest, slot) {
      try {
        await client.rest.post(Routes.channelMessages(channelId), {
          body: {
            embeds: [renderDigestEmbed(digest)],
            allowed_mentions: { parse: [] },
            ...(slot ? { nonce: slotNonce(channelId, slot), enforce_nonce: true } : {}),
          },
        });
      } catch (e) {
        if (e instanceof DiscordAPIError && e.status === 401)
          throw new CredentialsDigestError(`Discord: ${e.message} (401)`);
        if (e instanceof RateLimitError)
          throw new RetryableDigestError('Discord: rate limited', e.retryAfter);
        if (
          e instanceof DiscordAPIError &&
          (PERMANENT_CODES.has(Number(e.code)) || [403, 404].includes(e.status))
        )
          throw new PermanentDigestError(`Discord: ${e.message} (${e.code})`);
        throw new RetryableDigestError(`Discord: ${messageOf(e)}`);
      }
    },
    async credentialsWork() {
      try {
        await client.rest.get(Routes.user('@me'));
        return true;
      } catch (e) {
        // After a 401 discord.js drops the token for good: only a restart with a working DISCORD_TOKEN helps.
        if (e instanceof DiscordAPIError && e.status === 401) return false;
        if (/Expected token to be set/.test(messageOf(e))) return false;
        throw e;
      }
    },
  };
}
