/** The variables the app reads, each checked on its own; adapters/config.ts checks how they go together. */
import { z } from 'zod';
import { isTimeZone } from '../src/digest/schedule.js';
import { discordChannelId, entryProblem, type IdKind, slackChannelId, slackUserId } from './config-hints.js';

// Empty strings count as unset, so a blank line in .env never means "configured".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const url = z.url({ protocol: /^https?$/ });
const commaSeparated = z.string().transform((v) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
/** A comma-separated list of ids of one kind. */
const idList = (kind: IdKind) =>
  commaSeparated.pipe(
    z.array(z.string().regex(kind.id, { error: (iss) => entryProblem(kind, String(iss.input)) })),
  );
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const port = wholeNumber(1, 65535);

/** The most shards DISCORD_SHARDS may name; Discord's largest bots run a few thousand. */
export const MAX_SHARDS = 10_000;
const shardCount = z
  .string()
  .refine(
    (v) => v === 'auto' || (/^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_SHARDS),
    `must be auto or a whole number of shards from 1 to ${MAX_SHARDS}`,
  )
  .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)));
const shardIds = commaSeparated.pipe(
  z.array(
    z
      .string()
      .regex(/^\d{1,6}$/, {
        error: (iss) => `\`${String(iss.input)}\` must be a shard number such as 0 or 3`,
      })
      .transform(Number),
  ),
);

export const LISTS: Record<string, IdKind> = {
  SLACK_ADMIN_USERS: slackUserId,
  DIGEST_SLACK_CHANNELS: slackChannelId,
  DIGEST_DISCORD_CHANNELS: discordChannelId,
};

export const envSchema = z.object({
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error', 'silent'])),
  KNOWLEDGE_DIR: optional(z.string()),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/,
        'must be a PostgreSQL URL such as postgres://user:password@host:5432/sitrep',
      ),
  ),
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
  DISCORD_SHARDS: optional(shardCount),
  DISCORD_SHARD_IDS: optional(shardIds),
  SLACK_ADMIN_USERS: optional(idList(slackUserId)),
  DIGEST_CRON: optional(z.string()),
  DIGEST_TZ: optional(z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')),
  DIGEST_GRACE_MINUTES: optional(wholeNumber(0, 10_080)),
  DIGEST_LEASE_SECONDS: optional(wholeNumber(1, 300)),
  DIGEST_SLACK_CHANNELS: optional(idList(slackChannelId)),
  DIGEST_DISCORD_CHANNELS: optional(idList(discordChannelId)),
});
