/** What every Slack listener shares: asking the core, cooldowns, and calls that log instead of throwing. */
import type { RespondFn } from '@slack/bolt';
import type { Cooldown } from '../../src/cooldown.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Logger, Reply } from '../../src/types.js';
import type { SeenIds } from '../seen-ids.js';
import type { Block } from './blocks.js';
import type { SlackMessage } from './render-reply.js';

export interface HandlerDeps {
  sitrep: Sitrep;
  log: Logger;
  cooldown: Cooldown;
  seen: SeenIds;
  /** The slash command, e.g. "/sitrep". */
  command: string;
  /** SLACK_ADMIN_USERS: who may change digests; empty means anyone in the channel. */
  adminUsers?: ReadonlySet<string>;
}

export interface Where {
  teamId?: string;
  channelId: string;
  userId: string;
  threadId?: string;
  /** The conversation a follow-up is read in (a thread, a DM, one user's slash commands in a channel). */
  conversation?: string;
}

/** A thread, or a DM, is one conversation; outside them each user's slash commands are their own. */
export function conversationKey(where: Where, kind: 'message' | 'command'): string {
  const base = `slack:${where.teamId ?? '-'}:${where.channelId}`;
  if (where.threadId) return `${base}:${where.threadId}`;
  return kind === 'command' && !where.channelId.startsWith('D') ? `${base}:user:${where.userId}` : base;
}

export const APOLOGY = 'Sorry, something went wrong while answering that. Please try again in a moment.';

export function ask(deps: HandlerDeps, text: string, where: Where): Promise<Reply> {
  return deps.sitrep.respond({
    text,
    platform: 'slack',
    channelId: where.channelId,
    userId: where.userId,
    ...(where.threadId ? { threadId: where.threadId } : {}),
    ...(where.conversation ? { conversation: where.conversation } : {}),
    canManageDigests: !deps.adminUsers?.size || deps.adminUsers.has(where.userId),
  });
}

/** Takes a cooldown slot; returns the note to show when the user or channel is over its limit. */
export function cooldownNote(deps: HandlerDeps, where: Where): string | undefined {
  const team = where.teamId ?? '-';
  const result = deps.cooldown.take(`${team}:${where.userId}`, `${team}:${where.channelId}`);
  if (result.ok) return undefined;
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  deps.log.info('slack cooldown', { ...where, scope: result.scope, retryAfterMs: result.retryAfterMs });
  return result.scope === 'user'
    ? `You're asking faster than I can keep up. Try again in ${seconds} s.`
    : `This channel is asking a lot right now. Try again in ${seconds} s.`;
}

/** The Slack error code (`channel_not_found`, `not_in_channel`, …) or the message of any other error. */
export function errorCode(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const data = (e as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
    if (e instanceof Error) return e.message;
  }
  return String(e);
}

/**
 * Bolt's respond() posts to the response_url once. This retries a 429, a 5xx or a network failure twice
 * (after 0.5 s, then 1.5 s); anything else (404 expired url, 400) fails at once.
 *
 * Bolt 5 throws a `RespondError` whose `statusCode` is the HTTP status on a non-2xx answer, and fetch's own
 * error (no status) when the connection fails. The error carries no headers, so a Retry-After cannot be read;
 * the fixed delays stand in for it. A connection dropped after Slack took the post can cost one duplicate
 * (at-least-once, as with the Web API client's own retries).
 */
export function retryingRespond(respond: RespondFn, delaysMs: readonly number[] = [500, 1_500]): RespondFn {
  return async (message) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await respond(message);
      } catch (e) {
        const status = (e as { statusCode?: unknown } | undefined)?.statusCode;
        const transient = typeof status !== 'number' || status === 429 || status >= 500;
        const delay = delaysMs[attempt];
        if (!transient || delay === undefined) throw e;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
}

/**
 * A message for a Web API call (chat.postMessage, chat.postEphemeral) with its blocks already JSON-encoded.
 * The WebClient form-encodes blocks as that same JSON string anyway, so the request is byte-for-byte the same;
 * but given objects it also walks every block key by key (redacting tokens for a debug line it builds even when
 * debug logging is off) and serializes them twice. The string skips that per-request work.
 */
export function forWebApi(message: SlackMessage): SlackMessage {
  return { text: message.text, blocks: JSON.stringify(message.blocks) as unknown as Block[] };
}

export type CallResult = { ok: true } | { ok: false; error: string };

/** Runs one Slack API call; a failure is logged once with its context and returned, never thrown. */
export async function callSlack(
  log: Logger,
  method: string,
  ctx: Record<string, unknown>,
  call: () => Promise<unknown>,
): Promise<CallResult> {
  try {
    await call();
    return { ok: true };
  } catch (e) {
    const error = errorCode(e);
    log.warn('slack api call failed', { ...ctx, method, error });
    return { ok: false, error };
  }
}

/**
 * Runs a listener body after its ack. An exception (a bug, not a Slack API error, which callSlack
 * already handles) is logged with context and the user gets a short apology, never the stack.
 */
export async function guard(
  log: Logger,
  ctx: Record<string, unknown>,
  work: () => Promise<unknown>,
  apologize: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (e) {
    logHandlerFailure(log, ctx, e);
    try {
      await apologize();
    } catch {
      // The apology goes through callSlack, which has already logged why it failed.
    }
  }
}

/** A bug, not a Slack API error: logged with its stack for us; the user only ever sees an apology. */
export function logHandlerFailure(log: Logger, ctx: Record<string, unknown>, e: unknown): void {
  log.error('slack handler failed', {
    ...ctx,
    error: e instanceof Error ? e.message : String(e),
    stack: e instanceof Error ? e.stack : undefined,
  });
}

export function respondEphemeral(respond: RespondFn, message: SlackMessage): Promise<unknown> {
  return respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
