import type { CooldownResult } from '../../src/cooldown.js';
import type { Question } from '../../src/types.js';

/** Where a Discord event happened, as the core's Question wants it. */
export interface Origin {
  channelId: string | null;
  userId: string;
  /** Set when the channel is a thread. */
  threadId?: string;
}

export function toQuestion(text: string, origin: Origin): Question {
  return {
    text,
    platform: 'discord',
    // DMs without a cached channel still need a stable key per conversation.
    channelId: origin.channelId ?? `dm:${origin.userId}`,
    userId: origin.userId,
    ...(origin.threadId ? { threadId: origin.threadId } : {}),
  };
}

/** Removes every `<@id>` / `<@!id>` mention of the bot and tidies the whitespace left behind. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The short note shown when a cooldown refuses a request. */
export function cooldownNote(result: Extract<CooldownResult, { ok: false }>): string {
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  return result.scope === 'user'
    ? `You're asking quickly. Try again in ${seconds} s.`
    : `This channel is busy. Try again in ${seconds} s.`;
}
