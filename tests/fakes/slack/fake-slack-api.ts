/** A small stand-in for slack.com: the Web API methods Bolt calls, plus response_url endpoints. Records every call. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for POSTs to /response/<id>. */
  method: string;
  path: string;
  /** Form or JSON body; JSON-looking form values (blocks, …) are parsed. */
  body: Record<string, unknown>;
  /** The raw request body, for "was this string ever sent" checks. */
  raw: string;
  token?: string;
  status: number;
  /** The `error` the fake answered with (`ok: false`), if any. */
  error?: string;
}

/** The slot a digest post names in its message metadata. */
export const digestSlotOf = (c: RecordedCall): string | undefined =>
  (c.body.metadata as { event_payload?: { slot?: string } } | undefined)?.event_payload?.slot;

export type Failure = { status: 429; retryAfter: number } | { error: string };

export const FAKE_IDS = { teamId: 'T0TEST', botUserId: 'U0SITREP', botId: 'B0SITREP' } as const;

export interface FakeSlackApi {
  server: Server;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Base for the Web API, e.g. http://127.0.0.1:1234/api/ (pass as slackApiUrl). */
  apiUrl: string;
  /** A fresh response_url served by this fake. */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first call (past or future) matching `match`; rejects after `timeoutMs`. */
  waitFor(match: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The next `times` calls to `method` are taken (and recorded) at once but answered only after `ms`. */
  delayNext(method: string, ms: number, times?: number): void;
  /** The next call to `method` fails this way; later calls succeed again. */
  failNext(method: string, failure: Failure): void;
  /** From now on only `token` is accepted as the bot token (the old one answers invalid_auth, as if revoked). */
  setToken(token: string): void;
  /** Replaces the canned answer of one method. */
  answerWith(method: string, answer: (body: Record<string, unknown>) => Record<string, unknown>): void;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeSlackApi(
  /** `port`: listen there (on 127.0.0.1) instead of on a free one, e.g. where an app is already trying to reach. */
  opts: { token?: string; appToken?: string; port?: number } = {},
): Promise<FakeSlackApi> {
  let token = opts.token ?? 'xoxb-test-token';
  const appToken = opts.appToken ?? 'xapp-test-token';
  const custom = new Map<string, (body: Record<string, unknown>) => Record<string, unknown>>();
  const calls: RecordedCall[] = [];
  const failures = new Map<string, Failure>();
  const delays = new Map<string, { ms: number; times: number }>();
  const waiters = new Set<(c: RecordedCall) => void>();
  let ts = 1_700_000_000;
  /** What chat.postMessage created, for conversations.history. */
  const messages: { channel: string; ts: string; text: unknown; metadata?: unknown }[] = [];

  const answer = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    const override = custom.get(method);
    if (override) return override(body);
    const channel = typeof body.channel === 'string' ? body.channel : undefined;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Test',
          user: 'sitrep',
          team_id: FAKE_IDS.teamId,
          user_id: FAKE_IDS.botUserId,
          bot_id: FAKE_IDS.botId,
        };
      case 'chat.postMessage':
        ts = Math.max(ts + 1, Math.floor(Date.now() / 1000));
        messages.push({
          channel: channel ?? '',
          ts: `${ts}.000100`,
          text: body.text,
          metadata: body.metadata,
        });
        return { ok: true, channel, ts: `${ts}.000100`, message: { ...body, ts: `${ts}.000100` } };
      case 'conversations.history': {
        const oldest = Number(body.oldest ?? 0);
        const found = messages.filter((m) => m.channel === channel && Number(m.ts) >= oldest).reverse();
        return { ok: true, messages: found.map((m) => ({ type: 'message', ...m })), has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${ts}.000200` };
      case 'chat.update':
        return { ok: true, channel, ts: body.ts, text: body.text };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: 'V0TEST', ...(body.view as object) } };
      default:
        return { ok: true };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const isResponseUrl = path.startsWith('/response/');
    const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '');
    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    const failure = failures.get(method);
    if (failure) failures.delete(method);

    let status = 200;
    let payload: Record<string, unknown>;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (failure && 'status' in failure) {
      status = 429;
      headers['retry-after'] = String(failure.retryAfter);
      payload = { ok: false, error: 'ratelimited' };
    } else if (failure) {
      payload = { ok: false, error: failure.error };
    } else if (!isResponseUrl && auth !== (method === 'apps.connections.open' ? appToken : token)) {
      payload = { ok: false, error: 'invalid_auth' };
    } else {
      payload = isResponseUrl ? { ok: true } : answer(method, body);
    }
    const error = payload.ok === false ? String(payload.error) : undefined;
    const call: RecordedCall = { method, path, body, raw, token: auth, status, ...(error ? { error } : {}) };
    calls.push(call);
    for (const w of waiters) w(call);
    const delay = delays.get(method);
    if (delay !== undefined) {
      if (--delay.times <= 0) delays.delete(method);
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    if (!res.destroyed) res.writeHead(status, headers).end(JSON.stringify(payload));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    server,
    base,
    answerWith: (method, fn) => void custom.set(method, fn),
    setToken: (next) => {
      token = next;
    },
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, failure) => void failures.set(method, failure),
    delayNext: (method, ms, times = 1) => void delays.set(method, { ms, times }),
    waitFor(match, timeoutMs = 5_000) {
      const past = calls.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const waiter = (c: RecordedCall) => {
          if (!match(c)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(c);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching Slack call within ${timeoutMs} ms; saw: ${calls.map((c) => c.method).join(', ')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
