import 'dotenv/config';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createSitrep } from '../src/sitrep.js';
import { exitOnStartupError } from './cli/startup-error.js';
import { loadConfig } from './config.js';
import { runConsoleChat } from './console/console-chat.js';
import { startDiscord } from './discord/index.js';
import { createLogger } from './log.js';
import { startSlack } from './slack/index.js';

/** The composition root: the only place that reads the environment and decides what runs. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const sitrep = createSitrep({ knowledge: loadKnowledge(config.knowledgeDir), log });
  const running: { name: string; stop(): Promise<void> }[] = [];
  if (config.discord)
    running.push({ name: 'discord', ...(await startDiscord({ config: config.discord, sitrep, log })) });
  if (config.slack)
    running.push({
      name: 'slack',
      ...(await startSlack({ config: config.slack, sitrep, log, host: config.slack.host })),
    });

  if (running.length === 0) {
    log.info('no Slack or Discord configured: starting the local console');
    await runConsoleChat({
      sitrep,
      log,
      input: process.stdin,
      output: process.stdout,
      prompt: process.stdin.isTTY,
    });
    return;
  }

  const shutdown = async (signal: string) => {
    log.info('shutting down', { signal });
    await Promise.allSettled(running.map((r) => r.stop()));
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(exitOnStartupError);
