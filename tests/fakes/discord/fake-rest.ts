import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIMessage, APIUser } from 'discord.js';
import { postedMessage } from './messages.js';
import { dmChannel, snowflake, textChannel, type World } from './payloads.js';
import { createRecorder } from './recorder.js';

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; for multipart/form-data, the parsed `payload_json` part. */
  body: unknown;
}

/** A canned failure for the next request matching `method` and `path`. */
export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Body = Record<string, unknown>;
type Handler = (req: RecordedRequest, match: RegExpMatchArray) => { status: number; body?: unknown };

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const json = form.get('payload_json');
    return typeof json === 'string' ? JSON.parse(json) : undefined;
  }
  return JSON.parse(raw.toString('utf8'));
}

/** How long Discord remembers an enforced nonce ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** What GET /gateway/bot answers: the recommended shard count and how many shards may identify at once. */
export interface GatewayBot {
  shards: number;
  maxConcurrency: number;
}

const SESSION_STARTS = { total: 1000, remaining: 999, reset_after: 0 };

export function createFakeRest(
  world: World,
  gatewayUrl: () => string,
  { shards, maxConcurrency }: GatewayBot,
) {
  const requests = createRecorder<RecordedRequest>('request');
  const failures: Failure[] = [];
  const commands = new Map<string, unknown[]>();
  const originals = new Map<string, APIMessage>();
  const dmChannels = new Map<string, APIUser>();

  const message = (channelId: string, body: unknown) =>
    postedMessage(channelId, world.bot, (body ?? {}) as Body);
  /** Messages the bot created in channels (POST /channels/:id/messages), in order; a nonce-matched repeat adds none. */
  const created: APIMessage[] = [];
  const nonces = new Map<string, { message: APIMessage; at: number }>();

  // With enforce_nonce, a second message with the same nonce in the same channel within the window returns the first
  // instead of creating another, as Discord does.
  const createMessage = (channelId: string, body: unknown) => {
    const b = (body ?? {}) as Body;
    const key =
      b.enforce_nonce === true && b.nonce !== undefined ? `${channelId}:${String(b.nonce)}` : undefined;
    const seen = key === undefined ? undefined : nonces.get(key);
    if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return { status: 200, body: seen.message };
    const posted = message(channelId, body);
    created.push(posted);
    if (key !== undefined) nonces.set(key, { message: posted, at: Date.now() });
    return { status: 200, body: posted };
  };

  const putCommands = (key: string, body: unknown) => {
    const saved = (body as Body[]).map((c) => ({
      ...c,
      id: snowflake(),
      application_id: world.appId,
      version: '1',
    }));
    commands.set(key, saved);
    return { status: 200, body: saved };
  };

  const routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        body: {
          url: gatewayUrl(),
          shards,
          session_start_limit: { ...SESSION_STARTS, max_concurrency: maxConcurrency },
        },
      }),
    ],
    ['GET', /^\/users\/(@|%40)me$/, () => ({ status: 200, body: world.bot })],
    ['PUT', /^\/applications\/(\d+)\/commands$/, (r) => putCommands('global', r.body)],
    ['GET', /^\/applications\/(\d+)\/commands$/, () => ({ status: 200, body: commands.get('global') ?? [] })],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (r, m) => putCommands(`guild:${m[2]}`, r.body),
    ],
    [
      'GET',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (_r, m) => ({ status: 200, body: commands.get(`guild:${m[2]}`) ?? [] }),
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (r, m) => {
        const data = (r.body as Body | undefined)?.data as Body | undefined;
        if (data && m[2]) {
          originals.set(m[2], message(world.channelId, data));
          // Discord forgets an interaction token after 15 minutes; the last 1,000 keep a long load run flat.
          if (originals.size > 1000) originals.delete(originals.keys().next().value as string);
        }
        return { status: 204 };
      },
    ],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      (r, m) => {
        const edited = {
          ...(originals.get(m[2] ?? '') ?? message(world.channelId, {})),
          ...(r.body as Body),
        };
        originals.set(m[2] ?? '', edited as APIMessage);
        return { status: 200, body: edited };
      },
    ],
    [
      'GET',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      (_r, m) => {
        const original = originals.get(m[2] ?? '');
        return original
          ? { status: 200, body: original }
          : { status: 404, body: { code: 10008, message: 'Unknown Message' } };
      },
    ],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      (r) => ({ status: 200, body: message(world.channelId, r.body) }),
    ],
    ['POST', /^\/channels\/(\d+)\/messages$/, (r, m) => createMessage(m[1] ?? '', r.body)],
    [
      'GET',
      /^\/channels\/(\d+)$/,
      (_r, m) => {
        const id = m[1] ?? '';
        if (id === world.channelId) return { status: 200, body: textChannel(id, world.guildId) };
        const recipient = dmChannels.get(id);
        return recipient
          ? { status: 200, body: dmChannel(id, recipient) }
          : { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
      },
    ],
    [
      'POST',
      /^\/users\/@me\/channels$/,
      (r) => {
        const id = snowflake();
        const recipient = { ...world.human, id: String((r.body as Body).recipient_id) };
        dmChannels.set(id, recipient);
        return { status: 200, body: dmChannel(id, recipient) };
      },
    ],
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = '/api/v10';
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: await readBody(req),
    };
    requests.push(recorded);

    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(
        status,
        body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const failure = failures.findIndex((f) => f.method === recorded.method && f.path.test(path));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      if (f) return reply(f.status, f.body, f.headers);
    }
    for (const [method, pattern, handler] of routes) {
      const match = path.match(pattern);
      if (method === recorded.method && match) {
        const out = handler(recorded, match);
        return reply(out.status, out.body);
      }
    }
    reply(404, { code: 0, message: '404: Not Found' });
  }

  return {
    requests,
    created,
    handle,
    /** The message an interaction's callback created (what a click on its buttons carries). */
    original: (token: string) => originals.get(token),
    /** Makes the next matching request fail with the given status and body (e.g. 429, 403/50013). */
    failNext(f: Failure) {
      failures.push(f);
    },
  };
}
