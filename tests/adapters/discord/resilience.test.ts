import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../fakes/discord/fake-discord.js';
import { embedText } from './discord-limits.js';
import { type Harness, sleep, startHarness, until } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ explodeOn: 'EXPLODE' });
});
afterAll(() => h.close());

const mention = (text: string) =>
  h.fake.say(`<@${h.fake.world.bot.id}> ${text}`, { mentions: [h.fake.world.bot] });
const isReplyTo = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' &&
  (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === id;
const callbacks = (i: { id: string; token: string }) =>
  h.fake.requests.entries.filter((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
const logged = (msg: string) => h.entries.filter((e) => e.msg === msg);

describe('connecting', () => {
  it('finds the gateway through the configured API and identifies with the four intents', async () => {
    const gatewayBot = await h.fake.waitForRequest((r) => r.path === '/gateway/bot');
    expect(gatewayBot.headers.authorization).toMatch(/^Bot /);
    const identify = await h.fake.frames.waitFor((f) => f.op === GatewayOpcodes.Identify);
    const { Guilds, GuildMessages, DirectMessages, MessageContent } = GatewayIntentBits;
    expect((identify.d as { intents: number }).intents).toBe(
      Guilds | GuildMessages | DirectMessages | MessageContent,
    );
    expect(identify.query).toContain('v=10');
    expect(identify.query).toContain('encoding=json');
  });
});

describe('errors never take the bot down', () => {
  it('waits out a short 429, logs it, and still answers', async () => {
    h.fake.failNext({
      method: 'POST',
      path: /\/callback$/,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
    });
    const interaction = h.fake.slash('figure', { name: 'machine tools' });
    await until(() => callbacks(interaction).length === 2, 'the retried callback');
    const retried = callbacks(interaction)[1]?.body as { data: object } | undefined;
    expect(embedText(retried?.data ?? {})).toContain('70%');
    expect(logged('discord: rate limited').length).toBeGreaterThan(0);
  });

  it('logs a missing permission (50013) and keeps answering', async () => {
    h.fake.failNext({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    mention('machine tools');
    await until(
      () => logged('discord: missing permission to reply to a message').length > 0,
      'the 50013 warning',
    );
    expect(logged('discord: missing permission to reply to a message')[0]).toMatchObject({
      level: 'warn',
      ctx: { code: 50013, status: 403 },
    });
    const next = mention('microelectronics share');
    expect(embedText((await h.fake.waitForRequest(isReplyTo(next.id))).body as object)).toContain('90%');
  });

  it('apologises when the core throws, for commands and messages', async () => {
    const interaction = h.fake.slash('ask', { question: 'EXPLODE please' });
    const body = (await h.fake.callbackFor(interaction)).body as {
      data: { content?: string; flags?: number };
    };
    expect(body.data).toMatchObject({ content: 'Sorry, something went wrong.', flags: 64 });
    const message = mention('EXPLODE too');
    const reply = await h.fake.waitForRequest(isReplyTo(message.id));
    expect((reply.body as { content?: string }).content).toBe('Sorry, something went wrong.');
    expect(logged('discord: interaction handler failed')).toHaveLength(1);
    expect(logged('discord: message handler failed')).toHaveLength(1);
  });

  it('gives up on a long rate limit instead of stalling, and logs it', async () => {
    h.fake.failNext({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 60, global: false },
      headers: { 'retry-after': '60', 'x-ratelimit-scope': 'user' },
    });
    const message = h.fake.say('machine tools', { dm: true });
    const what = 'discord: rate limited while trying to reply to a message';
    await until(() => logged(what).length > 0, 'the rate-limit warning');
    expect(h.fake.requests.entries.filter(isReplyTo(message.id))).toHaveLength(1);
  });
});

describe('the gateway connection', () => {
  it('survives a dropped connection by resuming, and keeps answering', async () => {
    h.fake.dropConnections();
    const resume = await h.fake.frames.waitFor((f) => f.op === GatewayOpcodes.Resume, 10_000);
    expect(resume.d).toMatchObject({ session_id: expect.any(String), seq: expect.any(Number) });
    await until(() => h.fake.connectionCount() === 1, 'the resumed connection');
    const interaction = h.fake.slash('figure', { name: 'machine tools' });
    expect(embedText(((await h.fake.callbackFor(interaction)).body as { data: object }).data)).toContain(
      '70%',
    );
    expect(logged('discord: gateway reconnecting').length).toBeGreaterThan(0);
  });

  it('closes cleanly on stop() and does not reconnect', async () => {
    await h.stop();
    await until(() => h.fake.connectionCount() === 0, 'the connection to close');
    const frames = h.fake.frames.entries.length;
    await sleep(800);
    expect(h.fake.connectionCount()).toBe(0);
    expect(h.fake.frames.entries.slice(frames).filter((f) => f.op !== GatewayOpcodes.Heartbeat)).toEqual([]);
    expect(logged('discord: stopped')).toHaveLength(1);
  });
});
