/**
 * Two Sitrep processes on one PostgreSQL database against the fake Discord: both on the same shard get every event,
 * and answer each mention and slash command once between them; the instance posting a digest is SIGKILLed after
 * Discord took the message but before it answered, and the other takes the slot over after the lease and sends it
 * again with the same nonce, which Discord drops, so the channel gets it once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type AppProcess, killAll, sleep, startApp, until } from '../acceptance/app-process.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { type FaultProxy, startFaultProxy } from '../faults/fault-proxy.js';
import { usePostgres } from '../support/postgres.js';

const postgres = usePostgres();
let fake: FakeDiscord | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await killAll();
  await proxy?.close();
  await fake?.close();
});

describe('two Discord instances on one database', () => {
  it('both get every event of their shard; each mention and slash command is answered once', async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    const vars = {
      DISCORD_TOKEN: 'multi-discord-token.0123456789',
      DISCORD_APP_ID: discord.world.appId,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: await postgres().createDatabase(),
      LOG_LEVEL: 'info',
    };
    const apps = [startApp(vars), startApp(vars)];
    for (const app of apps)
      await until(app, () => app.stderr().includes('discord: connected'), 'both instances connected', 20_000);
    const mention = discord.say(`<@${discord.world.bot.id}> what did the US and UK ban?`, {
      mentions: [discord.world.bot],
    });
    const slash = discord.slash('ask', {
      question: "how much of Russia's machine-tool imports came from China?",
    });
    const replies = () =>
      discord.requests.entries.filter(
        (r) =>
          r.method === 'POST' &&
          (r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
            ?.message_id === mention.id,
      );
    const callbacks = () =>
      discord.requests.entries.filter((r) => r.path === `/interactions/${slash.id}/${slash.token}/callback`);
    await until(
      apps[0] as AppProcess,
      () => replies().length > 0 && callbacks().length > 0,
      'the answers',
      15_000,
    );
    await sleep(2_000);
    expect(discord.sent.entries.filter((d) => d.t === 'MESSAGE_CREATE')).toHaveLength(2);
    expect(replies()).toHaveLength(1);
    expect(callbacks()).toHaveLength(1);
  }, 90_000);

  it('a post cut off by SIGKILL is taken over and sent again with its nonce: the channel gets it once', async () => {
    fake = await startFakeDiscord();
    const discord = fake;
    proxy = await startFaultProxy(discord.apiUrl.replace(/\/api$/, ''));
    const at = new Date(Math.ceil((Date.now() + 10_000) / 1000) * 1000);
    const vars = {
      DISCORD_TOKEN: 'multi-discord-token.0123456789',
      DISCORD_APP_ID: discord.world.appId,
      DISCORD_API_URL: `${proxy.base}/api`,
      DATABASE_URL: await postgres().createDatabase(),
      DIGEST_CRON: `${at.getUTCSeconds()} ${at.getUTCMinutes()} * * * *`,
      DIGEST_DISCORD_CHANNELS: discord.world.channelId,
      DIGEST_GRACE_MINUTES: '0',
      DIGEST_LEASE_SECONDS: '2',
      LOG_LEVEL: 'info',
    };
    const path = `/channels/${discord.world.channelId}/messages`;
    const sends = () => discord.requests.entries.filter((r) => r.method === 'POST' && r.path === path);
    // Discord creates the message at once but its answer is held back: the poster dies before it is recorded.
    proxy.inject(new RegExp(`/channels/${discord.world.channelId}/messages$`), { kind: 'slow', ms: 20_000 });

    const first = startApp(vars);
    await until(first, () => sends().length === 1, 'the first send', 30_000);
    const other = startApp(vars);
    await until(other, () => other.stderr().includes('discord: connected'), 'the second instance', 20_000);
    first.child.kill('SIGKILL');
    await first.exited;
    await until(other, () => sends().length === 2, 'the taken-over send', 20_000);
    await until(other, () => other.stderr().includes('"digest posted"'), 'the slot recorded', 10_000);

    expect(other.stderr()).toContain('the platform drops a repeat of the same post');
    const [once, again] = sends().map((r) => r.body as { nonce?: string; enforce_nonce?: boolean });
    expect(again?.nonce).toBe(once?.nonce);
    expect(again?.enforce_nonce).toBe(true);
    expect(discord.created.filter((m) => m.channel_id === discord.world.channelId)).toHaveLength(1);
  }, 120_000);
});
