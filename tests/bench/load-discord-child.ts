/** The Discord load generator, run as a separate process by bench-discord.ts: one fake Discord per bot under test. */
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { serveRpc } from './bench-rpc.js';
import { runDiscordRound, trackCallbacks } from './discord-load.js';
import type { Arrivals } from './load-stats.js';

const fakes = new Map<string, { fake: FakeDiscord; arrivals: Arrivals }>();

serveRpc({
  start: async (a) => {
    const fake = await startFakeDiscord();
    fakes.set(String(a.name), { fake, arrivals: trackCallbacks(fake) });
    return { apiUrl: fake.apiUrl, appId: fake.world.appId };
  },
  connected: async (a) => fakes.get(String(a.name))?.fake.connectionCount() ?? 0,
  round: async (a) => {
    const target = fakes.get(String(a.name));
    if (!target) throw new Error(`no fake ${String(a.name)}`);
    target.arrivals.clear();
    return runDiscordRound({
      fake: target.fake,
      arrivals: target.arrivals,
      requests: Number(a.requests),
      concurrency: Number(a.concurrency),
    });
  },
  stop: async () => {
    for (const { fake } of fakes.values()) await fake.close();
    setTimeout(() => process.exit(0), 10);
    return 'stopped';
  },
});
