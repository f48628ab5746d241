/**
 * SIGKILL while a digest post is in flight: the slot's claim is a lease, so the restarted process takes the slot over
 * once the lease has run out, finds the post in the channel's history (Slack took it just before the kill) and does
 * not post it again; the slot is not lost either.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { freePort, killAll, startApp, tempDataDir, until, waitForPort } from '../acceptance/app-process.js';
import {
  digestSlotOf,
  type FakeSlackApi,
  type RecordedCall,
  startFakeSlackApi,
} from '../fakes/slack/fake-slack-api.js';

const CHANNEL = 'C0LEASE';
let fake: FakeSlackApi | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await killAll();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a digest post cut off by SIGKILL', () => {
  it('is taken over after the lease by the restarted process and appears once', async () => {
    fake = await startFakeSlackApi();
    const api = fake;
    dataDir = tempDataDir();
    const port = await freePort();
    // One slot, 8 s from now (once an hour, so no earlier slot is caught up at start): the restart comes well within
    // a minute of it, so it is still the slot due when the second process starts.
    const slotAt = new Date(Date.now() + 8_000);
    const vars = {
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_API_URL: api.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIGEST_CRON: `${slotAt.getUTCSeconds()} ${slotAt.getUTCMinutes()} * * * *`,
      DIGEST_GRACE_MINUTES: '0',
      DIGEST_SLACK_CHANNELS: CHANNEL,
      DIGEST_LEASE_SECONDS: '2',
      LOG_LEVEL: 'info',
    };
    const posts = () => api.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL);
    // Slack takes the post at once but answers late: the process dies with the post in the channel, unrecorded.
    api.delayNext('chat.postMessage', 10_000);
    const first = startApp(vars);
    await waitForPort(first, port, 15_000);
    await until(first, () => posts().length === 1, 'the first post', 25_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const slot = digestSlotOf(posts()[0] as RecordedCall);
    expect(slot).toBe(new Date(Math.floor(slotAt.getTime() / 1000) * 1000).toISOString());

    const second = startApp(vars);
    await waitForPort(second, port, 15_000);
    await until(second, () => second.stderr().includes('digest slot taken over'), 'the takeover', 15_000);
    await until(second, () => second.stderr().includes('already in the channel'), 'the history check', 5_000);
    second.child.kill('SIGTERM');
    await second.exited;

    expect(posts().filter((c) => digestSlotOf(c) === slot)).toHaveLength(1);
    const store = openDigestStore(dataDir);
    try {
      expect((await store.slots(`slack:${CHANNEL}`)).find((s) => s.slot === slot)).toMatchObject({
        state: 'sent',
      });
    } finally {
      await store.close();
    }
  }, 90_000);
});
