/**
 * A small, fast form of `npm run bench:slack` and `npm run bench:discord`: ~100 requests through the real adapters
 * against the fakes, every one answered exactly once and acked well inside the platforms' 3 s. The full figures
 * (throughput against a bare app, memory over rounds) come from the bench scripts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { startSlack } from '../../adapters/slack/index.js';
import { runDiscordRound, trackCallbacks } from '../bench/discord-load.js';
import { percentile, type RoundResult } from '../bench/load-stats.js';
import { runSlackRound, trackSlackReplies } from '../bench/slack-load.js';
import { startFakeDiscord, TOKEN } from '../fakes/discord/fake-discord.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { sitrep } from '../property/sitrep-once.js';
import { NO_COOLDOWN, SIGNING_SECRET } from './rigs.js';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

function expectHealthy(r: RoundResult, requests: number): void {
  expect({ errors: r.errors, lost: r.lost, duplicated: r.duplicated }).toEqual({
    errors: 0,
    lost: 0,
    duplicated: 0,
  });
  expect(r.replyMs).toHaveLength(requests);
  expect(percentile(r.ackMs, 0.99)).toBeLessThan(1_000);
  expect(percentile(r.replyMs, 0.99)).toBeLessThan(2_000);
}

describe('load smoke', () => {
  it('Slack: 100 signed slash commands and mentions, 10 at a time, each acked and answered once', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-test-token' });
    closers.push(() => fake.close());
    const arrivals = trackSlackReplies(fake);
    const { log, entries } = createRecordingLog();
    const slack = await startSlack({
      config: {
        botToken: 'xoxb-test-token',
        signingSecret: SIGNING_SECRET,
        mode: 'http',
        port: 0,
        apiUrl: fake.apiUrl,
        command: '/sitrep',
      },
      sitrep: await sitrep(),
      log,
      host: '127.0.0.1',
      cooldown: NO_COOLDOWN,
    });
    closers.push(() => slack.stop());
    const result = await runSlackRound({
      url: `http://127.0.0.1:${slack.port}/slack/events`,
      secret: SIGNING_SECRET,
      fakeBase: fake.base,
      arrivals,
      requests: 100,
      concurrency: 10,
      round: 1,
      replyTimeoutMs: 5_000,
    });
    expectHealthy(result, 100);
    expect(entries.filter((e) => e.level !== 'info')).toEqual([]);
  });

  it('Discord: 60 slash commands through the gateway, 10 at a time, each answered once', async () => {
    const fake = await startFakeDiscord();
    closers.push(() => fake.close());
    const arrivals = trackCallbacks(fake);
    const { log, entries } = createRecordingLog();
    const bot = await startDiscord({
      config: { token: TOKEN, appId: fake.world.appId, apiUrl: fake.apiUrl },
      sitrep: await sitrep(),
      log,
      cooldown: NO_COOLDOWN,
    });
    closers.push(() => bot.stop());
    const result = await runDiscordRound({
      fake,
      arrivals,
      requests: 60,
      concurrency: 10,
      replyTimeoutMs: 5_000,
    });
    expectHealthy(result, 60);
    expect(entries.filter((e) => e.level !== 'info')).toEqual([]);
  });
});
