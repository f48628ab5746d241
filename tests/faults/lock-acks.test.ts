/**
 * Another process holds insights.db, then sitrep.db, locked for 10 s while `npm start` serves the fake Slack and
 * posts digests every 2 s: every slash command is acked well within 1 s with its real answer, a mention is
 * answered as fast, and a digest command that needs the locked database says "busy" within 2 s.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../adapters/store/sqlite-digest-store.js';
import { insightsDbPath } from '../../adapters/store/sqlite-insights-store.js';
import { freePort, killAll, startApp, tempDataDir, waitForPort } from '../acceptance/app-process.js';
import { displayedText } from '../adapters/slack/block-limits.js';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import {
  createSlackSender,
  eventEnvelope,
  mentionEvent,
  slashCommand,
} from '../fakes/slack/signed-requests.js';
import { holdLock } from './db-faults.js';

const SECRET = 'test-signing-secret-0123456789';
const ACK_MS = 1_000;
let fake: FakeSlackApi | undefined;

afterEach(async () => {
  await killAll();
  await fake?.close();
  fake = undefined;
});

async function startSitrep() {
  fake = await startFakeSlackApi();
  const dataDir = tempDataDir();
  const port = await freePort();
  const app = startApp({
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DIGEST_CRON: '*/2 * * * * *',
    DIGEST_SLACK_CHANNELS: 'C0DIGEST,C0DIGEST2',
  });
  await waitForPort(app, port, 15_000);
  return {
    app,
    dataDir,
    api: fake,
    send: createSlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET),
  };
}

type Running = Awaited<ReturnType<typeof startSitrep>>;
let n = 0;

/** Runs `/sitrep <text>`; resolves with how long the ack took and what the user finally saw. */
async function slash({ api, send }: Running, text: string) {
  const id = `lock${++n}`;
  const started = Date.now();
  // A new asker and channel each time, so the cooldown never answers in place of the engine.
  const res = await send.command(
    slashCommand({ text, responseUrl: api.responseUrl(id), userId: `U0ASK${n}`, channelId: `C0ASK${n}` }),
  );
  const ackMs = Date.now() - started;
  expect(res.status, text).toBe(200);
  let shown = displayedText(JSON.parse(res.text) as Record<string, unknown>);
  if (shown.includes('One moment'))
    shown = displayedText((await api.waitFor((c) => c.path === `/response/${id}`)).body);
  return { ackMs, shown, doneMs: Date.now() - started };
}

const QUESTIONS: [string, RegExp][] = [
  ['help', /figure/i],
  ['figure machine tools', /70%/],
  ["how much of Russia's microelectronics imports came from China?", /90%/],
  ['figures', /figures/i],
  ['who won the 1998 world cup?', /\S/],
];

describe('a database locked by another process never holds up a reply', () => {
  it('insights.db locked for 10 s: every ack under 1 s with its answer; mentions answered as fast', async () => {
    const sitrep = await startSitrep();
    await slash(sitrep, 'help');
    const lock = await holdLock(insightsDbPath(sitrep.dataDir), 10_000);
    const until = Date.now() + 8_000;
    const acks: number[] = [];
    while (Date.now() < until) {
      for (const [text, expected] of QUESTIONS) {
        const r = await slash(sitrep, text);
        acks.push(r.ackMs);
        expect(r.shown, text).toMatch(expected);
        expect(r.shown, text).not.toMatch(/One moment|went wrong/);
      }
      const channel = `C0MENTION${++n}`;
      const sent = Date.now();
      await sitrep.send.event(
        eventEnvelope(mentionEvent({ text: 'figure machine tools', channel, userId: `U0MENTION${n}` })),
      );
      await sitrep.api.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === channel, 2_000);
      acks.push(Date.now() - sent);
    }
    expect(acks.length).toBeGreaterThan(20);
    expect(Math.max(...acks), acks.join(',')).toBeLessThan(ACK_MS);
    lock.release();
    await lock.released;
  }, 60_000);

  it('sitrep.db locked for 10 s: acks under 1 s, and a digest change says "busy" within 2 s', async () => {
    const sitrep = await startSitrep();
    await slash(sitrep, 'help');
    const lock = await holdLock(join(sitrep.dataDir, DB_FILE), 10_000);
    const subscribe = await slash(sitrep, 'digest subscribe daily 09:00');
    expect(subscribe.ackMs).toBeLessThan(ACK_MS);
    expect(subscribe.doneMs).toBeLessThan(2_000);
    expect(subscribe.shown).toMatch(/busy/i);
    const until = Date.now() + 6_000;
    const acks: number[] = [];
    while (Date.now() < until) {
      for (const [text, expected] of [...QUESTIONS, ['digest status', /digest/i] as [string, RegExp]]) {
        const r = await slash(sitrep, text);
        acks.push(r.ackMs);
        expect(r.shown, text).toMatch(expected);
      }
    }
    expect(Math.max(...acks), acks.join(',')).toBeLessThan(ACK_MS);
    lock.release();
    await lock.released;
    const after = await slash(sitrep, 'digest subscribe daily 09:00');
    expect(after.shown).toContain('Subscribed');
  }, 60_000);
});
