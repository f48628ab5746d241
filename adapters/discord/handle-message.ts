import type { Message } from 'discord.js';
import type { Cooldown } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger } from '../../src/types.js';
import type { ButtonCodec } from './custom-id.js';
import { type RenderedMessage, renderNote, renderReply } from './render.js';
import { attempt, NO_PINGS } from './send.js';
import { cooldownNote, stripBotMention, toQuestion } from './translate.js';

export interface MessageDeps {
  sitrep: Sitrep;
  log: Logger;
  cooldown: Cooldown;
  codec: ButtonCodec;
  now?: () => number;
}

/** Answers a mention in a guild channel, or any DM; everything else is ignored. */
export function createMessageHandler(deps: MessageDeps): (message: Message) => Promise<void> {
  const now = deps.now ?? Date.now;
  // Cooldown notes go out once per window, so a flood of messages is not answered by a flood of notes.
  const quietUntil = new Map<string, number>();

  const shouldNote = (key: string, retryAfterMs: number): boolean => {
    const t = now();
    if ((quietUntil.get(key) ?? 0) > t) return false;
    if (quietUntil.size > 1000) for (const [k, until] of quietUntil) if (until <= t) quietUntil.delete(k);
    quietUntil.set(key, t + retryAfterMs);
    return true;
  };

  return async (message) => {
    const ctx = { messageId: message.id, channelId: message.channelId, userId: message.author.id };
    try {
      const botId = message.client.user.id;
      if (message.author.id === botId || message.author.bot || message.system || message.webhookId) return;
      const isDm = !message.inGuild();
      if (!isDm && !message.mentions.users.has(botId)) return;

      const reply = (body: RenderedMessage) =>
        attempt(deps.log, 'reply to a message', ctx, () =>
          message.reply({ ...body, allowedMentions: NO_PINGS }),
        );

      const userKey = `discord:${message.author.id}`;
      const gate = deps.cooldown.take(userKey, `discord:${message.channelId}`);
      if (!gate.ok) {
        deps.log.info('discord: cooldown', { ...ctx, scope: gate.scope });
        if (
          shouldNote(
            `${gate.scope}:${gate.scope === 'user' ? userKey : message.channelId}`,
            gate.retryAfterMs,
          )
        ) {
          await reply(renderNote(cooldownNote(gate)));
        }
        return;
      }

      const text = stripBotMention(message.content, botId);
      const channel = message.channel;
      const question = toQuestion(text, {
        channelId: message.channelId,
        userId: message.author.id,
        threadId: channel.isThread() ? channel.id : undefined,
      });
      await reply(renderReply(deps.sitrep.respond(question), { codec: deps.codec, publishable: false }));
    } catch (err) {
      deps.log.error('discord: message handler failed', { ...ctx, error: err });
      await attempt(deps.log, 'apologise', ctx, () =>
        message.reply({ ...renderNote('Sorry, something went wrong.'), allowedMentions: NO_PINGS }),
      );
    }
  };
}
