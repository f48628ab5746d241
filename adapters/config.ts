import { z } from 'zod';
import { cronProblem } from '../src/digest/schedule.js';
import { cutProblem } from './config-hints.js';
import { envSchema, LISTS } from './config-schema.js';
import { commentCuts } from './env-file.js';

/** Raised when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

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
  /** DISCORD_SHARDS / DISCORD_SHARD_IDS: the gateway shards this process runs; unset: one connection. */
  shards?: DiscordShards;
}

/** `auto`: as many shards as Discord recommends, all in this process; else shards `ids` of `count`. */
export type DiscordShards = 'auto' | { count: number; ids: number[] };

export interface DigestConfig {
  /** DIGEST_CRON: schedule of the default subscriptions; none without it. */
  cron?: string;
  timeZone: string;
  graceMinutes: number;
  /** DIGEST_LEASE_SECONDS: how long a slot claim lasts unless renewed. */
  leaseSeconds: number;
  slackChannels: string[];
  discordChannels: string[];
}

export interface Config {
  digest: DigestConfig;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  knowledgeDir: string;
  dataDir: string;
  /** PostgreSQL for every stateful part, shared by several instances; SQLite under dataDir when unset. */
  databaseUrl?: string;
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

type Env = Record<string, string | undefined>;
type Parsed = z.infer<typeof envSchema>;
type Name = keyof Parsed;

const NAMES = Object.keys(envSchema.shape) as Name[];
const slackTriggers = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;
const discordTriggers = ['DISCORD_TOKEN', 'DISCORD_APP_ID'] as const;

interface Problem {
  name: Name;
  message: string;
}

/** Checks that need several variables; `given` is "set in the environment", valid or not. */
function crossChecks(e: Parsed, given: (n: Name) => boolean): Problem[] {
  const problems: Problem[] = [];
  const need = (names: readonly Name[], why: string) => {
    for (const name of names)
      if (!given(name)) problems.push({ name, message: `${name} is required ${why}.` });
  };
  if (slackTriggers.some(given)) {
    const mode = e.SLACK_MODE ?? (given('SLACK_APP_TOKEN') ? 'socket' : 'http');
    need(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'], 'when Slack is configured');
    if (mode === 'socket') need(['SLACK_APP_TOKEN'], 'for Slack Socket Mode (or set SLACK_MODE=http)');
  }
  if (discordTriggers.some(given) || given('DISCORD_GUILD_ID'))
    need(discordTriggers, 'when Discord is configured');
  if (given('DISCORD_SHARD_IDS')) {
    need(['DISCORD_SHARDS'], 'when DISCORD_SHARD_IDS is set');
    problems.push(...shardIdProblems(e));
  }
  if (e.DIGEST_CRON) {
    const problem = cronProblem(e.DIGEST_CRON, e.DIGEST_TZ ?? 'UTC');
    if (problem) problems.push({ name: 'DIGEST_CRON', message: problem });
  } else if (given('DIGEST_SLACK_CHANNELS') || given('DIGEST_DISCORD_CHANNELS')) {
    const message = 'DIGEST_CRON is required when DIGEST_SLACK_CHANNELS or DIGEST_DISCORD_CHANNELS is set.';
    problems.push({ name: 'DIGEST_CRON', message });
  }
  return problems;
}

/** DISCORD_SHARD_IDS names each shard once, each below the total number of shards in DISCORD_SHARDS. */
function shardIdProblems({ DISCORD_SHARDS: count, DISCORD_SHARD_IDS: ids = [] }: Parsed): Problem[] {
  const messages = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map(
    (id) => `\`${id}\` is listed twice`,
  );
  if (count === 'auto')
    messages.push('DISCORD_SHARD_IDS needs DISCORD_SHARDS to be the total number of shards, not auto.');
  else if (count !== undefined)
    for (const id of ids.filter((id) => id >= count))
      messages.push(`\`${id}\` is not a shard of DISCORD_SHARDS=${count}; shards go from 0 to ${count - 1}`);
  return messages.map((message) => ({ name: 'DISCORD_SHARD_IDS', message }));
}

/** Values in the .env file that dotenv cut at a `#` (`DIGEST_SLACK_CHANNELS=#general` reads as empty). */
const cutProblems = (envFile: string, env: Env): Problem[] =>
  commentCuts(envFile, env, NAMES, (n) => n in LISTS || n === 'DISCORD_SHARD_IDS').map((cut) => ({
    name: cut.name as Name,
    message: cutProblem(cut, LISTS[cut.name]),
  }));

/** One message, in the order of the variables, naming each (a list entry's index would say less than its value). */
function report(problems: Problem[]): ConfigError {
  const ordered = [...problems].sort((a, b) => NAMES.indexOf(a.name) - NAMES.indexOf(b.name));
  const issues = ordered.map(({ name, message }) => ({
    code: 'custom' as const,
    path: [name],
    message,
    input: undefined,
  }));
  return new ConfigError(`Invalid configuration:\n${z.prettifyError(new z.ZodError(issues))}`);
}

/**
 * Reads and validates the environment; throws one ConfigError listing every problem. `envFile` is the text of the
 * .env file that was loaded into `env`, if any, so values it lost to a `#` can be pointed out.
 */
export function loadConfig(env: Env, opts: { envFile?: string } = {}): Config {
  const parsed = envSchema.safeParse(env);
  const problems: Problem[] = (parsed.error?.issues ?? []).map((i) => ({
    name: i.path[0] as Name,
    message: i.message,
  }));
  // Every field is optional and checked on its own, so without the bad ones the rest parses for the checks below.
  const bad = new Set<string>(problems.map((p) => p.name));
  const e =
    parsed.data ?? envSchema.parse(Object.fromEntries(Object.entries(env).filter(([k]) => !bad.has(k))));
  const given = (n: Name) => (env[n]?.trim() ?? '') !== '';
  problems.push(...crossChecks(e, given), ...(opts.envFile ? cutProblems(opts.envFile, env) : []));
  if (problems.length > 0) throw report(problems);
  return toConfig(e);
}

function toShards(e: Parsed): DiscordShards | undefined {
  const count = e.DISCORD_SHARDS;
  if (count === undefined || count === 'auto') return count;
  return { count, ids: e.DISCORD_SHARD_IDS ?? Array.from({ length: count }, (_, i) => i) };
}

function toConfig(e: Parsed): Config {
  const slack: SlackConfig | undefined =
    e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          mode: e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http'),
          port: e.PORT ?? 3000,
          host: e.HOST,
          apiUrl: e.SLACK_API_URL,
          command: e.SLACK_COMMAND ?? '/sitrep',
          adminUsers: e.SLACK_ADMIN_USERS ?? [],
        }
      : undefined;
  const discord: DiscordConfig | undefined =
    e.DISCORD_TOKEN && e.DISCORD_APP_ID
      ? {
          token: e.DISCORD_TOKEN,
          appId: e.DISCORD_APP_ID,
          guildId: e.DISCORD_GUILD_ID,
          apiUrl: e.DISCORD_API_URL ?? 'https://discord.com/api',
          shards: toShards(e),
        }
      : undefined;
  return {
    logLevel: e.LOG_LEVEL ?? 'info',
    knowledgeDir: e.KNOWLEDGE_DIR ?? 'knowledge',
    dataDir: e.DATA_DIR ?? 'data',
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    slack,
    discord,
    digest: {
      cron: e.DIGEST_CRON,
      timeZone: e.DIGEST_TZ ?? 'UTC',
      graceMinutes: e.DIGEST_GRACE_MINUTES ?? 60,
      leaseSeconds: e.DIGEST_LEASE_SECONDS ?? 30,
      slackChannels: e.DIGEST_SLACK_CHANNELS ?? [],
      discordChannels: e.DIGEST_DISCORD_CHANNELS ?? [],
    },
  };
}
