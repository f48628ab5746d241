import { z } from 'zod';
import { cronProblem, isTimeZone } from '../src/digest/schedule.js';

/** Raised when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

// Empty strings count as unset, so a blank line in .env never means "configured".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const url = z.url({ protocol: /^https?$/ });
/** A comma-separated list of ids, each matching `id`. */
const idList = (id: RegExp, what: string) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(id, `each entry must be ${what}`)));
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const port = wholeNumber(1, 65535);

const envSchema = z.object({
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error', 'silent'])),
  KNOWLEDGE_DIR: optional(z.string()),
  DATA_DIR: optional(z.string()),
  PORT: optional(port),
  HOST: optional(z.string().min(1)),
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'must start with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'must be the app signing secret')),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must start with xapp-')),
  SLACK_MODE: optional(z.enum(['socket', 'http'])),
  SLACK_API_URL: optional(url),
  SLACK_COMMAND: optional(z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'must look like /sitrep')),
  DISCORD_TOKEN: optional(z.string().min(10)),
  DISCORD_APP_ID: optional(z.string().regex(/^\d{5,25}$/, 'must be the numeric application id')),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{5,25}$/, 'must be a numeric guild id')),
  DISCORD_API_URL: optional(url),
  SLACK_ADMIN_USERS: optional(idList(/^[UW][A-Z0-9]+$/, 'a Slack user id such as U0123ABCD')),
  DIGEST_CRON: optional(z.string()),
  DIGEST_TZ: optional(z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')),
  DIGEST_GRACE_MINUTES: optional(wholeNumber(0, 10_080)),
  DIGEST_SLACK_CHANNELS: optional(idList(/^[CGD][A-Z0-9]+$/, 'a Slack channel id such as C0123ABCD')),
  DIGEST_DISCORD_CHANNELS: optional(idList(/^\d{5,25}$/, 'a numeric Discord channel id')),
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  mode: 'socket' | 'http';
  port: number;
  /** Interface for HTTP mode; all interfaces when unset. */
  host?: string;
  apiUrl?: string;
  command: string;
  /** SLACK_ADMIN_USERS: who may change digests; empty means anyone in the channel. */
  adminUsers?: string[];
}

export interface DiscordConfig {
  token: string;
  appId: string;
  guildId?: string;
  apiUrl: string;
}

export interface DigestConfig {
  /** DIGEST_CRON: schedule of the default subscriptions; none without it. */
  cron?: string;
  timeZone: string;
  graceMinutes: number;
  slackChannels: string[];
  discordChannels: string[];
}

export interface Config {
  digest: DigestConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  knowledgeDir: string;
  dataDir: string;
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

type Env = Record<string, string | undefined>;

const slackTriggers = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;
const discordTriggers = ['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const;

/** Reads and validates the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const problems: string[] = [];
  const need = (names: readonly string[], why: string) => {
    for (const n of names)
      if (e[n as keyof typeof e] === undefined) problems.push(`${n} is required ${why}.`);
  };

  let slack: SlackConfig | undefined;
  if (slackTriggers.some((n) => e[n] !== undefined)) {
    const mode = e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http');
    need(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], 'when Slack is configured');
    if (mode === 'socket') need(['SLACK_APP_TOKEN'], 'for Slack Socket Mode (or set SLACK_MODE=http)');
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        mode,
        port: e.PORT ?? 3000,
        host: e.HOST,
        apiUrl: e.SLACK_API_URL,
        command: e.SLACK_COMMAND ?? '/sitrep',
        adminUsers: e.SLACK_ADMIN_USERS ?? [],
      };
    }
  }

  let discord: DiscordConfig | undefined;
  if (discordTriggers.some((n) => e[n] !== undefined) || e.DISCORD_GUILD_ID) {
    need(discordTriggers, 'when Discord is configured');
    if (e.DISCORD_TOKEN && e.DISCORD_APP_ID) {
      discord = {
        token: e.DISCORD_TOKEN,
        appId: e.DISCORD_APP_ID,
        guildId: e.DISCORD_GUILD_ID,
        apiUrl: e.DISCORD_API_URL ?? 'https://discord.com/api',
      };
    }
  }

  const timeZone = e.DIGEST_TZ ?? 'UTC';
  if (e.DIGEST_CRON) {
    const problem = cronProblem(e.DIGEST_CRON, timeZone);
    if (problem) problems.push(`DIGEST_CRON: ${problem}`);
  } else if (e.DIGEST_SLACK_CHANNELS?.length || e.DIGEST_DISCORD_CHANNELS?.length) {
    problems.push('DIGEST_CRON is required when DIGEST_SLACK_CHANNELS or DIGEST_DISCORD_CHANNELS is set.');
  }

  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `✖ ${p}`).join('\n')}`);
  return {
    logLevel: e.LOG_LEVEL ?? 'info',
    knowledgeDir: e.KNOWLEDGE_DIR ?? 'knowledge',
    dataDir: e.DATA_DIR ?? 'data',
    slack,
    discord,
    digest: {
      cron: e.DIGEST_CRON,
      timeZone,
      graceMinutes: e.DIGEST_GRACE_MINUTES ?? 60,
      slackChannels: e.DIGEST_SLACK_CHANNELS ?? [],
      discordChannels: e.DIGEST_DISCORD_CHANNELS ?? [],
    },
  };
}
