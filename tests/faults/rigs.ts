/** The real Slack and Discord adapters, in process, talking to the local fakes through a fault proxy. */
import { startDiscord } from '../../adapters/discord/index.js';
import { startSlack } from '../../adapters/slack/index.js';
import type { CooldownOptions } from '../../src/cooldown.js';
import { type FakeDiscord, startFakeDiscord, TOKEN } from '../fakes/discord/fake-discord.js';
import { createRecordingLog, type LogEntry } from '../fakes/recording-log.js';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { createSlackSender } from '../fakes/slack/signed-requests.js';
import { sitrep } from '../property/sitrep-once.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

export const SIGNING_SECRET = 'faults-signing-secret-0123456789';
/** Large enough that no test here is ever refused by a cooldown. */
export const NO_COOLDOWN: CooldownOptions = {
  perUser: { limit: 1_000_000, windowMs: 1_000 },
  perChannel: { limit: 1_000_000, windowMs: 1_000 },
};

export interface SlackRig {
  fake: FakeSlackApi;
  proxy: FaultProxy;
  entries: LogEntry[];
  send: ReturnType<typeof createSlackSender>;
  /** A response_url that goes through the proxy. */
  responseUrl(id: string): string;
  close(): Promise<void>;
}

export async function startSlackRig(): Promise<SlackRig> {
  const fake = await startFakeSlackApi({ token: 'xoxb-test-token' });
  const proxy = await startFaultProxy(fake.base);
  const { log, entries } = createRecordingLog();
  const slack = await startSlack({
    config: {
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      mode: 'http',
      port: 0,
      apiUrl: `${proxy.base}/api/`,
      command: '/sitrep',
    },
    sitrep: await sitrep(),
    log,
    host: '127.0.0.1',
    cooldown: NO_COOLDOWN,
  });
  return {
    fake,
    proxy,
    entries,
    send: createSlackSender(`http://127.0.0.1:${slack.port}/slack/events`, SIGNING_SECRET),
    responseUrl: (id) => `${proxy.base}/response/${id}`,
    async close() {
      await slack.stop();
      await proxy.close();
      await fake.close();
    },
  };
}

export interface DiscordRig {
  fake: FakeDiscord;
  proxy: FaultProxy;
  entries: LogEntry[];
  close(): Promise<void>;
}

export async function startDiscordRig(): Promise<DiscordRig> {
  const fake = await startFakeDiscord();
  // REST goes through the proxy; the gateway URL the fake hands out still points at the fake itself.
  const proxy = await startFaultProxy(fake.apiUrl.replace(/\/api$/, ''));
  const { log, entries } = createRecordingLog();
  const bot = await startDiscord({
    config: { token: TOKEN, appId: fake.world.appId, apiUrl: `${proxy.base}/api` },
    sitrep: await sitrep(),
    log,
    cooldown: NO_COOLDOWN,
  });
  return {
    fake,
    proxy,
    entries,
    async close() {
      await bot.stop();
      await proxy.close();
      await fake.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
