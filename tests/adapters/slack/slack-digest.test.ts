import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PermanentDigestError } from '../../../adapters/digest/poster.js';
import { openDigestStore } from '../../../adapters/store/sqlite-digest-store.js';
import {
  openSqliteInsightsStore,
  type SqliteInsightsStore,
} from '../../../adapters/store/sqlite-insights-store.js';
import { composeDigest } from '../../../src/digest/compose.js';
import type { DigestStore } from '../../../src/digest/store.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { tempDir } from '../../digest/fixtures.js';
import { buttonClick, eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/signed-requests.js';
import { displayedText } from './block-limits.js';
import { ackBody, type Harness, respondedTo, startHarness } from './harness.js';

let h: Harness;
let store: DigestStore;
let insights: SqliteInsightsStore;
const tmp = tempDir();
const ADMIN = 'U0ADMIN';
/** The digest commands' clock; real time unless a test sets it. */
let clock: Date | undefined;

beforeAll(async () => {
  store = openDigestStore(tmp.dir);
  insights = openSqliteInsightsStore({ dataDir: tmp.dir });
  h = await startHarness({
    digests: { store, defaultTimeZone: 'UTC', now: () => clock ?? new Date() },
    insights,
    adminUsers: [ADMIN],
  });
});
afterAll(async () => {
  await h.close();
  await store.close();
  await insights.close();
  tmp.cleanup();
});

let n = 0;
async function slashAs(userId: string, text: string) {
  const id = `digest${++n}`;
  const res = await h.send.command({
    ...slashCommand({ text, responseUrl: h.fake.responseUrl(id), userId }),
    channel_id: 'C0TEAM',
  });
  return ackBody(res) as {
    response_type?: string;
    text?: string;
    blocks?: unknown[];
  };
}

const digest = () =>
  composeDigest({
    knowledge: loadKnowledge('knowledge'),
    sent: new Map(),
    now: new Date('2026-11-28T09:00:00Z'),
    timeZone: 'UTC',
  });

describe('Slack: /sitrep digest', () => {
  it('lets a SLACK_ADMIN_USERS member subscribe the channel, privately confirmed', async () => {
    const body = await slashAs(ADMIN, 'digest subscribe weekly mon 09:00 Europe/Berlin');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Subscribed: this channel gets a digest weekly mon 09:00 (Europe/Berlin).');
    expect(await store.subscription('slack:C0TEAM')).toMatchObject({
      cron: '0 9 * * 1',
      timeZone: 'Europe/Berlin',
    });
  });

  it('refuses a schedule that posts a minute apart later in the day, whenever it is asked', async () => {
    // The wall clock too: a check that looked at the next runs after the real time would pass at 04:45.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T04:45:00Z') });
    clock = new Date();
    try {
      for (const cron of ['0-46 4 * * *', '0,30 4 29 2 *']) {
        const body = await slashAs(ADMIN, `digest subscribe ${cron} UTC`);
        expect(body.text, cron).toContain('would post more than once every 60 minutes');
      }
      const body = await slashAs(ADMIN, 'digest subscribe 0 4,5 * * * UTC');
      expect(body.text).toContain('Subscribed: this channel gets a digest 0 4,5 * * * (UTC).');
      expect(await store.subscription('slack:C0TEAM')).toMatchObject({ cron: '0 4,5 * * *' });
    } finally {
      clock = undefined;
      vi.useRealTimers();
    }
  });

  it('refuses anyone not listed in SLACK_ADMIN_USERS', async () => {
    const body = await slashAs('U0BOB', 'digest unsubscribe');
    expect(body.text).toContain("don't have permission");
    expect(await store.subscription('slack:C0TEAM')).toBeDefined();
  });

  it('previews the digest only to the asker, with no Share button', async () => {
    const body = await slashAs('U0BOB', 'digest preview');
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('New since your last digest');
    expect(JSON.stringify(body.blocks)).not.toContain('Share in channel');
  });

  it('keeps a preview asked by @mention private too', async () => {
    await h.send.event(eventEnvelope(mentionEvent({ text: 'digest preview', channel: 'C0PREVIEW' })));
    const call = await h.fake.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.body.channel === 'C0PREVIEW',
    );
    expect(String(call.body.text)).toContain('Sitrep digest');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0PREVIEW')).toEqual([]);
  });

  it('posts a digest with chat.postMessage, naming its slot in the message metadata', async () => {
    await h.poster.post('C0DIGEST', digest(), new Date('2026-11-28T09:00:00Z'));
    const call = await h.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0DIGEST',
    );
    expect(call.body.metadata).toEqual({
      event_type: 'sitrep_digest',
      event_payload: { slot: '2026-11-28T09:00:00.000Z', date: '2026-11-28' },
    });
    expect(String(call.body.text)).toMatch(/^Sitrep digest — 2026-11-28\n/);
  });

  it('turns channel_not_found into a permanent failure', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(h.poster.post('C0GONE', digest())).rejects.toBeInstanceOf(PermanentDigestError);
  });

  it('rides out a 429 with its Retry-After through the Web API client', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.poster.post('C0RATE', digest());
    const calls = h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0RATE');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
  });
});

describe('private-only replies behind a tampered button', () => {
  for (const text of ['report', 'digest preview']) {
    it(`Share with the value "${text}" posts nothing in the channel and tells the clicker why`, async () => {
      const before = h.fake.callsTo('chat.postMessage').length;
      const id = `share${++n}`;
      await h.send.action(
        buttonClick({
          actionId: 'sitrep_share',
          value: text,
          responseUrl: h.fake.responseUrl(id),
          userId: ADMIN,
        }),
      );
      const note = await h.fake.waitFor(respondedTo(id));
      expect(note.body.response_type).toBe('ephemeral');
      expect(displayedText(note.body)).toMatch(/for you only/);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    });

    it(`an ask button on a public answer with the value "${text}" answers only the clicker`, async () => {
      const before = h.fake.callsTo('chat.postMessage').length;
      const message = { ts: `17129005${++n}.000100` };
      await h.send.action(
        buttonClick({
          actionId: 'sitrep_ask_0',
          value: text,
          responseUrl: h.fake.responseUrl(`ask${n}`),
          userId: ADMIN,
          message,
        }),
      );
      const whisper = await h.fake.waitFor(
        (c) => c.method === 'chat.postEphemeral' && c.body.thread_ts === message.ts,
      );
      expect(whisper.body.user).toBe(ADMIN);
      expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    });
  }
});
