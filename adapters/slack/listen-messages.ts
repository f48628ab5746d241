/** `@Sitrep …` in channels (answered in the mention's thread) and direct messages. */

import type { App, webApi } from '@slack/bolt';
import { forAskerOnly } from '../../src/types.js';
import {
  APOLOGY,
  ask,
  callSlack,
  conversationKey,
  cooldownNote,
  forWebApi,
  guard,
  type HandlerDeps,
  type Where,
} from './handler-kit.js';
import { renderNote, renderReply } from './render-reply.js';
import { normalizeInbound } from './text.js';

interface Incoming {
  teamId?: string;
  channel: string;
  user: string;
  ts: string;
  threadTs?: string;
  text: string;
  botUserId?: string;
}

export function listenMessages(app: App, deps: HandlerDeps): void {
  app.event('app_mention', async ({ event, context, client }) => {
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    await answerMessage(deps, client, {
      teamId: context.teamId,
      channel: event.channel,
      user: event.user,
      ts: event.ts,
      threadTs: event.thread_ts ?? event.ts,
      text: event.text,
      botUserId: context.botUserId,
    });
  });

  app.event('message', async ({ event, context, client }) => {
    // Edits, joins, bot posts (ours included) and other subtypes are not questions.
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    await answerMessage(deps, client, {
      teamId: context.teamId,
      channel: event.channel,
      user: event.user,
      ts: event.ts,
      threadTs: event.thread_ts,
      text: event.text ?? '',
      botUserId: context.botUserId,
    });
  });
}

async function answerMessage(deps: HandlerDeps, client: webApi.WebClient, m: Incoming): Promise<void> {
  // A mention in a DM can arrive as both app_mention and message.im: same message, answer once.
  if (!(await deps.seen.first(`message:${m.channel}:${m.ts}`))) return;
  const at = { teamId: m.teamId, channelId: m.channel, userId: m.user, threadId: m.threadTs };
  const where: Where = { ...at, conversation: conversationKey(at, 'message') };
  const ctx = { handler: 'message', ...where, ts: m.ts };
  const thread = m.threadTs ? { thread_ts: m.threadTs } : {};
  const whisper = (text: string) =>
    callSlack(deps.log, 'chat.postEphemeral', ctx, () =>
      client.chat.postEphemeral({ channel: m.channel, user: m.user, ...thread, ...renderNote(text) }),
    );
  await guard(
    deps.log,
    ctx,
    async () => {
      const note = cooldownNote(deps, where);
      if (note) return whisper(note);
      const text = normalizeInbound(m.text, m.botUserId);
      const reply = await ask(deps, text, where);
      const message = forWebApi(renderReply(reply, { askText: text, command: deps.command }));
      // A digest preview and the curator report are for the asker only, even when asked by mention.
      if (forAskerOnly(reply))
        return callSlack(deps.log, 'chat.postEphemeral', ctx, () =>
          client.chat.postEphemeral({ channel: m.channel, user: m.user, ...thread, ...message }),
        );
      return callSlack(deps.log, 'chat.postMessage', ctx, () =>
        client.chat.postMessage({ channel: m.channel, ...thread, ...message, unfurl_links: false }),
      );
    },
    () => whisper(APOLOGY),
  );
}
