/** Starts the real Slack adapter (HTTP mode) against the fake Slack API and the real core. */
import { fileURLToPath } from 'node:url';
import type { DigestPoster } from '../../../adapters/digest/poster.js';
import { startSlack } from '../../../adapters/slack/index.js';
import type { CooldownOptions } from '../../../src/cooldown.js';
import type { DigestOptions } from '../../../src/digest/command.js';
import type { InsightsStore } from '../../../src/insights.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import type { Sitrep } from '../../../src/sitrep.js';
import type { FeedbackEvent } from '../../../src/types.js';
import { observeSitrep } from '../../fakes/observed-sitrep.js';
import { createRecordingLog, type LogEntry } from '../../fakes/recording-log.js';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../../fakes/slack/fake-slack-api.js';
import { attachSocketMode, type FakeSocketMode } from '../../fakes/slack/fake-socket-mode.js';
import { createSlackSender, slashCommand } from '../../fakes/slack/signed-requests.js';
import { testSitrep } from '../../support/engine.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge', import.meta.url));
const ROOMY: CooldownOptions = {
  perUser: { limit: 1000, windowMs: 60_000 },
  perChannel: { limit: 1000, windowMs: 60_000 },
};

export interface Harness {
  fake: FakeSlackApi;
  entries: LogEntry[];
  votes: FeedbackEvent[];
  /** The core as the adapter sees it (vote-recording wrapper included). */
  sitrep: Sitrep;
  send: ReturnType<typeof createSlackSender>;
  /** Set in Socket Mode. */
  socket?: FakeSocketMode;
  /** The adapter's digest poster. */
  poster: DigestPoster;
  close(): Promise<void>;
}

/** `explodeOn`: questions containing it make the core throw, to exercise the apology path. */
export async function startHarness(
  opts: {
    cooldown?: CooldownOptions;
    explodeOn?: string;
    mode?: 'http' | 'socket';
    digests?: DigestOptions;
    insights?: InsightsStore;
    adminUsers?: string[];
  } = {},
): Promise<Harness> {
  const fake = await startFakeSlackApi({ token: 'xoxb-test-token', appToken: 'xapp-test-token' });
  const socket = opts.mode === 'socket' ? attachSocketMode(fake) : undefined;
  const { log, entries } = createRecordingLog();
  const core = await testSitrep({
    knowledge: loadKnowledge(KNOWLEDGE_DIR),
    log,
    digests: opts.digests,
    insights: opts.insights,
  });
  const { sitrep, votes } = observeSitrep(core, opts.explodeOn);
  const slack = await startSlack({
    config: {
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      mode: opts.mode ?? 'http',
      appToken: 'xapp-test-token',
      port: 0,
      apiUrl: fake.apiUrl,
      command: '/sitrep',
      adminUsers: opts.adminUsers,
    },
    sitrep,
    log,
    host: '127.0.0.1',
    cooldown: opts.cooldown ?? ROOMY,
  });
  const send = createSlackSender(`http://127.0.0.1:${slack.port}/slack/events`, SIGNING_SECRET);
  return {
    fake,
    entries,
    votes,
    sitrep,
    send,
    socket,
    poster: slack.poster,
    async close() {
      await slack.stop();
      await socket?.close();
      await fake.close();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let responseIds = 0;

/** Matches the POST to one response_url. */
export const respondedTo = (id: string) => (c: RecordedCall) =>
  c.method === 'response_url' && c.path === `/response/${id}`;

/** Matches a successful chat.postMessage. */
export const posted = (match: (c: RecordedCall) => boolean) => (c: RecordedCall) =>
  c.method === 'chat.postMessage' && c.status === 200 && match(c);

/** Runs `/sitrep <text>` and resolves with the reply the app sent back in its ack. */
export async function slash(h: Harness, text: string): Promise<{ body: Record<string, unknown> }> {
  const id = `cmd${++responseIds}`;
  const res = await h.send.command(slashCommand({ text, responseUrl: h.fake.responseUrl(id) }));
  if (res.status !== 200) throw new Error(`slash command got HTTP ${res.status}`);
  return { body: ackBody(res) };
}

/** A slash command's reply: the message the app sent back in its ack. */
export const ackBody = (res: { text: string }) => JSON.parse(res.text) as Record<string, unknown>;
