/**
 * `npm run bench:discord`: the real Discord adapter under interaction load through the fake gateway (driven from a
 * separate process), compared in the same run with a bare discord.js bot that replies fixed text (the ceiling).
 * Prints a table and exits 1 when a target is missed.
 */
import { fileURLToPath } from 'node:url';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { createButtonCodec } from '../../adapters/discord/custom-id.js';
import { startDiscord } from '../../adapters/discord/index.js';
import { type RenderedMessage, renderReply } from '../../adapters/discord/render.js';
import { toWire } from '../../adapters/discord/send.js';
import { createLogger } from '../../adapters/log.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { TOKEN } from '../fakes/discord/fake-discord.js';
import { testSitrep } from '../support/engine.js';
import { sampleMemory } from './bench-report.js';
import { forkRpc, type Rpc } from './bench-rpc.js';
import type { RoundResult } from './load-stats.js';
import { printReport, runPairedRounds } from './paired-rounds.js';

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

/**
 * A bare discord.js bot: a fixed reply to every slash command. With `canned`, the fixed reply is a pre-rendered
 * Sitrep answer, so its payload is as large as Sitrep's: the gap to that row is Sitrep's own code.
 */
async function startBare(apiUrl: string, canned?: RenderedMessage): Promise<{ stop(): Promise<void> }> {
  // Sent the way Sitrep sends it (as-is JSON, see toWire), so the two differ in code only.
  const body = canned ? toWire(canned) : { content: 'ok' };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand())
      void i
        .reply({ ...body, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral })
        .catch(() => undefined);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(TOKEN);
  await ready;
  return { stop: () => client.destroy() };
}

async function waitConnected(rpc: Rpc, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await rpc.call<number>('connected', { name })) < 1) {
    if (Date.now() > deadline) throw new Error(`${name} bot never connected`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<boolean> {
  const rpc = await forkRpc(fileURLToPath(new URL('./load-discord-child.ts', import.meta.url)));
  const load = (name: string, requests: number) =>
    rpc.call<RoundResult>('round', { name, requests, concurrency: CONCURRENCY });
  try {
    const bareFake = await rpc.call<{ apiUrl: string }>('start', { name: 'bare' });
    const sizedFake = await rpc.call<{ apiUrl: string }>('start', { name: 'sized' });
    const sitrepFake = await rpc.call<{ apiUrl: string; appId: string }>('start', { name: 'sitrep' });
    console.log(
      `bench:discord — ${ROUNDS} rounds × ${PER_ROUND} slash commands via the gateway, ${CONCURRENCY} awaiting their callback, load from pid ${rpc.child.pid}`,
    );

    const knowledge = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
    const sitrep = await testSitrep({ knowledge, log: createLogger('warn') });
    const bare = await startBare(bareFake.apiUrl);
    const canned = renderReply(
      await sitrep.run(
        { name: 'figure', text: 'machine tools' },
        { text: 'machine tools', platform: 'discord', channelId: '1', userId: '2' },
      ),
      {
        codec: createButtonCodec(),
        publishable: true,
      },
    );
    const sized = await startBare(sizedFake.apiUrl, canned);
    const before = sampleMemory();
    const bot = await startDiscord({
      config: { token: TOKEN, appId: sitrepFake.appId, apiUrl: sitrepFake.apiUrl },
      sitrep,
      log: createLogger('warn'),
      cooldown: NO_COOLDOWN,
    });
    await waitConnected(rpc, 'bare');
    await waitConnected(rpc, 'sized');
    await waitConnected(rpc, 'sitrep');
    const paired = await runPairedRounds(ROUNDS, (app) => load(app, PER_ROUND));
    await bot.stop();
    await bare.stop();
    await sized.stop();

    return printReport(paired, before, {
      bare: 'bare discord.js (ceiling)',
      sized: 'bare discord.js, Sitrep-size reply',
      ackLabel: 'callback',
      bareKind: 'bot',
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
