import { GatewayDispatchEvents } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsDigestError, PermanentDigestError } from '../../../adapters/digest/poster.js';
import { openDigestStore } from '../../../adapters/store/sqlite-digest-store.js';
import { composeDigest } from '../../../src/digest/compose.js';
import type { DigestStore } from '../../../src/digest/store.js';
import { base, fact, tempDir } from '../../digest/fixtures.js';
import { slashCommand } from '../../fakes/discord/interactions.js';
import { type Harness, startHarness } from './harness.js';

interface Callback {
  data: { flags?: number; content?: string; embeds?: { title?: string; description?: string }[] };
}

const EPHEMERAL = 64;
const MANAGE_CHANNELS = 16n;
let h: Harness;
let store: DigestStore;
const tmp = tempDir();

beforeAll(async () => {
  store = openDigestStore(tmp.dir);
  h = await startHarness({ digests: { store, defaultTimeZone: 'UTC' } });
});
afterAll(async () => {
  await h.close();
  await store.close();
  tmp.cleanup();
});

/** `/sitrep digest …` from the default member, or one granted Manage Channels in the channel. */
async function digestCommand(options: Record<string, string | boolean>, manager = false) {
  const { world } = h.fake;
  const interaction = slashCommand(world, { user: world.human }, '1', 'digest', options);
  if (manager && interaction.member)
    interaction.member.permissions = String(BigInt(interaction.member.permissions) | MANAGE_CHANNELS);
  h.fake.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
  return (await h.fake.callbackFor(interaction)).body as Callback;
}
const shown = (b: Callback) => `${b.data.content ?? ''}${JSON.stringify(b.data.embeds ?? [])}`;

describe('Discord: /sitrep digest', () => {
  it('needs Manage Channels to subscribe', async () => {
    const refused = await digestCommand({ action: 'subscribe', schedule: 'daily 09:00' });
    expect(shown(refused)).toContain("don't have permission");
    expect(await store.subscriptions()).toEqual([]);

    const done = await digestCommand({ action: 'subscribe', schedule: 'daily 09:00 Europe/Berlin' }, true);
    expect(shown(done)).toContain('Subscribed: this channel gets a digest daily 09:00 (Europe/Berlin).');
    expect(await store.subscription(`discord:${h.fake.world.channelId}`)).toMatchObject({
      cron: '0 9 * * *',
    });
  });

  it('shows the status, and keeps a preview private even with public:true', async () => {
    expect(shown(await digestCommand({ action: 'status' }))).toContain('daily 09:00');
    const preview = await digestCommand({ action: 'preview', public: true });
    expect(preview.data.flags).toBe(EPHEMERAL);
    expect(preview.data.embeds?.[0]?.title).toMatch(/^Sitrep digest — \d{4}-\d\d-\d\d$/);
  });

  it('lets anyone subscribe their own DM with the bot', async () => {
    const { world } = h.fake;
    const dm = slashCommand(world, { user: world.human, dm: { channelId: '7001' } }, '1', 'digest', {
      action: 'subscribe',
      schedule: 'weekly mon 08:00',
    });
    h.fake.dispatch(GatewayDispatchEvents.InteractionCreate, dm);
    const done = (await h.fake.callbackFor(dm)).body as Callback;
    expect(shown(done)).toContain('Subscribed: this channel gets a digest weekly mon 08:00');
    expect(await store.subscription('discord:7001')).toMatchObject({ cron: '0 8 * * 1' });
  });

  it('posts a digest embed to the channel, and calls Unknown Channel permanent', async () => {
    const digest = composeDigest({
      knowledge: base([fact('ban-announced')]),
      sent: new Map(),
      now: new Date('2026-11-28T09:00:00Z'),
      timeZone: 'UTC',
    });
    const channelId = h.fake.world.channelId;
    await h.poster.post(channelId, digest);
    const sent = await h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
    );
    expect(sent.body).toMatchObject({
      embeds: [{ title: 'Sitrep digest — 2026-11-28' }],
      allowed_mentions: { parse: [] },
    });

    h.fake.failNext({
      method: 'POST',
      path: /\/channels\/\d+\/messages/,
      status: 404,
      body: { code: 10003, message: 'Unknown Channel' },
    });
    await expect(h.poster.post(channelId, digest)).rejects.toBeInstanceOf(PermanentDigestError);
  });
  it('posts a slot with a per-slot nonce, so a repeat of the same slot (a takeover) appears once', async () => {
    const digest = composeDigest({
      knowledge: base([fact('ban-announced')]),
      sent: new Map(),
      now: new Date(),
      timeZone: 'UTC',
    });
    const channelId = h.fake.world.channelId;
    const slot = new Date('2026-11-28T10:00:00Z');
    const before = h.fake.created.length;
    await h.poster.post(channelId, digest, slot);
    await h.poster.post(channelId, digest, slot);
    expect(h.fake.created.length - before).toBe(1);
    await h.poster.post(channelId, digest, new Date('2026-11-28T11:00:00Z'));
    expect(h.fake.created.length - before).toBe(2);
  });

  it('a mention asking for a preview in a server channel points to the private slash command instead', async () => {
    const { world } = h.fake;
    const message = h.fake.say(`<@${world.bot.id}> digest preview`, { mentions: [world.bot] });
    const reply = await h.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
          message.id,
    );
    const text = JSON.stringify(reply.body);
    expect(text).toContain('shown only to you');
    expect(text).not.toContain('Headline figures');
  });

  it('takes digest commands by mention, with the Manage Channels check of the slash command', async () => {
    const { world } = h.fake;
    const ask = async (text: string, author = world.human) => {
      const message = h.fake.say(`<@${world.bot.id}> ${text}`, { mentions: [world.bot], author });
      const reply = await h.fake.waitForRequest(
        (r) =>
          r.method === 'POST' &&
          (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
            message.id,
      );
      return JSON.stringify(reply.body);
    };
    // A member with no role that grants Manage Channels.
    const guest = { ...world.human, id: '990000000000000001', username: 'guest', global_name: 'Guest' };
    expect(await ask('digest unsubscribe', guest)).toContain("don't have permission");
    expect(await store.subscription(`discord:${world.channelId}`)).toBeDefined();
    // The server owner may manage every channel.
    expect(await ask('digest unsubscribe')).toContain('Unsubscribed');
    expect(await store.subscription(`discord:${world.channelId}`)).toBeUndefined();
  });
});

describe('Discord: a refused token', () => {
  it('is a credentials failure, not a channel one, and the check says so until a restart', async () => {
    // Its own harness: after a 401, discord.js drops the token for good.
    const own = await startHarness();
    try {
      expect(await own.poster.credentialsWork?.()).toBe(true);
      own.fake.failNext({
        method: 'POST',
        path: /\/channels\/\d+\/messages/,
        status: 401,
        body: { code: 0, message: '401: Unauthorized' },
      });
      const digest = composeDigest({
        knowledge: base([fact('ban-announced')]),
        sent: new Map(),
        now: new Date(),
        timeZone: 'UTC',
      });
      await expect(own.poster.post(own.fake.world.channelId, digest)).rejects.toBeInstanceOf(
        CredentialsDigestError,
      );
      expect(await own.poster.credentialsWork?.()).toBe(false);
    } finally {
      await own.close();
    }
  });
});
