import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import { createRecordingLog } from '../../fakes/recording-log.js';
import { type RecordedCall, startFakeSlackApi } from '../../fakes/slack/fake-slack-api.js';
import { eventEnvelope, mentionEvent, sign, slashCommand } from '../../fakes/slack/signed-requests.js';
import { displayedText } from './block-limits.js';
import { ackBody, type Harness, SIGNING_SECRET, sleep, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ explodeOn: 'EXPLODE' });
});
afterAll(() => h.close());

let n = 0;
const postedIn = (threadTs: string) => (c: RecordedCall) =>
  c.method === 'chat.postMessage' && c.status === 200 && c.body.thread_ts === threadTs;
const apiCalls = () => h.fake.calls.filter((c) => c.method !== 'auth.test');

describe('startup', () => {
  it('fails fast with the Slack error when the bot token is rejected', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-the-real-one' });
    const { log } = createRecordingLog();
    const config = {
      botToken: 'xoxb-wrong',
      signingSecret: SIGNING_SECRET,
      mode: 'http' as const,
      port: 0,
      apiUrl: fake.apiUrl,
      command: '/sitrep',
    };
    try {
      await expect(startSlack({ config, sitrep: h.sitrep, log, host: '127.0.0.1' })).rejects.toThrow(
        /invalid_auth/,
      );
    } finally {
      await fake.close();
    }
  });
});

describe('request verification', () => {
  it('answers a forged signature with 401 and never reaches Slack', async () => {
    const before = apiCalls().length;
    const id = `forged${++n}`;
    const res = await h.send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: h.fake.responseUrl(id) }),
      {
        signature: sign('not-the-secret', Math.floor(Date.now() / 1000), 'whatever'),
      },
    );
    expect(res.status).toBe(401);
    const event = mentionEvent({ text: 'figure machine tools' });
    expect((await h.send.event(eventEnvelope(event), { signature: 'v0=deadbeef' })).status).toBe(401);
    await sleep(300);
    expect(apiCalls().length).toBe(before);
  });

  it('rejects a correctly signed request with a stale timestamp', async () => {
    const before = apiCalls().length;
    const id = `stale${++n}`;
    const res = await h.send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: h.fake.responseUrl(id) }),
      {
        timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
      },
    );
    expect(res.status).toBe(401);
    await sleep(300);
    expect(apiCalls().length).toBe(before);
  });

  it('answers the url_verification challenge', async () => {
    const res = await h.send.event({ type: 'url_verification', challenge: 'challenge-xyz', token: 't' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('challenge-xyz');
  });
});

