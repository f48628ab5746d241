/** Posts digests with chat.postMessage; maps Slack's failures onto retryable vs permanent. */
import type { webApi } from '@slack/bolt';
import { renderText } from '../../src/render-text.js';
import type { Digest } from '../../src/types.js';
import {
  CredentialsDigestError,
  type DigestPoster,
  PermanentDigestError,
  RetryableDigestError,
} from '../digest/poster.js';
import { capBlocks, LIMITS } from './blocks.js';
import { errorCode } from './handler-kit.js';
import { renderDigestBlocks } from './render-digest.js';
import { safeText } from './text.js';

/** Errors that retrying cannot fix in this channel: the channel or the bot's access to it is gone. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
]);

/** The workspace refuses the app itself: every channel would fail the same way. */
const CREDENTIALS = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'not_authed',
  'account_inactive',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
]);

/** The whole message, pure: blocks, fallback text and metadata naming the slot (so each post is traceable). */
export function digestMessage(channel: string, digest: Digest, slot?: Date) {
  return {
    channel,
    text: safeText(renderText({ kind: 'digest', digest }), LIMITS.messageText),
    blocks: capBlocks(renderDigestBlocks(digest), []),
    unfurl_links: false,
    unfurl_media: false,
    ...(slot
      ? {
          metadata: {
            event_type: 'sitrep_digest',
            event_payload: { slot: slot.toISOString(), date: digest.date },
          },
        }
      : {}),
  };
}

export function createSlackDigestPoster(client: webApi.WebClient): DigestPoster {
  return {
    async post(channelId, digest, slot) {
      try {
        await client.chat.postMessage(digestMessage(channelId, digest, slot));
      } catch (e) {
        const code = errorCode(e);
        if (CREDENTIALS.has(code)) throw new CredentialsDigestError(`Slack: ${code}`);
        if (PERMANENT.has(code)) throw new PermanentDigestError(`Slack: ${code}`);
        const retryAfter = (e as { retryAfter?: unknown }).retryAfter;
        throw new RetryableDigestError(
          `Slack: ${code}`,
          typeof retryAfter === 'number' ? retryAfter * 1000 : undefined,
        );
      }
    },
    async alreadyPosted(channel, slot) {
      try {
        // Sitrep names each digest's slot in its message metadata; the history shows it only to the history scopes.
        const res = await client.conversations.history({
          channel,
          oldest: String(Math.floor(slot.getTime() / 1000) - 60),
          limit: 200,
          include_all_metadata: true,
        });
        return (res.messages ?? []).some(
          (m) =>
            m.metadata?.event_type === 'sitrep_digest' &&
            (m.metadata.event_payload as { slot?: unknown } | undefined)?.slot === slot.toISOString(),
        );
      } catch (e) {
        if (['missing_scope', 'not_in_channel', 'channel_not_found'].includes(errorCode(e))) return undefined;
        throw e;
      }
    },
    async credentialsWork() {
      try {
        await client.auth.test();
        return true;
      } catch (e) {
        if (CREDENTIALS.has(errorCode(e))) return false;
        throw e;
      }
    },
  };
}
