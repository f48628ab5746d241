/** Buttons: share a reply publicly, ask a suggested question, and Helpful / Not helpful votes. */
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import { type FeedbackEvent, forAskerOnly } from '../../src/types.js';
import { ACTION, ASK_ACTION, decodeFeedback } from './action-values.js';
import {
  APOLOGY,
  ask,
  callSlack,
  cooldownNote,
  forWebApi,
  guard,
  type HandlerDeps,
  respondEphemeral,
  retryingRespond,
  type Where,
} from './handler-kit.js';
import { renderNote, renderReply, THANKS } from './render-reply.js';
import { mentionUser } from './text.js';

type ButtonBody = BlockAction<ButtonAction>;

interface Click {
  body: ButtonBody;
  action: ButtonAction;
  respond: RespondFn;
  client: webApi.WebClient;
}

const NOT_IN_CHANNEL = ['not_in_channel', 'channel_not_found'];
const ONLY_YOU = "That reply is for you only, so it can't be shared in the channel.";

function whereOf(body: ButtonBody): Where {
  return { teamId: body.team?.id, channelId: body.channel?.id ?? '', userId: body.user.id };
}

/** Replies only the clicker sees (ephemeral or via response_url) are followed up the same way. */
function isEphemeral(body: ButtonBody): boolean {
  return body.container?.is_ephemeral === true || body.message === undefined;
}

export function listenActions(app: App, deps: HandlerDeps): void {
  const handle =
    (name: string, work: (c: Click, where: Where) => Promise<unknown>) =>
    async (args: Click & { ack: () => Promise<void> }) => {
      await args.ack();
      const click: Click = {
        body: args.body,
        action: args.action,
        client: args.client,
        respond: retryingRespond(args.respond),
      };
      const where = whereOf(click.body);
      const ctx = { handler: name, ...where };
      const reply = (text: string) =>
        callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(click.respond, renderNote(text)));
      await guard(
        deps.log,
        ctx,
        () => work(click, where),
        () => reply(APOLOGY),
      );
    };

  const routes: [string | RegExp, string, (c: Click, where: Where) => Promise<unknown>][] = [
    [ACTION.share, 'share', (c, where) => share(deps, c, where)],
    [ASK_ACTION, 'ask', (c, where) => askFollowUp(deps, c, where)],
    [ACTION.helpful, 'feedback', (c, where) => vote(deps, c, where, true)],
    [ACTION.unhelpful, 'feedback', (c, where) => vote(deps, c, where, false)],
  ];
  for (const [actionId, name, work] of routes) app.action<ButtonBody>(actionId, handle(name, work));
}

async function share(deps: HandlerDeps, { action, respond, client }: Click, where: Where): Promise<unknown> {
  const ctx = { handler: 'share', ...where };
  const note = cooldownNote(deps, where);
  if (note)
    return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(respond, renderNote(note)));
  const text = action.value ?? '';
  const reply = await ask(deps, text, where);
  // Share buttons carry the question as text, and a click can be forged: check again what it asks for.
  if (forAskerOnly(reply))
    return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(respond, renderNote(ONLY_YOU)));
  const message = renderReply(reply, {
    askText: text,
    byline: `Shared by ${mentionUser(where.userId)}`,
    command: deps.command,
  });
  const posted = await callSlack(deps.log, 'chat.postMessage', ctx, () =>
    client.chat.postMessage({ channel: where.channelId, ...forWebApi(message), unfurl_links: false }),
  );
  if (posted.ok) return callSlack(deps.log, 'response_url', ctx, () => respond({ delete_original: true }));
  const why = NOT_IN_CHANNEL.includes(posted.error)
    ? `I can't post in this channel. Invite me with \`/invite @Sitrep\` and try again.`
    : `I couldn't share that (${posted.error}).`;
  return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(respond, renderNote(why)));
}

async function askFollowUp(deps: HandlerDeps, c: Click, where: Where): Promise<unknown> {
  const ctx = { handler: 'ask', ...where };
  const text = c.action.value ?? '';
  const ephemeral = isEphemeral(c.body);
  const message = c.body.message;
  // Follow-ups to a public reply go to its thread; in a DM there may be no thread to go to.
  const threadTs: string | undefined =
    message?.thread_ts ?? (where.channelId.startsWith('D') ? undefined : message?.ts);
  const note = cooldownNote(deps, where);
  if (note) {
    if (ephemeral)
      return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(c.respond, renderNote(note)));
    return callSlack(deps.log, 'chat.postEphemeral', ctx, () =>
      c.client.chat.postEphemeral({ channel: where.channelId, user: where.userId, ...renderNote(note) }),
    );
  }
  const reply = await ask(deps, text, { ...where, threadId: threadTs });
  if (ephemeral) {
    const rendered = renderReply(reply, { askText: text, shareable: true, command: deps.command });
    return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(c.respond, rendered));
  }
  const thread = threadTs ? { thread_ts: threadTs } : {};
  if (forAskerOnly(reply)) {
    const rendered = forWebApi(renderReply(reply, { askText: text, command: deps.command }));
    return callSlack(deps.log, 'chat.postEphemeral', ctx, () =>
      c.client.chat.postEphemeral({ channel: where.channelId, user: where.userId, ...thread, ...rendered }),
    );
  }
  const rendered = renderReply(reply, {
    askText: text,
    byline: `Asked by ${mentionUser(where.userId)}`,
    command: deps.command,
  });
  return callSlack(deps.log, 'chat.postMessage', ctx, () =>
    c.client.chat.postMessage({
      channel: where.channelId,
      ...thread,
      ...forWebApi(rendered),
      unfurl_links: false,
    }),
  );
}

async function vote(deps: HandlerDeps, c: Click, where: Where, helpful: boolean): Promise<unknown> {
  const ctx = { handler: 'feedback', ...where };
  const value = decodeFeedback(c.action.value);
  if (!value) {
    deps.log.warn('slack feedback with unreadable value', ctx);
    return;
  }
  const feedback: FeedbackEvent = {
    helpful,
    ...(value.f ? { factId: value.f } : {}),
    question: value.q,
    platform: 'slack',
    channelId: where.channelId,
    userId: where.userId,
  };
  deps.sitrep.feedback(feedback);
  deps.log.info('slack feedback recorded', { ...feedback });
  if (!isEphemeral(c.body)) {
    return callSlack(deps.log, 'response_url', ctx, () => respondEphemeral(c.respond, renderNote(THANKS)));
  }
  // An ephemeral reply cannot be read back, so re-render it with the vote buttons replaced.
  const rendered = renderReply(await ask(deps, value.s, where), {
    askText: value.s,
    shareable: true,
    feedbackRecorded: true,
    command: deps.command,
  });
  return callSlack(deps.log, 'response_url', ctx, () => c.respond({ replace_original: true, ...rendered }));
}
