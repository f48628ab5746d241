/** Faults on Discord's REST API: replies are retried within limits, never duplicated, and the bot stays up. */
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fakes/discord/fake-discord.js';
import type { Fault } from './fault-proxy.js';
import { type DiscordRig, sleep, startDiscordRig } from './rigs.js';

let rig: DiscordRig;
beforeAll(async () => {
  rig = await startDiscordRig();
});
afterAll(() => rig.close());

const SETTLE_MS = 400;
const rateLimited = (seconds: number): Fault => ({
  kind: 'status',
  status: 429,
  headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
  body: JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global: false }),
});

const callbacksOf = (i: { id: string; token: string }) =>
  rig.fake.requests.entries.filter(
    (r) => r.method === 'POST' && r.path === `/interactions/${i.id}/${i.token}/callback`,
  );
const isReplyTo = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' &&
  (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === id;
const isCreatedReplyTo = (id: string) => (m: APIMessage) => m.message_reference?.message_id === id;

async function slash(timeoutMs = 5_000) {
  const interaction = rig.fake.slash('figure', { name: 'machine tools' });
  await rig.fake.callbackFor(interaction, timeoutMs);
  await sleep(SETTLE_MS);
  return interaction;
}

async function mention(timeoutMs = 5_000) {
  const bot = rig.fake.world.bot;
  const message = rig.fake.say(`<@${bot.id}> figure machine tools`, { mentions: [bot] });
  await rig.fake.waitForRequest(isReplyTo(message.id), timeoutMs);
  await sleep(SETTLE_MS);
  return message;
}

const FAULTS: [string, Fault][] = [
  ['429 with Retry-After: 1', rateLimited(1)],
  ['500', { kind: 'status', status: 500 }],
  ['502', { kind: 'status', status: 502 }],
];

describe('interaction callbacks', () => {
  it.each(FAULTS)('retries after %s and answers exactly once', async (_what, fault) => {
    rig.proxy.inject(/\/callback$/, fault);
    const interaction = await slash();
    expect(callbacksOf(interaction)).toHaveLength(1);
    expect(rig.fake.messageFor(interaction).embeds.length).toBe(1);
  });

  it('answers once when Discord is slow (1.5 s)', async () => {
    rig.proxy.inject(/\/callback$/, { kind: 'slow', ms: 1_500 });
    const interaction = await slash();
    await sleep(1_500);
    expect(callbacksOf(interaction)).toHaveLength(1);
  });

  // @discordjs/rest retries only ECONNRESET and timeouts; undici reports a dropped socket as UND_ERR_SOCKET, which the
  // adapter's makeRequest rethrows as ECONNRESET so it is retried. A second callback would be refused by Discord.
  it('retries an interaction callback whose connection dropped', async () => {
    rig.proxy.inject(/\/callback$/, { kind: 'drop' });
    const interaction = await slash(1_200);
    expect(callbacksOf(interaction)).toHaveLength(1);
  });
});

describe('channel replies (mentions)', () => {
  it.each(FAULTS)('retries after %s and replies exactly once', async (_what, fault) => {
    rig.proxy.inject(/^\/api\/v10\/channels\/\d+\/messages$/, fault);
    const message = await mention();
    expect(rig.fake.requests.entries.filter(isReplyTo(message.id))).toHaveLength(1);
  });

  it('replies once when the connection drops after Discord took the message (the retry carries the same nonce)', async () => {
    rig.proxy.inject(/^\/api\/v10\/channels\/\d+\/messages$/, { kind: 'drop-after' });
    const message = await mention();
    // The dropped request is retried; Discord (here the fake) honours enforce_nonce and creates no second message.
    const sent = rig.fake.requests.entries.filter(isReplyTo(message.id));
    expect(sent).toHaveLength(2);
    const [first, second] = sent.map((r) => r.body as { nonce?: unknown; enforce_nonce?: unknown });
    expect(first).toMatchObject({ nonce: expect.any(String), enforce_nonce: true });
    expect(second).toMatchObject({ nonce: first?.nonce, enforce_nonce: true });
    expect(rig.fake.created.filter(isCreatedReplyTo(message.id))).toHaveLength(1);
  });

  it('retries a reply whose connection dropped before Discord saw it', async () => {
    rig.proxy.inject(/^\/api\/v10\/channels\/\d+\/messages$/, { kind: 'drop' });
    const message = await mention(1_200);
    expect(rig.fake.requests.entries.filter(isReplyTo(message.id))).toHaveLength(1);
    expect(rig.fake.created.filter(isCreatedReplyTo(message.id))).toHaveLength(1);
  });
});

describe('after all of that', () => {
  it('is still connected and answers, with every failure logged', async () => {
    const interaction = await slash();
    expect(callbacksOf(interaction)).toHaveLength(1);
    await mention();
    expect(rig.entries.filter((e) => e.msg === 'discord: interaction handler failed')).toEqual([]);
    expect(rig.entries.filter((e) => e.msg === 'discord: rate limited').length).toBeGreaterThanOrEqual(2);
  });
});
