import {
  type APIEmbed,
  DiscordAPIError,
  type JSONEncodable,
  type MessageMentionOptions,
  RateLimitError,
} from 'discord.js';
import type { Logger } from '../../src/types.js';
import type { ButtonRow } from './buttons.js';
import type { RenderedMessage } from './render-types.js';

/** Nothing the bot sends may ping anyone, including the author it replies to. */
export const NO_PINGS = { parse: [], repliedUser: false } satisfies MessageMentionOptions;

/** A rendered message whose embeds and rows are passed through as-is, already in API shape. */
export interface WireMessage {
  content?: string;
  embeds: JSONEncodable<APIEmbed>[];
  components: JSONEncodable<ButtonRow>[];
}

const asIs = <T>(json: T): JSONEncodable<T> => ({ toJSON: () => json });

/**
 * Our embeds and button rows are already the API's snake_case JSON. Handed over as plain objects, discord.js runs
 * every one through its default jsonTransformer (lodash snakeCase on every key, recursively), which costs more per
 * reply than rendering it; wrapped as JSONEncodable they are sent exactly as they are, with the same wire JSON.
 */
export function toWire(msg: RenderedMessage): WireMessage {
  return {
    ...(msg.content === undefined ? {} : { content: msg.content }),
    embeds: msg.embeds.map(asIs),
    components: msg.components.map(asIs),
  };
}

/** Discord's "Missing Permissions" JSON error code. */
export const MISSING_PERMISSIONS = 50013;

export function errorContext(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) {
    return { code: err.code, status: err.status, method: err.method, url: err.url, error: err.message };
  }
  if (err instanceof RateLimitError) {
    return { status: 429, route: err.route, retryAfterMs: err.retryAfter, global: err.global };
  }
  return { error: err instanceof Error ? err.message : String(err) };
}

/** Logs a failed Discord call at the right level: permission and rate-limit problems are expected, others are bugs. */
export function logDiscordError(
  log: Logger,
  what: string,
  err: unknown,
  ctx: Record<string, unknown> = {},
): void {
  const details = { ...ctx, ...errorContext(err) };
  if (err instanceof DiscordAPIError && err.code === MISSING_PERMISSIONS) {
    log.warn(`discord: missing permission to ${what}`, details);
  } else if (err instanceof RateLimitError || (err instanceof DiscordAPIError && err.status === 429)) {
    log.warn(`discord: rate limited while trying to ${what}`, details);
  } else {
    log.error(`discord: failed to ${what}`, details);
  }
}

/** Runs a Discord call; a failure is logged and reported as false, never thrown. */
export async function attempt(
  log: Logger,
  what: string,
  ctx: Record<string, unknown>,
  call: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    logDiscordError(log, what, err, ctx);
    return false;
  }
}
