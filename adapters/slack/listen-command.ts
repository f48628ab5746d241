/** `/sitrep …`: ack at once, then answer ephemerally through the response_url with a Share button. */
import type { App, RespondFn } from '@slack/bolt';
import {
  APOLOGY,
  ask,
  callSlack,
  cooldownNote,
  guard,
  type HandlerDeps,
  retryingRespond,
} from './handler-kit.js';
import { renderNote, renderReply, type SlackMessage } from './render-reply.js';
import { normalizeInbound } from './text.js';

export function listenCommand(app: App, deps: HandlerDeps): void {
  app.command(deps.command, async ({ command, ack, respond: respondOnce }) => {
    await ack();
    const respond = retryingRespond(respondOnce);
    const where = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
    const ctx = { handler: 'command', ...where };
    const reply = (message: SlackMessage) =>
      callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(respond, message));
    await guard(
      deps.log,
      ctx,
      async () => {
        const note = cooldownNote(deps, where);
        if (note) return reply(renderNote(note));
        const text = normalizeInbound(command.text);
        const answer = ask(deps, text, where);
        return reply(renderReply(answer, { askText: text, shareable: true, command: deps.command }));
      },
      () => reply(renderNote(APOLOGY)),
    );
  });
}

export function respondEphemeral(respond: RespondFn, message: SlackMessage): Promise<unknown> {
  return respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
