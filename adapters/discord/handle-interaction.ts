import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
  type RepliableInteraction,
} from 'discord.js';
import type { Cooldown } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger, Reply } from '../../src/types.js';
import type { SeenIds } from '../seen-ids.js';
import { COMMAND_NAME, commandText, findSubcommand, PUBLIC_OPTION } from './commands.js';
import type { ButtonCodec } from './custom-id.js';
import { withoutPublishButton } from './public-copy.js';
import { type RenderedMessage, renderNote } from './render.js';
import type { Render } from './render-memo.js';
import { attempt, NO_PINGS, toWire } from './send.js';
import { cooldownNote, toQuestion } from './translate.js';

/** A reply not ready by then is deferred (Discord allows 3 s for the first response). */
const DEFER_AFTER_MS = 700;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export interface HandlerDeps {
  sitrep: Sitrep;
  log: Logger;
  cooldown: Cooldown;
  codec: ButtonCodec;
  render: Render;
  /** Interactions already handled, by this or another instance. */
  seen: SeenIds;
}

const contextOf = (i: Interaction) => ({
  interactionId: i.id,
  userId: i.user.id,
  channelId: i.channelId,
  guildId: i.guildId,
});

const originOf = (i: Interaction) => ({
  channelId: i.channelId,
  userId: i.user.id,
  threadId: i.channel?.isThread() ? i.channel.id : undefined,
});

/** Sends (or, after a defer, edits in) a message with pings disabled; failures are logged, not thrown. */
function send(i: RepliableInteraction, msg: RenderedMessage, ephemeral: boolean, deps: HandlerDeps) {
  const body = { ...toWire(msg), allowedMentions: NO_PINGS };
  return attempt(deps.log, 'respond to an interaction', contextOf(i), () => {
    if (i.deferred) return i.editReply(body);
    if (i.replied) return i.followUp({ ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    return i.reply({ ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  });
}

/** Replies at once when the answer is ready; anything asynchronous is deferred first (3 s interaction deadline). */
async function answer(
  i: RepliableInteraction,
  produce: () => Reply | Promise<Reply>,
  isPublic: boolean,
  deps: HandlerDeps,
) {
  const result = Promise.resolve(produce());
  // Most replies are ready in milliseconds and go out at once; a slow one is deferred well before Discord's 3 s.
  const inTime = await Promise.race([result.then(() => true), delay(DEFER_AFTER_MS).then(() => false)]);
  if (!inTime) {
    const flags = isPublic ? undefined : MessageFlags.Ephemeral;
    const deferred = await attempt(deps.log, 'defer a reply', contextOf(i), () => i.deferReply({ flags }));
    if (!deferred) return;
  }
  const reply = await result;
  await send(i, deps.render(reply, !isPublic), !isPublic, deps);
}

/** Takes a cooldown slot, or tells the user to wait and returns false. */
async function admitted(i: RepliableInteraction, deps: HandlerDeps): Promise<boolean> {
  const result = deps.cooldown.take(`discord:${i.user.id}`, `discord:${i.channelId ?? `dm:${i.user.id}`}`);
  if (result.ok) return true;
  deps.log.info('discord: cooldown', { ...contextOf(i), scope: result.scope });
  await send(i, renderNote(cooldownNote(result)), true, deps);
  return false;
}

async function onChatInput(i: ChatInputCommandInteraction, deps: HandlerDeps) {
  if (i.commandName !== COMMAND_NAME) return;
  const spec = findSubcommand(i.options.getSubcommand());
  if (!spec) {
    await send(i, renderNote('That command is not available yet.'), true, deps);
    return;
  }
  if (!(await admitted(i, deps))) return;
  const cmd = spec.toCommand(i.options);
  // A preview and the curator report are for the asker only, whatever `public` says.
  const privateOnly = (cmd.name === 'digest' && cmd.action === 'preview') || cmd.name === 'report';
  const isPublic = !privateOnly && (i.options.getBoolean(PUBLIC_OPTION) ?? false);
  const q = {
    ...toQuestion(commandText(cmd), originOf(i)),
    // Each user's slash commands in a channel are one conversation ("/sitrep ask question:who said that?").
    conversation: `discord:${i.channelId ?? 'dm'}:user:${i.user.id}`,
    // memberPermissions are the member's resolved permissions in this channel. A DM is the user's own channel.
    canManageDigests: i.inGuild() ? i.memberPermissions.has(PermissionFlagsBits.ManageChannels) : true,
  };
  await answer(i, () => deps.sitrep.run(cmd, q), isPublic, deps);
}

async function onAutocomplete(i: AutocompleteInteraction, deps: HandlerDeps) {
  const spec = findSubcommand(i.options.getSubcommand(false) ?? '');
  let choices: { name: string; value: string }[] = [];
  try {
    choices = spec?.complete?.(deps.sitrep, String(i.options.getFocused())) ?? [];
  } catch (err) {
    deps.log.error('discord: autocomplete failed', { ...contextOf(i), error: err });
  }
  await attempt(deps.log, 'answer autocomplete', contextOf(i), () => i.respond(choices));
}

async function onButton(i: ButtonInteraction, deps: HandlerDeps) {
  const action = deps.codec.decode(i.customId);
  if (action === 'expired' || action === 'invalid') {
    if (action === 'invalid')
      deps.log.warn('discord: unknown button', { ...contextOf(i), customId: i.customId });
    await send(i, renderNote('This button is no longer valid. Ask again with `/sitrep ask`.'), true, deps);
    return;
  }
  switch (action.kind) {
    case 'ask': {
      if (!(await admitted(i, deps))) return;
      // Through the shared grammar: a suggestion may be a command such as "figures".
      await answer(i, () => deps.sitrep.respond(toQuestion(action.text, originOf(i))), false, deps);
      return;
    }
    case 'feedback': {
      const { helpful, factId, question } = action;
      const { channelId, userId } = toQuestion(question, originOf(i));
      deps.sitrep.feedback({ helpful, factId, question, platform: 'discord', channelId, userId });
      deps.log.info('discord: feedback', { ...contextOf(i), helpful, factId });
      await send(i, renderNote('Thanks, noted.'), true, deps);
      return;
    }
    case 'publish': {
      if (!(await admitted(i, deps))) return;
      // Only a message that offered "Post publicly" may be copied: a forged click on any other one posts nothing.
      const copy = withoutPublishButton(i.message, deps.codec);
      if (!copy) {
        await send(i, renderNote('There is nothing to post.'), true, deps);
        return;
      }
      await send(i, copy, false, deps);
      return;
    }
  }
}

/** Routes every interaction; never throws, so one bad event cannot take the bot down. */
export function createInteractionHandler(deps: HandlerDeps): (i: Interaction) => Promise<void> {
  return async (i) => {
    try {
      // Another instance on the same shard got this interaction too; only one may answer it.
      if (!(await deps.seen.first(`discord:interaction:${i.id}`))) return;
      if (i.isAutocomplete()) await onAutocomplete(i, deps);
      else if (i.isChatInputCommand()) await onChatInput(i, deps);
      else if (i.isButton()) await onButton(i, deps);
    } catch (err) {
      deps.log.error('discord: interaction handler failed', { ...contextOf(i), error: err });
      if (i.isRepliable() && !i.replied)
        await send(i, renderNote('Sorry, something went wrong.'), true, deps);
    }
  };
}
