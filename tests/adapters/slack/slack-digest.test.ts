import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentDigestError } from '../../../adapters/digest/poster.js';
import { openDigestStore } from '../../../adapters/store/sqlite-digest-store.js';
import { composeDigest } from '../../../src/digest/compose.js';
import type { DigestStore } from '../../../src/digest/store.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { tempDir } from '../../digest/fixtures.js';
import { eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/signed-requests.js';
import { ackBody, type Harness, startHarness } from './harness.js';

let h: Harness;
let store: DigestStore;
const tmp = tempDir();
const ADMIN = 'U0ADMIN';

beforeAll(async () => {
  store = openDigestStore(tmp.dir);
  h = await startHarness({ digests: { store, defaultTimeZone: 'UTC' }, adminUsers: [ADMIN] });
});
afterAll(async () => {
  await h.close();
  store.close();
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
    expect(store.subscription('slack:C0TEAM')).toMatchObject({
      cron: '0 9 * * 1',
      timeZone: 'Europe/Berlin',
    });
  });

  it('refuses anyone not listed in SLACK_ADMIN_USERS', async () => {
    const body = await slashAs('U0BOB', 'digest unsubscribe');
    expect(body.text).toContain("don't have permission");
    expect(store.subscription('slack:C0TEAM')).toBeDefined();
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
