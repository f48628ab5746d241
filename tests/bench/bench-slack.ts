/**
 * `npm run bench:slack`: the real Slack adapter (HTTP mode) under load from a separate process, against the local
 * fake Slack, compared in the same run with a bare Bolt app that only acks and answers fixed text (the ceiling).
 * Prints a table and exits 1 when a target is missed.
 */
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createLogger } from '../../adapters/log.js';
import { startSlack } from '../../adapters/slack/index.js';
import { renderReply, type SlackMessage } from '../../adapters/slack/render-reply.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { testSitrep } from '../support/engine.js';
import { sampleMemory } from './bench-report.js';
import { forkRpc } from './bench-rpc.js';
import type { RoundResult } from './load-stats.js';
import { printReport, runPairedRounds } from './paired-rounds.js';

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-token';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 25);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 300);
const ROUNDS = 10;
/**
 * Limits that are never reached. The window is kept short on purpose: the cooldown keeps every hit of the last
 * window per key, so with a 1 s window and the load's few users and channels it held the last second's 1,000+ hits
 * and filtered and copied them on every request, a cost production never pays (there a key holds at most its limit,
 * 5 or 20 hits). 10 ms holds about as many hits at these rates as production's 20.
 */
const NO_COOLDOWN = {
  perUser: { limit: 1_000_000, windowMs: 10 },
  perChannel: { limit: 1_000_000, windowMs: 10 },
};
const quietBolt = {
  debug() {},
  info() {},
  warn() {},
  error: (...m: unknown[]) => console.error('bolt:', ...m),
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/**
 * A bare Bolt app: ack, then a fixed reply through the response_url (to slash commands and mentions alike). With
 * `canned`, the fixed reply is a pre-rendered Sitrep answer sent the way Sitrep sends it (in the ack for a command), so
 * its payload and requests are Sitrep's: the gap to that row is Sitrep's own code, the rest is payload size.
 */
async function startBare(
  apiUrl: string,
  canned?: SlackMessage,
): Promise<{ port: number; stop(): Promise<void> }> {
  const reply = canned ?? { text: 'ok' };
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger: quietBolt });
  const app = new App({
    token: TOKEN,
    receiver,
    logger: quietBolt,
    deferInitialization: true,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.command('/sitrep', async ({ ack, respond }) => {
    if (canned) return ack({ response_type: 'ephemeral', ...canned });
    await ack();
    await respond({ response_type: 'ephemeral', ...reply });
  });
  app.event('app_mention', async ({ event, client }) => {
    // Sitrep answers mentions with a full reply too, so the Sitrep-size row sends it here as well.
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      ...reply,
    });
  });
  await app.init();
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: async () => void (await app.stop()),
  };
}

async function main(): Promise<boolean> {
  const rpc = await forkRpc(fileURLToPath(new URL('./load-slack-child.ts', import.meta.url)));
  let round = 0;
  const load = (port: number, requests: number) =>
    rpc.call<RoundResult>('round', {
      url: `http://127.0.0.1:${port}/slack/events`,
      secret: SECRET,
      requests,
      concurrency: CONCURRENCY,
      round: ++round,
    });
  try {
    const { apiUrl } = await rpc.call<{ apiUrl: string }>('start');
    console.log(
      `bench:slack — ${ROUNDS} rounds × ${PER_ROUND} requests (half /sitrep, half @mentions), ${CONCURRENCY} in flight, load from pid ${rpc.child.pid}`,
    );

    // Both apps run side by side and rounds alternate, so JIT warm-up and machine noise hit both alike.
    const knowledge = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
    const sitrep = await testSitrep({ knowledge, log: createLogger('warn') });
    const question = 'figure machine tools';
    const canned = renderReply(
      await sitrep.respond({ text: question, platform: 'slack', channelId: 'C', userId: 'U' }),
      {
        askText: question,
        shareable: true,
      },
    );
    const bare = await startBare(apiUrl);
    const sized = await startBare(apiUrl, canned);
    const before = sampleMemory();
    const slack = await startSlack({
      config: { botToken: TOKEN, signingSecret: SECRET, mode: 'http', port: 0, apiUrl, command: '/sitrep' },
      sitrep,
      log: createLogger('warn'),
      host: '127.0.0.1',
      cooldown: NO_COOLDOWN,
    });
    const port = slack.port ?? 0;
    const ports = { bare: bare.port, sized: sized.port, sitrep: port };
    const paired = await runPairedRounds(ROUNDS, (app) => load(ports[app], PER_ROUND));
    await slack.stop();
    await bare.stop();
    await sized.stop();

    return printReport(paired, before, {
      bare: 'bare Bolt (ceiling)',
      sized: 'bare Bolt, Sitrep-size reply',
      ackLabel: 'ack',
      replyLabel: 'reply',
      bareKind: 'app',
    });
  } finally {
    await rpc.call('stop').catch(() => undefined);
    rpc.close();
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
