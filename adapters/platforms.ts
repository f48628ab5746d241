/** Which platforms the configuration asks for, and starting them together, each retried while out of reach. */
import type { Sitrep } from '../src/sitrep.js';
import type { Logger, Platform } from '../src/types.js';
import type { Config } from './config.js';
import type { DigestPoster } from './digest/poster.js';
import { startDiscord } from './discord/index.js';
import type { SeenIds } from './seen-ids.js';
import { startSlack } from './slack/index.js';
import { PlatformRefusedError } from './start-failure.js';
import { startWithRetry } from './start-retry.js';

export interface RunningPlatform {
  name: Platform;
  stop(): Promise<void>;
  poster: DigestPoster;
}

export interface PlatformStart {
  name: Platform;
  label: string;
  start(): Promise<Omit<RunningPlatform, 'name'>>;
  /** What to tell the operator when the platform refused the credentials, else undefined. */
  refusal(err: unknown): string | undefined;
}

// The Web API's answers to a token it will not take (auth.test, apps.connections.open).
const slackRefusedCodes = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

export function slackRefusal(socketMode: boolean) {
  return (err: unknown): string | undefined => {
    const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
    if (typeof code !== 'string' || !slackRefusedCodes.has(code)) return undefined;
    const tokens = socketMode ? 'SLACK_BOT_TOKEN and SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
    return `slack: Slack refused the token (${code}); check ${tokens}`;
  };
}

export function discordRefusal(err: unknown): string | undefined {
  if (err instanceof PlatformRefusedError) return err.message;
  if ((err as { code?: unknown } | undefined)?.code !== 'TokenInvalid') return undefined;
  return 'discord: Discord refused DISCORD_TOKEN (TokenInvalid); copy the token again from the Developer Portal > Bot';
}

export function platformStarts(
  config: Config,
  deps: { sitrep: Sitrep; log: Logger; seen?: SeenIds },
): PlatformStart[] {
  const starts: PlatformStart[] = [];
  const { discord, slack } = config;
  if (discord)
    starts.push({
      name: 'discord',
      label: 'Discord',
      start: () => startDiscord({ config: discord, ...deps }),
      refusal: discordRefusal,
    });
  if (slack)
    starts.push({
      name: 'slack',
      label: 'Slack',
      start: () => startSlack({ config: slack, ...deps, host: slack.host }),
      refusal: slackRefusal(slack.mode === 'socket'),
    });
  return starts;
}

export interface StartAllOptions {
  /** Aborting (shutdown) stops the retries; what started is in `onStarted`'s hands. */
  signal: AbortSignal;
  write: (line: string) => void;
  onStarted(platform: RunningPlatform): void;
  delayMs?: (failures: number) => number;
}

/**
 * Starts every platform at once, so one that is out of reach does not hold up the others. The first that fails for
 * good (refused credentials, a bug) stops the others' retries, and its error is thrown once all have settled.
 */
export async function startAll(starts: PlatformStart[], opts: StartAllOptions): Promise<void> {
  const failed = new AbortController();
  const signal = AbortSignal.any([opts.signal, failed.signal]);
  const results = await Promise.allSettled(
    starts.map(async (p) => {
      try {
        const fatal = (err: unknown) => {
          const refusal = p.refusal(err);
          return refusal === undefined ? undefined : new PlatformRefusedError(refusal);
        };
        const running = await startWithRetry({ ...p, ...opts, signal, fatal });
        if (running && !signal.aborted) opts.onStarted({ name: p.name, ...running });
        else await running?.stop();
      } catch (err) {
        failed.abort();
        throw err;
      }
    }),
  );
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
