/**
 * Acceptance: with DIGEST_CRON firing every 2 s and DIGEST_SLACK_CHANNELS set, the composition root posts the digest
 * to the local fake Slack through the real Slack adapter, once per slot, and still once per slot after a restart
 * in the same DATA_DIR.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { digestSlotOf, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
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

/** Fake Slack, a data folder and the variables for `npm start` posting digests every 2 s to `channels`. */
async function setUp(channels = CHANNEL, extra: Record<string, string> = {}) {
  fake = await startFakeSlackApi();
  dataDir = tempDataDir();
  const port = await freePort();
  const vars = {
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DIGEST_CRON: '*/2 * * * * *',
    DIGEST_SLACK_CHANNELS: channels,
    ...extra,
  };
  return { api: fake, port, vars, dataDir };
}

/** Digests Slack took (not those it answered with an error). */
const postsTo = (api: FakeSlackApi, channel: string) =>
  api.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.status === 200 && !c.error);

describe('scheduled digests end to end (npm start against the fake Slack)', () => {
  it('DIGEST_GRACE_MINUTES=0 posts every slot on time', async () => {
    const { api, port, vars } = await setUp(CHANNEL, { DIGEST_GRACE_MINUTES: '0' });
    const app = startApp(vars);
    await waitForPort(app, port, START_MS);
    await until(app, () => postsTo(api, CHANNEL).length >= 2, 'two digests', 10_000);
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('a revoked token holds every channel without pausing any; a working token resumes them all', async () => {
    const channels = ['C0DIGEST', 'C0OTHER'];
    const { api, port, vars, dataDir: dir } = await setUp(channels.join(','), { LOG_LEVEL: 'info' });
    const app = startApp(vars);
    await waitForPort(app, port, START_MS);
    const each = (n: number) => () => channels.every((c) => postsTo(api, c).length >= n);
    await until(app, each(1), 'a digest in each channel', 10_000);

    api.setToken('xoxb-rotated-elsewhere');
    await until(app, () => app.stderr().includes('digests on hold'), 'the hold', 10_000);
    const before = channels.map((c) => postsTo(api, c).length);
    api.setToken('xoxb-test-token');
    await until(app, () => app.stderr().includes('digests resumed'), 'the resume', 15_000);
    await until(
      app,
      () => channels.every((c, i) => postsTo(api, c).length >= (before[i] ?? 0) + 2),
      'posts in both',
      10_000,
    );
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });

    const store = openDigestStore(dir);
    try {
      for (const c of channels) expect((await store.subscription(`slack:${c}`))?.paused, c).toBeUndefined();
    } finally {
      await store.close();
    }
    expect(app.stderr()).not.toContain('digest paused');
    // While held, nothing was tried: one refused post per channel at most, then only the credential checks.
    const refused = api.callsTo('chat.postMessage').filter((c) => c.error === 'invalid_auth');
    expect(refused.length).toBeLessThanOrEqual(channels.length);
  }, 90_000);

  it('posts each 2-second slot once, and still once per slot after a restart', async () => {
    const { api, port, vars } = await setUp();
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
    const slots = posts.map(digestSlotOf);
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
