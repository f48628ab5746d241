import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIMessage, type APIUser, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { createFakeGateway } from './fake-gateway.js';
import { createFakeRest, type RecordedRequest } from './fake-rest.js';
import { autocomplete, buttonClick, type InteractionWhere, slashCommand } from './interactions.js';
import { messageCreate } from './messages.js';
import { type Shard, snowflake, snowflakeOnShard, user, type World } from './payloads.js';

export type { RecordedRequest } from './fake-rest.js';

export const TOKEN = 'fake-bot-token.0123456789';

export interface FakeDiscordOptions {
  heartbeatMs?: number;
  /** The shard count /gateway/bot recommends. Default: 1 */
  shards?: number;
  /** Shards that may identify at once (discord.js waits 5 s between identifies in one bucket). Default: 1 */
  maxConcurrency?: number;
  /** Fewer shards than this are closed with 4011 (sharding required), as Discord does for large bots. Default: 1 */
  requiredShards?: number;
  /** Puts the guild on this `[shard, count]` (its id decides its shard). Default: a fresh id. */
  guildShard?: Shard;
}

/** A Discord stand-in on 127.0.0.1: REST under /api/v10 and a v10 gateway on the same port. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}) {
  const botId = snowflake();
  const world: World = {
    bot: user(botId, 'Sitrep', true),
    appId: botId,
    guildId: opts.guildShard ? snowflakeOnShard(opts.guildShard) : snowflake(),
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
  const rest = createFakeRest(world, () => `ws://${origin()}`, {
    shards: opts.shards ?? 1,
    maxConcurrency: opts.maxConcurrency ?? 1,
  });
  server.on('request', (req, res) => {
    rest.handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: String(err) }));
    });
  });
  const gateway = createFakeGateway(server, world, () => `ws://${origin()}`, opts);
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
    /** Dispatches the gateway sent, each with the shard it went to. */
    sent: gateway.sent,
    failNext: rest.failNext,
    dispatch: gateway.dispatch,
    dropConnections: gateway.dropConnections,
    connectionCount: gateway.connectionCount,

    /** The `[shard, count]` of every IDENTIFY so far, in order. */
    identifiedShards: (): Shard[] =>
      gateway.frames.entries
        .filter((f) => f.op === GatewayOpcodes.Identify)
        .map((f) => (f.d as { shard: Shard }).shard),

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
