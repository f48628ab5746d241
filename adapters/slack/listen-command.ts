/**
 * `/sitrep …`: the answer travels in the ack itself, as an ephemeral message with a Share button. The core answers in
 * well under a millisecond, so the 3 s ack deadline is never at risk, and the user gets the reply one request sooner
 * than through the response_url (which buttons on the reply still use).
 */
import type { App } from '@slack/bolt';
import {
  APOLOGY,
  ask,
  cooldownNote,
  type HandlerDeps,
  logHandlerFailure,
  type Where,
} from './handler-kit.js';
import { renderNote, renderReply, type SlackMessage } from './render-reply.js';
import { normalizeInbound } from './text.js';

export function listenCommand(app: App, deps: HandlerDeps): void {
  app.command(deps.command, async ({ command, ack }) => {
    const where = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    const message = commandReply(deps, command.text, where);
    await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });
}

/** Never throws: a bug in the core is logged and the user gets an apology in its place. */
function commandReply(deps: HandlerDeps, raw: string, where: Where): SlackMessage {
  try {
    const note = cooldownNote(deps, where);
    if (note) return renderNote(note);
    const text = normalizeInbound(raw);
    return renderReply(ask(deps, text, where), { askText: text, shareable: true, command: deps.command });
  } catch (e) {
    logHandlerFailure(deps.log, { handler: 'command', ...where }, e);
    return renderNote(APOLOGY);
  }
}
