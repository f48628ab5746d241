/** Wires the Slack front end: a Bolt app (HTTP or Socket Mode) whose listeners answer through the core. */
import { App, HTTPReceiver } from '@slack/bolt';
import { type CooldownOptions, createCooldown, DEFAULT_COOLDOWN } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger } from '../../src/types.js';
import type { SlackConfig } from '../config.js';
import type { DigestPoster } from '../digest/poster.js';
import { createInFlight, STOP_GRACE_MS } from '../in-flight.js';
import { memorySeenIds, type SeenIds } from '../seen-ids.js';
import { boltLogger } from './bolt-logger.js';
import { createSlackDigestPoster } from './digest-poster.js';
import type { HandlerDeps } from './handler-kit.js';
import { listenActions } from './listen-actions.js';
import { listenCommand } from './listen-command.js';
import { listenMessages } from './listen-messages.js';
import { skipRetries } from './skip-retries.js';

export interface StartSlackOptions {
  config: SlackConfig;
  sitrep: Sitrep;
  log: Logger;
  cooldown?: CooldownOptions;
  /** Interface to listen on in HTTP mode; all interfaces when unset. */
  host?: string;
  /** Events already handled, shared by every instance on one database; this process's memory when unset. */
  seen?: SeenIds;
}

export interface RunningSlack {
  stop(): Promise<void>;
  /** The port actually listened on in HTTP mode (useful with port 0). */
  port?: number;
  /** Posts scheduled digests through this app's Web API client. */
  poster: DigestPoster;
}

export const EVENTS_PATH = '/slack/events';

// Bounded so a Slack outage cannot pile up handlers: ~2 retries within a few seconds, 429s honoured.
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 };

function createApp(config: SlackConfig, log: Logger): App {
  const logger = boltLogger(log);
  const common = {
    token: config.botToken,
    logger,
    convoStore: false as const,
    // init() runs auth.test and throws on a bad token; without this the check fails as an unhandled rejection.
    deferInitialization: true,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: RETRY_CONFIG,
      timeout: 10_000,
    },
  };
  if (config.mode === 'socket') {
    if (!config.appToken) throw new Error('appToken is required for Socket Mode. Set SLACK_APP_TOKEN.');
    return new App({ ...common, appToken: config.appToken, socketMode: true });
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: EVENTS_PATH,
    logger,
    signatureVerification: true,
    processBeforeResponse: false,
  });
  return new App({ ...common, receiver });
}

/**
 * Before the app has started, a request that fails is reported once by whoever retries the start, not once per
 * WebClient retry ("http request failed …" warnings).
 */
function withoutRequestWarnings(log: Logger, starting: () => boolean): Logger {
  return {
    info: (msg, ctx) => log.info(msg, ctx),
    warn: (msg, ctx) => {
      if (!(starting() && msg.startsWith('http request failed'))) log.warn(msg, ctx);
    },
    error: (msg, ctx) => log.error(msg, ctx),
  };
}

/** Starts the Slack adapter; resolves once it is listening (HTTP) or connected (Socket Mode). */
export async function startSlack(opts: StartSlackOptions): Promise<RunningSlack> {
  const { config, sitrep, log } = opts;
  let starting = true;
  const boltLog = withoutRequestWarnings(log, () => starting);
  const app = createApp(config, boltLog);
  const seen = opts.seen ?? memorySeenIds();
  const deps: HandlerDeps = {
    sitrep,
    log,
    cooldown: createCooldown(opts.cooldown ?? DEFAULT_COOLDOWN),
    seen,
    command: config.command,
    adminUsers: new Set(config.adminUsers ?? []),
  };
  app.error(async (error) => {
    log.error('slack app error', { error: error.message, code: error.code });
  });
  // Bolt acks before the listeners finish (processBeforeResponse: false), but next() resolves only once every
  // listener body has, so stop() can let the replies still being posted finish.
  // One global middleware rather than two: retries are dropped first, and the rest of the chain is tracked.
  const inFlight = createInFlight();
  const dropRetries = skipRetries(seen, log);
  app.use(async (args) => {
    await inFlight.track(dropRetries(args));
  });
  listenCommand(app, deps);
  listenMessages(app, deps);
  listenActions(app, deps);

  await app.init();
  let port: number | undefined;
  if (config.mode === 'socket') {
    await app.start();
  } else {
    const server = await app.start({ port: config.port, ...(opts.host ? { host: opts.host } : {}) });
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
  }
  starting = false;
  log.info('slack adapter started', { mode: config.mode, port });
  return {
    port,
    poster: createSlackDigestPoster(app.client),
    async stop() {
      // No new requests once the receiver is closed; then a bounded wait for the replies already under way.
      await app.stop();
      const left = await inFlight.drain(STOP_GRACE_MS);
      if (left > 0) log.warn('slack: stopped with replies still in flight', { left });
      log.info('slack adapter stopped', { mode: config.mode });
    },
  };
}
