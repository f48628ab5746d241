import 'dotenv/config';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createSitrep } from '../src/sitrep.js';
import type { Platform } from '../src/types.js';
import { exitOnStartupError } from './cli/startup-error.js';
import { loadConfig } from './config.js';
import { runConsoleChat } from './console/console-chat.js';
import { createConsoleDigestPoster } from './console/console-poster.js';
import { openDigests } from './digest/digests.js';
import type { DigestPoster } from './digest/poster.js';
import { startDiscord } from './discord/index.js';
import { createLogger } from './log.js';
import { startSlack } from './slack/index.js';

/** The composition root: the only place that reads the environment and decides what runs. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const knowledge = loadKnowledge(config.knowledgeDir);
  const digests = openDigests({ config, knowledge, log });
  const sitrep = createSitrep({ knowledge, log, digests: digests.options });
  const running: { name: string; stop(): Promise<void> }[] = [];
  const posters: Partial<Record<Platform, DigestPoster>> = {};
  try {
    if (config.discord) {
      const discord = await startDiscord({ config: config.discord, sitrep, log });
      running.push({ name: 'discord', ...discord });
      posters.discord = discord.poster;
    }
    if (config.slack) {
      const slack = await startSlack({ config: config.slack, sitrep, log, host: config.slack.host });
      running.push({ name: 'slack', ...slack });
      posters.slack = slack.poster;
    }
  } catch (err) {
    await digests.stop();
    throw err;
  }

  if (running.length === 0) {
    log.info('no Slack or Discord configured: starting the local console');
    await digests.start({ console: createConsoleDigestPoster(process.stdout) });
    await runConsoleChat({
      sitrep,
      log,
      input: process.stdin,
      output: process.stdout,
      prompt: process.stdin.isTTY,
    });
    await digests.stop();
    return;
  }

  await digests.start(posters);
  const shutdown = async (signal: string) => {
    log.info('shutting down', { signal });
    // Digests first: no post may start while the platforms are going away.
    await digests.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(exitOnStartupError);
