import { loadKnowledge } from '../src/knowledge/load.js';
import { createSitrep } from '../src/sitrep.js';
import type { Logger } from '../src/types.js';
import { exitOnStartupError } from './cli/startup-error.js';
import { type Config, loadConfig } from './config.js';
import { runConsoleChat } from './console/console-chat.js';
import { consoleLogSink } from './console/console-log.js';
import { createConsoleDigestPoster } from './console/console-poster.js';
import { openDigests } from './digest/digests.js';
import type { DigestPoster } from './digest/poster.js';
import { watchKnowledge } from './knowledge-watcher.js';
import { envFileText } from './load-env.js';
import { createRoutableLogger } from './log.js';
import { platformStarts, type RunningPlatform, startAll } from './platforms.js';
import { openSemantic } from './semantic.js';
import { startWithRetry } from './start-retry.js';
import { redactUrl } from './store/database.js';
import { openStores, type Stores } from './store/stores.js';

/** The composition root: the only place that reads the environment and decides what runs. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { envFile: envFileText });
  const { log, route: routeLogs } = createRoutableLogger(config.logLevel);
  const knowledge = loadKnowledge(config.knowledgeDir);
  // Operator-facing lines like the start-up errors, not JSON log events; silent means silent.
  const write = config.logLevel === 'silent' ? () => {} : (line: string) => process.stderr.write(`${line}\n`);
  const semantic = await openSemantic(config.dataDir, log);
  const stores = await openStoresPatiently(config, log, write);
  if (!stores) {
    await semantic.embedder.close();
    return;
  }
  log.info('database ready', { kind: stores.kind, where: stores.where });
  const { insights, conversations } = stores;
  const digests = await openDigests({
    config,
    store: stores.digests,
    knowledge: () => sitrep.knowledge(),
    log,
  });
  const sitrep = await createSitrep({
    knowledge,
    log,
    ...semantic,
    digests: digests.options,
    insights,
    conversations,
  });
  const watcher = watchKnowledge({
    dir: config.knowledgeDir,
    log,
    onChange: (kb) =>
      sitrep
        .reload(kb)
        .catch((err: unknown) => log.error('knowledge reload failed; keeping the previous base', { err })),
  });
  const closeStores = async () => {
    watcher.close();
    await digests.stop();
    await stores.close();
    await semantic.embedder.close();
  };
  const starts = platformStarts(config, { sitrep, log, seen: stores.events });
  if (starts.length === 0) {
    log.info('no Slack or Discord configured: starting the local console');
    const chat = runConsoleChat({
      sitrep,
      log,
      input: process.stdin,
      output: process.stdout,
      prompt: process.stdin.isTTY,
    });
    // At a terminal, JSON lines would land on the prompt; piped (scripts, tests), stderr is where they belong.
    if (process.stdin.isTTY) routeLogs(consoleLogSink(config.dataDir, chat));
    await digests.start({ console: createConsoleDigestPoster(chat) });
    await chat.closed;
    await closeStores();
    // readline's close pauses stdin but keeps a piped stdin open, which would keep the process alive after "quit"
    process.stdin.destroy();
    return;
  }

  const running: RunningPlatform[] = [];
  const connecting = new AbortController();
  // Handlers before the platforms connect, so a signal while one is still being retried stops the retries and
  // exits 0; and before the scheduler starts, whose first tick may already be posting when a SIGTERM arrives.
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    connecting.abort();
    log.info('shutting down', { signal });
    // Adapters wait (bounded) for replies in flight; this is the last resort if something hangs anyway.
    setTimeout(() => process.exit(1), 15_000).unref();
    // Digests first: no post may start while the platforms are going away. Insights close last, so replies
    // still in flight can record what they answered.
    watcher.close();
    await digests.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    await stores.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await startAll(starts, { signal: connecting.signal, write, onStarted: (p) => running.push(p) });
  } catch (err) {
    // A signal during start-up aborts the retries; the shutdown under way stops what started and exits 0.
    if (shuttingDown) return;
    await Promise.allSettled(running.map((r) => r.stop()));
    await closeStores();
    throw err;
  }
  if (shuttingDown) return;
  const posters: Partial<Record<RunningPlatform['name'], DigestPoster>> = {};
  for (const p of running) posters[p.name] = p.poster;
  // A signal while the scheduler starts closes its store under it: what fails then is the shutdown's, not an error.
  await digests.start(posters).catch((err: unknown) => {
    if (!shuttingDown) throw err;
  });
}

/**
 * Opens the database, waiting (one line per attempt, with backoff) for a PostgreSQL server that is not up yet, as
 * when the bot starts before it; undefined when a signal ends the wait.
 */
async function openStoresPatiently(
  config: Config,
  log: Logger,
  write: (line: string) => void,
): Promise<Stores | undefined> {
  const waiting = new AbortController();
  const stop = () => waiting.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    const opened = await startWithRetry({
      name: 'database',
      label: config.databaseUrl ? redactUrl(config.databaseUrl) : config.dataDir,
      signal: waiting.signal,
      write,
      start: async () => {
        const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, log });
        return { stores, stop: () => stores.close() };
      },
    });
    return opened?.stores;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}

main().catch(exitOnStartupError);
