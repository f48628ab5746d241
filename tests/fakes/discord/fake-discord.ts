import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIMessage, type APIUser, GatewayDispatchEvents } from 'discord.js';
import { createFakeGateway } from './fake-gateway.js';
import { createFakeRest, type RecordedRequest } from './fake-rest.js';
import { autocomplete, buttonClick, type InteractionWhere, slashCommand } from './interactions.js';
import { messageCreate } from './messages.js';
import { snowflake, user, type World } from './payloads.js';

export type { RecordedRequest } from './fake-rest.js';

export const TOKEN = 'fake-bot-token.0123456789';

/** A Discord stand-in on 127.0.0.1: REST under /api/v10 and a v10 gateway on the same port. */
export async function startFakeDiscord(opts: { heartbeatMs?: number } = {}) {
  const botId = snowflake();
  const world: World = {
    bot: user(botId, 'Sitrep', true),
    appId: botId,
    guildId: snowflake(),
    channelId: snowflake(),
    threadId: snowflake(),
    roleId: snowflake(),
    human: user(snowflake(), 'analyst'),
  };
  const otherBot = user(snowflake(), 'OtherBot', true);
  const dmChannelId = snowflake();
  const commandId = snowflake();

  const server = createServer();
  const origin = () => `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rest = createFakeRest(world, () => `ws://${origin()}`);
  server.on('request', (req, res) => {
    rest.handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: String(err) }));
    });
  });
  const gateway = createFakeGateway(server, world, () => `ws://${origin()}`, opts.heartbeatMs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const where = (dm?: boolean, who: APIUser = world.human): InteractionWhere =>
    dm ? { user: who, dm: { channelId: dmChannelId } } : { user: who };
  const deliver = <T extends { id: string; token: string }>(interaction: T): T => {
    gateway.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
    return interaction;
  };

  return {
    world,
    otherBot,
    dmChannelId,
    apiUrl: `http://${origin()}/api`,
    requests: rest.requests,
    /** Messages the bot created in channels; a request repeated with an enforced nonce creates none. */
    created: rest.created,
    frames: gateway.frames,
    failNext: rest.failNext,
    dispatch: gateway.dispatch,
    dropConnections: gateway.dropConnections,
    connectionCount: gateway.connectionCount,

    waitForRequest: (match: (r: RecordedRequest) => boolean, timeoutMs?: number) =>
      rest.requests.waitFor(match, timeoutMs),
    /** The message the bot's callback to `interaction` created, once that callback has arrived. */
    messageFor(interaction: { token: string }): APIMessage {
      const message = rest.original(interaction.token);
      if (!message) throw new Error('the bot has not answered that interaction yet');
      return message;
    },
    /** The interaction callback the bot posted for `interaction`. */
    callbackFor: (interaction: { id: string; token: string }, timeoutMs?: number) =>
      rest.requests.waitFor(
        (r) =>
          r.method === 'POST' && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
        timeoutMs,
      ),

    slash: (
      subcommand: string,
      options: Record<string, string | boolean> = {},
      o: { dm?: boolean; who?: APIUser } = {},
    ) => deliver(slashCommand(world, where(o.dm, o.who), commandId, subcommand, options)),
    autocomplete: (subcommand: string, focused: { name: string; value: string }) =>
      deliver(autocomplete(world, where(), commandId, subcommand, focused)),
    click: (message: APIMessage, customId: string, o: { dm?: boolean; who?: APIUser } = {}) =>
      deliver(buttonClick(world, where(o.dm, o.who), message, customId)),

    /**
     * A user message: in the guild channel unless `dm` or `thread`; `mentions` lists users Discord parsed as
     * mentioned; `replyTo` makes it a reply to that message (without pinging its author).
     */
    say(
      content: string,
      o: {
        author?: APIUser;
        mentions?: APIUser[];
        dm?: boolean;
        thread?: boolean;
        replyTo?: APIMessage;
      } = {},
    ) {
      const author = o.author ?? world.human;
      const channelId = o.dm ? dmChannelId : o.thread ? world.threadId : world.channelId;
      const payload = messageCreate({
        content,
        author,
        mentions: o.mentions,
        channelId,
        ...(o.dm ? {} : { guildId: world.guildId }),
        ...(o.replyTo ? { replyTo: o.replyTo } : {}),
      });
      gateway.dispatch(GatewayDispatchEvents.MessageCreate, payload);
      return payload;
    },

    async close(): Promise<void> {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
