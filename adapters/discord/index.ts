import { Client, Events, GatewayIntentBits, Partials, type RateLimitData } from 'discord.js';
import { type CooldownOptions, createCooldown, DEFAULT_COOLDOWN } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger } from '../../src/types.js';
import type { DiscordConfig } from '../config.js';
import type { DigestPoster } from '../digest/poster.js';
import { createButtonCodec } from './custom-id.js';
import { createDiscordDigestPoster } from './digest-poster.js';
import { createInteractionHandler } from './handle-interaction.js';
import { createMessageHandler } from './handle-message.js';
import { NO_PINGS } from './send.js';

export { commandDefinitions } from './commands.js';
export { registerCommands } from './register-commands.js';

export interface StartDiscordOptions {
  config: DiscordConfig;
  sitrep: Sitrep;
  log: Logger;
  cooldown?: CooldownOptions;
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
    rest: { api: config.apiUrl, rejectOnRateLimit: rateLimitPolicy(log) },
  });
  watch(client, log);

  const deps = {
    sitrep,
    log,
    cooldown: createCooldown(opts.cooldown ?? DEFAULT_COOLDOWN),
    codec: createButtonCodec(),
  };
  const onInteraction = createInteractionHandler(deps);
  const onMessage = createMessageHandler(deps);
  client.on(Events.InteractionCreate, (i) => void onInteraction(i));
  client.on(Events.MessageCreate, (m) => void onMessage(m));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }
  log.info('discord: connected', { user: client.user?.tag, guilds: client.guilds.cache.size });

  let stopped = false;
  return {
    poster: createDiscordDigestPoster(client),
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      log.info('discord: stopped');
    },
  };
}
