/** Sends requests to a Slack app the way Slack does: v0 HMAC-signed, form or JSON, with real-shaped payloads. */
import { createHmac } from 'node:crypto';
import { FAKE_IDS } from './fake-slack-api.js';

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature (to forge one). */
  signature?: string;
  headers?: Record<string, string>;
}

export interface SentResponse {
  status: number;
  text: string;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createSlackSender(url: string, secret: string) {
  const post = async (body: string, contentType: string, opts: SignOptions = {}): Promise<SentResponse> => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': opts.signature ?? sign(secret, timestamp, body),
        ...opts.headers,
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    post,
    /** Slash commands are form-encoded. */
    command: (fields: Record<string, string>, opts?: SignOptions) =>
      post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts),
    /** Events API deliveries are JSON. */
    event: (envelope: object, opts?: SignOptions) => post(JSON.stringify(envelope), 'application/json', opts),
    /** Interactivity is a form with one `payload` field holding JSON. */
    action: (payload: object, opts?: SignOptions) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        opts,
      ),
  };
}

let counter = 0;
const next = () => ++counter;

export function slashCommand(p: { text: string; responseUrl: string; userId?: string; channelId?: string }) {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_IDS.teamId,
    team_domain: 'test',
    channel_id: p.channelId ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: p.userId ?? 'U0ALICE',
    user_name: 'alice',
    command: '/sitrep',
    text: p.text,
    api_app_id: 'A0SITREP',
    is_enterprise_install: 'false',
    response_url: p.responseUrl,
    trigger_id: `${next()}.trigger`,
  };
}

export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${next()}`) {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_IDS.teamId,
    api_app_id: 'A0SITREP',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: FAKE_IDS.teamId, user_id: FAKE_IDS.botUserId, is_bot: true, is_enterprise_install: false },
    ],
  };
}

export function mentionEvent(p: {
  text: string;
  ts?: string;
  threadTs?: string;
  userId?: string;
  channel?: string;
}) {
  return {
    type: 'app_mention',
    user: p.userId ?? 'U0ALICE',
    text: `<@${FAKE_IDS.botUserId}> ${p.text}`,
    ts: p.ts ?? `1712900000.${String(next()).padStart(6, '0')}`,
    ...(p.threadTs ? { thread_ts: p.threadTs } : {}),
    channel: p.channel ?? 'C0GENERAL',
    event_ts: p.ts ?? '1712900000.000001',
  };
}

export function dmEvent(p: {
  text: string;
  userId?: string;
  channel?: string;
  extra?: Record<string, unknown>;
}) {
  const ts = `1712900100.${String(next()).padStart(6, '0')}`;
  return {
    type: 'message',
    channel_type: 'im',
    user: p.userId ?? 'U0ALICE',
    text: p.text,
    ts,
    event_ts: ts,
    channel: p.channel ?? 'D0ALICE',
    ...p.extra,
  };
}

export function buttonClick(p: {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
  /** The message the button sits on; omitted for ephemeral messages, as Slack does. */
  message?: { ts: string; thread_ts?: string };
}) {
  const channelId = p.channelId ?? 'C0GENERAL';
  return {
    type: 'block_actions',
    user: { id: p.userId ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: FAKE_IDS.teamId },
    api_app_id: 'A0SITREP',
    token: 'legacy-verification-token',
    container: p.message
      ? { type: 'message', message_ts: p.message.ts, channel_id: channelId, is_ephemeral: false }
      : { type: 'message', message_ts: '1712900200.000100', channel_id: channelId, is_ephemeral: true },
    trigger_id: `${next()}.trigger`,
    team: { id: FAKE_IDS.teamId, domain: 'test' },
    channel: { id: channelId, name: 'general' },
    ...(p.message ? { message: { type: 'message', user: FAKE_IDS.botUserId, text: '…', ...p.message } } : {}),
    response_url: p.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: p.actionId,
        block_id: 'sitrep_controls',
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: p.value,
        action_ts: `${Math.floor(Date.now() / 1000)}.000300`,
      },
    ],
  };
}
