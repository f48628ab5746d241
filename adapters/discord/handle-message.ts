import { type Message, PermissionFlagsBits } from 'discord.js';
import type { Cooldown } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import { forAskerOnly, type Logger } from '../../src/types.js';
import type { SeenIds } from '../seen-ids.js';
import { type RenderedMessage, renderNote } from './render.js';
import type { Render } from './render-memo.js';
import { attempt, NO_PINGS, toWire } from './send.js';
import { cooldownNote, stripBotMention, toQuestion } from './translate.js';

export interface MessageDeps {
  sitrep: Sitrep;
  log: Logger;
  cooldown: Cooldown;
  render: Render;
  /** Messages already answered, by this or another instance. */
  seen: SeenIds;
  now?: () => number;
}

const PRIVATE_ONLY =
  'That reply is shown only to you: use `/sitrep digest action:preview` or `/sitrep report`, or ask me in a DM.';

/** Discord accepts a nonce of at most 25 characters. */
const MAX_NONCE_LENGTH = 25;

/**
 * Everything the bot posts in answer to `message` carries this nonce with enforce_nonce: a request retried after its
 * connection dropped, once Discord had already taken it, returns the message it created instead of posting another.
 */
const replyNonce = (message: Pick<Message, 'id'>): string => message.id.slice(-MAX_NONCE_LENGTH);

const messageConversation = (channelId: string, messageId: string) => `discord:${channelId}:msg:${messageId}`;

/**
 * A DM and a thread are each one conversation; in a channel, a conversation is a chain of replies: a reply to
 * Sitrep's message continues the one that message answered, anything else starts a new one.
 */
function conversationOf(message: Message, repliedTo: string | undefined): string {
  if (!message.inGuild()) return `discord:dm:${message.channelId}`;
  if (message.channel.isThread()) return `discord:thread:${message.channelId}`;
  return messageConversation(message.channelId, repliedTo ?? message.id);
}

/** Answers a mention in a guild channel, a reply to one of Sitrep's messages, or any DM; ignores the rest. */
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
    const once = { nonce: replyNonce(message), enforceNonce: true, allowedMentions: NO_PINGS };
    try {
      const botId = message.client.user.id;
      if (message.author.id === botId || message.author.bot || message.system || message.webhookId) return;
      const isDm = !message.inGuild();
      // A reply to one of Sitrep's messages needs no mention (the user may have turned the reply ping off).
      const repliedTo = message.mentions.repliedUser?.id === botId ? message.reference?.messageId : undefined;
      if (!isDm && !message.mentions.users.has(botId) && !repliedTo) return;
      if (!(await deps.seen.first(`discord:message:${message.id}`))) return;

      let sent: Message | undefined;
      const reply = (body: RenderedMessage) =>
        attempt(deps.log, 'reply to a message', ctx, async () => {
          sent = await message.reply({ ...toWire(body), ...once });
        });

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
      const conversation = conversationOf(message, repliedTo);
      const question = {
        ...toQuestion(text, {
          channelId: message.channelId,
          userId: message.author.id,
          threadId: channel.isThread() ? channel.id : undefined,
        }),
        conversation,
        // As for the slash command: Manage Channels in a server channel; a DM is the user's own channel.
        canManageDigests: message.inGuild()
          ? (message.member?.permissionsIn(message.channel).has(PermissionFlagsBits.ManageChannels) ?? false)
          : true,
      };
      const answer = await deps.sitrep.respond(question);
      // A mention reply is public; in a server channel a preview or the report would be shown to everyone.
      if (!isDm && forAskerOnly(answer)) await reply(renderNote(PRIVATE_ONLY));
      else await reply(deps.render(answer, false));
      // A reply to what Sitrep just sent continues this conversation.
      if (sent)
        await deps.sitrep.linkConversation(conversation, messageConversation(sent.channelId, sent.id));
    } catch (err) {
      deps.log.error('discord: message handler failed', { ...ctx, error: err });
      await attempt(deps.log, 'apologise', ctx, () =>
        message.reply({ ...toWire(renderNote('Sorry, something went wrong.')), ...once }),
      );
    }
  };
}
