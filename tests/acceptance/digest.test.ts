/**
 * Acceptance: with DIGEST_CRON firing every 2 s and DIGEST_SLACK_CHANNELS set, the composition root posts the digest
 * to the local fake Slack through the real Slack adapter, once per slot, and still once per slot after a restart
 * in the same DATA_DIR.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { freePort, killAll, startApp, tempDataDir, until, waitForPort } from './app-process.js';

const START_MS = 15_000;
const EXIT_MS = 8_000;
const CHANNEL = 'C0DIGEST';

let fake: FakeSlackApi | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  await killAll();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  fake = undefined;
  dataDir = undefined;
});

const slotOf = (c: RecordedCall) =>
  (c.body.metadata as { event_payload?: { slot?: string } } | undefined)?.event_payload?.slot;

describe('scheduled digests end to end (npm start against the fake Slack)', () => {
  it('posts each 2-second slot once, and still once per slot after a restart', async () => {
    fake = await startFakeSlackApi();
    const api = fake;
    dataDir = tempDataDir();
    const port = await freePort();
    const vars = {
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_API_URL: api.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIGEST_CRON: '*/2 * * * * *',
      DIGEST_SLACK_CHANNELS: CHANNEL,
    };
    const digests = () => api.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL);

    const first = startApp(vars);
    await waitForPort(first, port, START_MS);
    await until(first, () => digests().length >= 2, 'two digests', 10_000);
    first.child.kill('SIGTERM');
    expect(await first.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    const beforeRestart = digests().length;

    const second = startApp(vars);
    await waitForPort(second, port, START_MS);
    await until(second, () => digests().length >= beforeRestart + 2, 'two more digests', 10_000);
    second.child.kill('SIGTERM');
    expect(await second.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });

    const posts = digests();
    const slots = posts.map(slotOf);
    expect(
      slots.every((s) => typeof s === 'string' && /:\d[02468]\.000Z$/.test(s)),
      slots.join(),
    ).toBe(true);
    expect(new Set(slots).size, `slots posted: ${slots.join(', ')}`).toBe(slots.length);
    // What was sent survives the restart: only the very first digest has news.
    expect(String(posts[0]?.body.text)).toContain('New since your last digest:');
    for (const p of posts.slice(1))
      expect(String(p.body.text)).toContain('Nothing new since your last digest.');
    expect(posts[0]?.body.blocks).toBeInstanceOf(Array);
  }, 60_000);
});
