/**
 * Two Sitrep processes on one PostgreSQL database (started by the test) against the fake Slack: a retried event
 * that reaches the other instance is answered once; 20 digest slots are posted once each across both; a slot whose
 * poster is SIGKILLed mid-post is taken over by the other instance and not posted twice; killing both mid-post and
 * starting them again loses no slot and repeats none.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freePort,
  killAll,
  sleep,
  startApp,
  until,
  waitForPort,
} from '../acceptance/app-process.js';
import { digestSlotOf, type FakeSlackApi, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { createSlackSender, eventEnvelope, mentionEvent } from '../fakes/slack/signed-requests.js';
import { usePostgres } from '../support/postgres.js';

const SECRET = 'multi-signing-secret-0123456789';
const postgres = usePostgres();
let fake: FakeSlackApi;
afterEach(async () => {
  await killAll();
  await fake?.close();
});

/** An hourly slot `aheadMs` from now (so no earlier slot is caught up at start), and the instant it names. */
function slotAhead(aheadMs: number) {
  const at = new Date(Math.ceil((Date.now() + aheadMs) / 1000) * 1000);
  return { cron: `${at.getUTCSeconds()} ${at.getUTCMinutes()} * * * *`, iso: at.toISOString() };
}

async function instances(n: number, extra: Record<string, string> = {}) {
  fake = await startFakeSlackApi();
  const url = await postgres().createDatabase();
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const vars = (port: number) => ({
    SLACK_MODE: 'http',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    DIGEST_GRACE_MINUTES: '0',
    DIGEST_LEASE_SECONDS: '2',
    LOG_LEVEL: 'info',
    ...extra,
  });
  const start = async (i: number): Promise<AppProcess> => {
    const port = ports[i] as number;
    const app = startApp(vars(port));
    await waitForPort(app, port, 20_000);
    return app;
  };
  return { url, ports, start };
}

const slotsInDb = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ subscription_id: string; state: string }>(
      'SELECT subscription_id, state FROM slots ORDER BY subscription_id',
    );
    return rows;
  } finally {
    await client.end();
  }
};

const channels = (n: number) => Array.from({ length: n }, (_, i) => `C0MULTI${String(i).padStart(2, '0')}`);

/** How many digest posts each channel got for `slot`. */
const postsPerChannel = (slot: string) => {
  const counts = new Map<string, number>();
  for (const c of fake.callsTo('chat.postMessage'))
    if (digestSlotOf(c) === slot)
      counts.set(String(c.body.channel), (counts.get(String(c.body.channel)) ?? 0) + 1);
  return counts;
};

describe('several instances on one PostgreSQL database', () => {
  it('answers a Slack retry that reaches the other instance once', async () => {
    const { ports, start } = await instances(2);
    await Promise.all([start(0), start(1)]);
    const [a, b] = ports.map((p) => createSlackSender(`http://127.0.0.1:${p}/slack/events`, SECRET));
    const mention = mentionEvent({ text: "how much of Russia's machine-tool imports came from China?" });
    const envelope = eventEnvelope(mention, 'EvMULTI0001');
    expect((await a?.event(envelope))?.status).toBe(200);
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await b?.event(envelope, { headers: retry }))?.status).toBe(200);
    // A new event at the second instance is answered: it is the retry it drops, not everything.
    const other = mentionEvent({ text: 'what did the US and UK ban?' });
    await b?.event(eventEnvelope(other, 'EvMULTI0002'));
    const replies = (ts: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === other.ts, 10_000);
    await sleep(1_500);
    expect(replies(mention.ts)).toHaveLength(1);
    expect(replies(other.ts)).toHaveLength(1);
  }, 90_000);

  it('posts 20 digest slots across both instances, each exactly once', async () => {
    const slot = slotAhead(12_000);
    const { url, start } = await instances(2, {
      DIGEST_CRON: slot.cron,
      DIGEST_SLACK_CHANNELS: channels(20).join(','),
    });
    const [first, second] = await Promise.all([start(0), start(1)]);
    await until(first, () => postsPerChannel(slot.iso).size === 20, 'all 20 posts', 30_000);
    await sleep(2_000);
    expect([...postsPerChannel(slot.iso).values()]).toEqual(Array(20).fill(1));
    const posted = (app: AppProcess) => app.stderr().split('"digest posted"').length - 1;
    expect(posted(first) + posted(second)).toBe(20);
    expect((await slotsInDb(url)).map((r) => r.state)).toEqual(Array(20).fill('sent'));
  }, 90_000);

  it('a slot whose instance is SIGKILLed mid-post is taken over by the other after the lease, and appears once', async () => {
    const slot = slotAhead(8_000);
    const { url, start } = await instances(2, { DIGEST_CRON: slot.cron, DIGEST_SLACK_CHANNELS: 'C0MULTI00' });
    // Slack takes the post at once but answers late: its instance dies with the post in the channel, unrecorded.
    fake.delayNext('chat.postMessage', 15_000);
    const first = await start(0);
    await until(first, () => postsPerChannel(slot.iso).size === 1, 'the first post', 25_000);
    const other = await start(1);
    first.child.kill('SIGKILL');
    await first.exited;
    await until(other, () => other.stderr().includes('digest slot taken over'), 'the takeover', 20_000);
    await until(other, () => other.stderr().includes('already in the channel'), 'the history check', 5_000);
    expect(postsPerChannel(slot.iso).get('C0MULTI00')).toBe(1);
    expect(await slotsInDb(url)).toEqual([{ subscription_id: 'slack:C0MULTI00', state: 'sent' }]);
  }, 90_000);

  it('both instances SIGKILLed with posts in flight and started again: no slot lost, none repeated', async () => {
    const slot = slotAhead(12_000);
    const { url, start } = await instances(2, {
      DIGEST_CRON: slot.cron,
      DIGEST_SLACK_CHANNELS: channels(20).join(','),
    });
    // The first 8 posts reach Slack but their answers come too late; the others were never made.
    fake.delayNext('chat.postMessage', 20_000, 8);
    const before = await Promise.all([start(0), start(1)]);
    await until(
      before[0] as AppProcess,
      () => postsPerChannel(slot.iso).size >= 8,
      'posts in flight',
      30_000,
    );
    for (const app of before) app.child.kill('SIGKILL');
    await Promise.all(before.map((app) => app.exited));
    const reached = postsPerChannel(slot.iso).size;
    expect(reached).toBeGreaterThanOrEqual(8);
    const after = await Promise.all([start(0), start(1)]);
    await until(
      after[0] as AppProcess,
      () => postsPerChannel(slot.iso).size === 20,
      'every slot posted',
      40_000,
    );
    for (let waited = 0; waited < 20_000; waited += 250) {
      if ((await slotsInDb(url)).every((r) => r.state === 'sent')) break;
      await sleep(250);
    }
    expect((await slotsInDb(url)).map((r) => r.state)).toEqual(Array(20).fill('sent'));
    expect([...postsPerChannel(slot.iso).values()]).toEqual(Array(20).fill(1));
  }, 120_000);
});
