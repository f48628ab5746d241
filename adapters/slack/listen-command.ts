/**
 * `/sitrep …`: the answer travels in the ack itself, as an ephemeral message with a Share button: the core answers in
 * tens of milliseconds, and the user gets the reply one request sooner than through the response_url (which buttons
 * on the reply still use). An answer not ready well before the 3 s deadline is acked with a holding note and sent
 * through the response_url when it is.
 */
import type { App } from '@slack/bolt';
import {
  APOLOGY,
  ask,
  conversationKey,
  cooldownNote,
  type HandlerDeps,
  logHandlerFailure,
  type Where,
} from './handler-kit.js';
import { renderNote, renderReply, type SlackMessage } from './render-reply.js';
import { normalizeInbound } from './text.js';

export function listenCommand(app: App, deps: HandlerDeps): void {
  app.command(deps.command, async ({ command, ack, respond }) => {
    const at = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    const where = { ...at, conversation: conversationKey(at, 'command') };
    const reply = commandReply(deps, command.text, where);
    const ready = await Promise.race([reply, delay(ACK_WITHIN_MS).then(() => undefined)]);
    if (ready)
      return void (await ack({ response_type: 'ephemeral', text: ready.text, blocks: ready.blocks }));
    await ack({ response_type: 'ephemeral', text: 'One moment…' });
    const late = await reply;
    try {
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: late.text,
        blocks: late.blocks,
      });
    } catch (e) {
      logHandlerFailure(deps.log, { handler: 'command', ...where }, e);
    }
  });
}

/** Slack wants the ack within 3 s; we ack within 1 s, and a later answer goes through the response_url. */
const ACK_WITHIN_MS = 700;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Never rejects: a bug in the core is logged and the user gets an apology in its place. */
async function commandReply(deps: HandlerDeps, raw: string, where: Where): Promise<SlackMessage> {
  try {
    const note = cooldownNote(deps, where);
    if (note) return renderNote(note);
    const text = normalizeInbound(raw);
    return renderReply(await ask(deps, text, where), {
      askText: text,
      shareable: true,
      command: deps.command,
    });
  } catch (e) {
    logHandlerFailure(deps.log, { handler: 'command', ...where }, e);
    return renderNote(APOLOGY);
  }
}
