import {
  Client,
  type ClientOptions,
  DefaultRestOptions,
  Events,
  GatewayIntentBits,
  Partials,
  type RateLimitData,
} from 'discord.js';
import { type CooldownOptions, createCooldown, DEFAULT_COOLDOWN } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger } from '../../src/types.js';
import type { DiscordConfig, DiscordShards } from '../config.js';
import type { DigestPoster } from '../digest/poster.js';
import { createInFlight, STOP_GRACE_MS } from '../in-flight.js';
import { memorySeenIds, type SeenIds } from '../seen-ids.js';
import { PlatformRefusedError, UnreachableError } from '../start-failure.js';
import { createButtonCodec } from './custom-id.js';
import { createDiscordDigestPoster } from './digest-poster.js';
import { createInteractionHandler } from './handle-interaction.js';
import { createMessageHandler } from './handle-message.js';
import { createRender } from './render-memo.js';
import { NO_PINGS } from './send.js';

export { commandDefinitions } from './commands.js';
export { registerCommands } from './register-commands.js';

export interface StartDiscordOptions {
  config: DiscordConfig;
  sitrep: Sitrep;
  log: Logger;
  cooldown?: CooldownOptions;
  /** Events already handled, shared by every instance on one database; this process's memory when unset. */
  seen?: SeenIds;
}

/** Waiting out a longer rate limit would stall replies for everyone; fail that call and log it instead. */
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

// @discordjs/rest emits no event for an unexpected 429 response; this filter is the one hook that sees every
// rate limit (pre-emptive or a 429), so it logs them and decides whether to wait.
const rateLimitPolicy = (log: Logger) => (info: RateLimitData) => {
  log.warn('discord: rate limited', {
    route: info.route,
    method: info.method,
    retryAfterMs: info.retryAfter,
    global: info.global,
    scope: info.scope,
  });
  return info.retryAfter > MAX_RATE_LIMIT_WAIT_MS;
};

/** Connection failures that @discordjs/rest does not retry on its own (it retries only ECONNRESET and timeouts). */
const DROPPED_CONNECTION = new Set<unknown>(['UND_ERR_SOCKET', 'ECONNREFUSED', 'EPIPE']);

// undici reports a connection dropped mid-request as UND_ERR_SOCKET ("other side closed"); rethrown as ECONNRESET,
// @discordjs/rest retries it. A retried channel message cannot post twice: replies carry an enforced nonce
// (handle-message.ts), and Discord refuses a second callback to the same interaction.
const makeRequest: typeof DefaultRestOptions.makeRequest = async (url, init) => {
  try {
    return await DefaultRestOptions.makeRequest(url, init);
  } catch (err) {
    const code = (err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
    if (DROPPED_CONNECTION.has(code))
      throw Object.assign(new Error(`ECONNRESET (${String(code)})`), { code: 'ECONNRESET', cause: err });
    throw err;
  }
};

function watch(client: Client, log: Logger): void {
  client.on(Events.Error, (err) => log.error('discord: client error', { error: err.message }));
  client.on(Events.Warn, (message) => log.warn('discord: warning', { message }));
  client.on(Events.ShardError, (err, shardId) =>
    log.warn('discord: gateway error', { shardId, error: err.message }),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn('discord: gateway disconnected for good', { shardId, code: event.code }),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info('discord: gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info('discord: gateway resumed', { shardId, replayed }),
  );
}

const GATEWAY_FIXES: Record<number, string> = {
  4004: 'it refused the token; check DISCORD_TOKEN',
  4010: 'it refused the shard; check DISCORD_SHARDS and DISCORD_SHARD_IDS',
  4011: 'the bot is in too many servers for this shard count; set DISCORD_SHARDS=auto or a larger count',
  4014: 'turn on Message Content Intent in the Developer Portal > Bot > Privileged Gateway Intents',
};

/** discord.js's internal sharding: `auto` asks /gateway/bot for the count; no options keeps one connection. */
function shardOptions(shards: DiscordShards | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === undefined) return {};
  if (shards === 'auto') return { shards };
  return { shards: shards.ids, shardCount: shards.count };
}

/**
 * Resolves on ClientReady, which discord.js emits once every shard of this process is ready. Until then
 * @discordjs/ws would retry an unreachable gateway every half second without a word, or wait forever after a close
 * it gives up on; either fails this start instead (for any shard), for the caller to handle.
 */
function firstReady(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      client.off(Events.ClientReady, onReady);
      client.off(Events.ShardReconnecting, onReconnecting);
      client.off(Events.ShardDisconnect, onDisconnect);
      outcome();
    };
    const onReady = () => settle(resolve);
    const onReconnecting = () =>
      settle(() =>
        reject(new UnreachableError(`gateway ${client.ws.gateway ?? ''} closed before it was ready`)),
      );
    const onDisconnect = ({ code }: { code: number }) => {
      const fix = GATEWAY_FIXES[code] ?? 'see the gateway close codes in the Discord developer docs';
      settle(() => reject(new PlatformRefusedError(`discord: Discord closed the gateway (${code}); ${fix}`)));
    };
    client.on(Events.ClientReady, onReady);
    client.on(Events.ShardReconnecting, onReconnecting);
    client.on(Events.ShardDisconnect, onDisconnect);
  });
}

/** Logs in to Discord and answers slash commands, buttons, mentions and DMs until `stop()`. */
export async function startDiscord(
  opts: StartDiscordOptions,
): Promise<{ stop(): Promise<void>; poster: DigestPoster }> {
  const { config, sitrep, log } = opts;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    rest: { api: config.apiUrl, rejectOnRateLimit: rateLimitPolicy(log), makeRequest },
    ...shardOptions(config.shards),
  });
  watch(client, log);

  const codec = createButtonCodec();
  const deps = {
    sitrep,
    log,
    cooldown: createCooldown(opts.cooldown ?? DEFAULT_COOLDOWN),
    codec,
    render: createRender(codec),
    seen: opts.seen ?? memorySeenIds(),
  };
  const onInteraction = createInteractionHandler(deps);
  const onMessage = createMessageHandler(deps);
  // Tracked so stop() can let replies already under way finish before the client goes away.
  const inFlight = createInFlight();
  client.on(Events.InteractionCreate, (i) => void inFlight.track(onInteraction(i)));
  client.on(Events.MessageCreate, (m) => void inFlight.track(onMessage(m)));

  try {
    await Promise.all([client.login(config.token), firstReady(client)]);
  } catch (err) {
    await client.destroy();
    throw err;
  }
  log.info('discord: connected', {
    user: client.user?.tag,
    guilds: client.guilds.cache.size,
    shards: [...client.ws.shards.keys()],
    shardCount: client.options.shardCount,
  });

  let stopped = false;
  return {
    poster: createDiscordDigestPoster(client),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Take no new work, then give the replies under way a bounded time to finish.
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.MessageCreate);
      const left = await inFlight.drain(STOP_GRACE_MS);
      if (left > 0) log.warn('discord: stopped with replies still in flight', { left });
      await client.destroy();
      log.info('discord: stopped');
    },
  };
}
