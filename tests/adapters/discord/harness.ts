/** Starts the real Discord adapter (real discord.js Client) against the fake Discord and the real core. */
import { fileURLToPath } from 'node:url';
import type { DigestPoster } from '../../../adapters/digest/poster.js';
import { startDiscord } from '../../../adapters/discord/index.js';
import type { CooldownOptions } from '../../../src/cooldown.js';
import type { DigestOptions } from '../../../src/digest/command.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { FeedbackEvent, KnowledgeBase } from '../../../src/types.js';
import { type FakeDiscord, startFakeDiscord, TOKEN } from '../../fakes/discord/fake-discord.js';
import { observeSitrep } from '../../fakes/observed-sitrep.js';
import { createRecordingLog, type LogEntry } from '../../fakes/recording-log.js';
import { testSitrep } from '../../support/engine.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge', import.meta.url));
let knowledge: KnowledgeBase | undefined;

export const ROOMY: CooldownOptions = {
  perUser: { limit: 1000, windowMs: 60_000 },
  perChannel: { limit: 1000, windowMs: 60_000 },
};

export interface Harness {
  fake: FakeDiscord;
  entries: LogEntry[];
  votes: FeedbackEvent[];
  /** The adapter's digest poster. */
  poster: DigestPoster;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** `explodeOn`: questions containing it make the core throw, to exercise the apology path. */
export async function startHarness(
  opts: { cooldown?: CooldownOptions; explodeOn?: string; digests?: DigestOptions } = {},
): Promise<Harness> {
  const fake = await startFakeDiscord();
  const { log, entries } = createRecordingLog();
  knowledge ??= loadKnowledge(KNOWLEDGE_DIR);
  const core = await testSitrep({ knowledge, log, digests: opts.digests });
  const { sitrep, votes } = observeSitrep(core, opts.explodeOn);
  const bot = await startDiscord({
    config: { token: TOKEN, appId: fake.world.appId, apiUrl: fake.apiUrl },
    sitrep,
    log,
    cooldown: opts.cooldown ?? ROOMY,
  });
  return {
    fake,
    entries,
    votes,
    poster: bot.poster,
    stop: () => bot.stop(),
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `condition` holds, failing after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
