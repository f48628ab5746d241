/** DISCORD_SHARDS / DISCORD_SHARD_IDS: the real discord.js client opens one gateway connection per shard it owns. */
import { fileURLToPath } from 'node:url';
import { GatewayDispatchEvents } from 'discord.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/config.js';
import { startDiscord } from '../../../adapters/discord/index.js';
import { composeDigest } from '../../../src/digest/compose.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { Sitrep } from '../../../src/sitrep.js';
import type { KnowledgeBase } from '../../../src/types.js';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
  TOKEN,
} from '../../fakes/discord/fake-discord.js';
import { createRecordingLog, type LogEntry } from '../../fakes/recording-log.js';
import { testSitrep } from '../../support/engine.js';
import { embedText } from './discord-limits.js';
import { ROOMY } from './harness.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge', import.meta.url));

let knowledge: KnowledgeBase;
let sitrep: Sitrep;
beforeAll(async () => {
  knowledge = loadKnowledge(KNOWLEDGE_DIR);
  sitrep = await testSitrep({ knowledge, log: createRecordingLog().log });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The fake Discord, then the adapter configured from `env` as `npm start` would be. */
async function start(env: Record<string, string>, fakeOpts: FakeDiscordOptions = {}) {
  const fake = await startFakeDiscord(fakeOpts);
  cleanups.push(() => fake.close());
  const { log, entries } = createRecordingLog();
  const config = loadConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APP_ID: fake.world.appId,
    DISCORD_API_URL: fake.apiUrl,
    ...env,
  }).discord;
  if (!config) throw new Error('Discord is not configured');
  const bot = await startDiscord({ config, sitrep, log, cooldown: ROOMY });
  cleanups.push(() => bot.stop());
  return { fake, entries, poster: bot.poster };
}

const sorted = (shards: number[][]) => [...shards].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
const connected = (entries: LogEntry[]) => entries.find((e) => e.msg === 'discord: connected')?.ctx;
/** The shards the fake sent dispatch `t` to. */
const shardsSent = (fake: FakeDiscord, t: string) =>
  fake.sent.entries.filter((s) => s.t === t).map((s) => s.shard);

/** Sends `/sitrep figure` on the shard Discord would use and returns the reply's text and that shard. */
async function askFigure(fake: FakeDiscord, o: { dm?: boolean } = {}) {
  const before = fake.sent.entries.length;
  const interaction = fake.slash('figure', { name: 'machine tools' }, o);
  const sentTo = fake.sent.entries
    .slice(before)
    .filter((s) => s.t === GatewayDispatchEvents.InteractionCreate)
    .map((s) => s.shard);
  const callback = (await fake.callbackFor(interaction)).body as { data: object };
  return { sentTo, text: embedText(callback.data) };
}

describe('DISCORD_SHARDS', () => {
  it('unset: one connection, identified as shard 0 of 1', async () => {
    const { fake } = await start({}, { shards: 3 });
    expect(fake.identifiedShards()).toEqual([[0, 1]]);
    expect(fake.connectionCount()).toBe(1);
  });

  it('2: identifies shards 0 and 1 of 2, is ready only once both are, and answers on either', async () => {
    // One identify at a time, as Discord allows small bots: the second shard is ready about 5 s after the first.
    const { fake, entries } = await start({ DISCORD_SHARDS: '2' }, { guildShard: [1, 2], maxConcurrency: 1 });
    expect(sorted(fake.identifiedShards())).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connectionCount()).toBe(2);
    // Connected (ClientReady) already has the guild that only shard 1 delivers.
    expect(shardsSent(fake, GatewayDispatchEvents.GuildCreate)).toEqual([[1, 2]]);
    expect(connected(entries)).toMatchObject({ guilds: 1, shards: [0, 1], shardCount: 2 });

    const inGuild = await askFigure(fake);
    expect(inGuild.sentTo).toEqual([[1, 2]]);
    expect(inGuild.text).toContain('70%');
    const inDm = await askFigure(fake, { dm: true });
    expect(inDm.sentTo).toEqual([[0, 2]]);
    expect(inDm.text).toContain('70%');
  });

  it('4 with DISCORD_SHARD_IDS=1,3: opens only shards 1 and 3 of 4', async () => {
    const { fake, entries } = await start(
      { DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '1,3' },
      { guildShard: [3, 4], maxConcurrency: 16 },
    );
    expect(sorted(fake.identifiedShards())).toEqual([
      [1, 4],
      [3, 4],
    ]);
    expect(connected(entries)).toMatchObject({ guilds: 1, shards: [1, 3], shardCount: 4 });
    const inGuild = await askFigure(fake);
    expect(inGuild.sentTo).toEqual([[3, 4]]);
    expect(inGuild.text).toContain('70%');
  });

  it("posts a digest to a channel of a guild on another instance's shard (over REST)", async () => {
    const { fake, entries, poster } = await start(
      { DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '1,3' },
      { guildShard: [2, 4], maxConcurrency: 16 },
    );
    expect(connected(entries)).toMatchObject({ guilds: 0 });
    const digest = composeDigest({ knowledge, sent: new Map(), now: new Date(), timeZone: 'UTC' });
    await poster.post(fake.world.channelId, digest);
    expect(fake.created.map((m) => m.channel_id)).toEqual([fake.world.channelId]);
  });

  it('auto: runs as many shards as /gateway/bot recommends', async () => {
    const { fake, entries } = await start({ DISCORD_SHARDS: 'auto' }, { shards: 3, maxConcurrency: 16 });
    expect(sorted(fake.identifiedShards())).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(connected(entries)).toMatchObject({ shards: [0, 1, 2], shardCount: 3 });
  });

  it('fails the start, pointing at DISCORD_SHARDS, when Discord says the bot needs more shards', async () => {
    await expect(start({}, { requiredShards: 2 })).rejects.toThrow(
      'Discord closed the gateway (4011); the bot is in too many servers for this shard count; set DISCORD_SHARDS=auto',
    );
  });
});