describe('retries', () => {
  it('answers an event once even when Slack retries it with the same event_id', async () => {
    const event = mentionEvent({ text: 'figure machine tools' });
    const envelope = eventEnvelope(event, 'EvRETRIED1');
    expect((await h.send.event(envelope)).status).toBe(200);
    await h.fake.waitFor(postedIn(event.ts));
    const retry = await h.send.event(envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    const sentinel = mentionEvent({ text: 'figure machine tools' });
    await h.send.event(eventEnvelope(sentinel));
    await h.fake.waitFor(postedIn(sentinel.ts));
    await sleep(100);
    expect(h.fake.calls.filter(postedIn(event.ts))).toHaveLength(1);
    expect(h.entries.some((e) => e.msg === 'slack retry ignored' && e.ctx?.eventId === 'EvRETRIED1')).toBe(
      true,
    );
  });
});

describe('escaping', () => {
  it('never echoes <!channel> or a user mention, from a command or a mention: pings are dropped as noise', async () => {
    const id = `esc${++n}`;
    const res = await h.send.command(
      slashCommand({
        text: '&lt;!channel&gt; who won the world cup <@U0BOB>?',
        responseUrl: h.fake.responseUrl(id),
      }),
    );
    const reply = { body: ackBody(res) };
    expect(displayedText(reply.body)).toContain('"who won the world cup?"');
    expect(displayedText(reply.body)).not.toMatch(/<!channel>|<@U0BOB>/);

    const event = mentionEvent({ text: '<!channel> <!here> who won the world cup?' });
    await h.send.event(eventEnvelope(event));
    const post = await h.fake.waitFor(postedIn(event.ts));
    expect(displayedText(post.body)).toContain('"who won the world cup?"');
    expect(displayedText(post.body)).not.toMatch(/<!channel>|<!here>/);
  });
});

describe('failures', () => {
  it('logs a channel_not_found once with its context, and keeps answering', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const event = mentionEvent({ text: 'figure machine tools', channel: 'C0GONE' });
    await h.send.event(eventEnvelope(event));
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'C0GONE');
    await sleep(200);
    const logged = h.entries.filter((e) => e.ctx?.error === 'channel_not_found');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.ctx).toMatchObject({
      method: 'chat.postMessage',
      channelId: 'C0GONE',
      userId: 'U0ALICE',
    });
    const next = mentionEvent({ text: 'figure machine tools', channel: 'C0GONE' });
    await h.send.event(eventEnvelope(next));
    await h.fake.waitFor(postedIn(next.ts));
  });

  it('waits out a 429 with Retry-After and then delivers', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const event = mentionEvent({ text: 'figure machine tools', channel: 'C0BUSY' });
    await h.send.event(eventEnvelope(event));
    await h.fake.waitFor(postedIn(event.ts), 8_000);
    const attempts = h.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0BUSY',
    );
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('logs a handler exception with context and apologizes without the stack', async () => {
    const id = `boom${++n}`;
    const res = await h.send.command(
      slashCommand({ text: 'EXPLODE please', responseUrl: h.fake.responseUrl(id) }),
    );
    expect(displayedText(ackBody(res))).toContain('Sorry, something went wrong');
    expect(res.text).not.toMatch(/core exploded|at .*\.ts/);
    const error = h.entries.find((e) => e.level === 'error' && e.msg === 'slack handler failed');
    expect(error?.ctx).toMatchObject({ handler: 'command', userId: 'U0ALICE', error: 'core exploded' });

    const event = mentionEvent({ text: 'EXPLODE' });
    await h.send.event(eventEnvelope(event));
    const note = await h.fake.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.body.thread_ts === event.ts,
    );
    expect(displayedText(note.body)).toContain('Sorry, something went wrong');
  });
});

describe('cooldown', () => {
  it('gives the limited user a short private note instead of an answer', async () => {
    const tight = await startHarness({
      cooldown: { perUser: { limit: 1, windowMs: 60_000 }, perChannel: { limit: 100, windowMs: 60_000 } },
    });
    try {
      const first = mentionEvent({ text: 'figure machine tools', userId: 'U0CAROL' });
      await tight.send.event(eventEnvelope(first));
      await tight.fake.waitFor(postedIn(first.ts));
      const second = mentionEvent({ text: 'figure machine tools', userId: 'U0CAROL' });
      await tight.send.event(eventEnvelope(second));
      const note = await tight.fake.waitFor((c) => c.method === 'chat.postEphemeral');
      expect(note.body).toMatchObject({ user: 'U0CAROL', channel: 'C0GENERAL', thread_ts: second.ts });
      expect(displayedText(note.body)).toMatch(/Try again in \d+ s/);

      const res = await tight.send.command(
        slashCommand({ text: 'figures', userId: 'U0CAROL', responseUrl: tight.fake.responseUrl('c') }),
      );
      const viaCommand = { body: ackBody(res) };
      expect(viaCommand.body.response_type).toBe('ephemeral');
      expect(displayedText(viaCommand.body)).toMatch(/Try again in \d+ s/);
      expect(tight.fake.calls.filter(postedIn(second.ts))).toEqual([]);
    } finally {
      await tight.close();
    }
  });
});
