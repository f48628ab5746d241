import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../fakes/discord/fake-discord.js';
import { snowflake, user } from '../../fakes/discord/payloads.js';
import { type Harness, sleep, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    cooldown: { perUser: { limit: 2, windowMs: 60_000 }, perChannel: { limit: 5, windowMs: 60_000 } },
  });
});
afterAll(() => h.close());

const person = (name: string) => user(snowflake(), name);
const slash = async (who: ReturnType<typeof person>) => {
  const request = await h.fake.callbackFor(h.fake.slash('figure', { name: 'machine tools' }, { who }));
  return (request.body as { data: { flags?: number; content?: string; embeds?: unknown[] } }).data;
};

describe('cooldown', () => {
  it('tells a user who asks too often to wait, privately', async () => {
    const alice = person('alice');
    expect((await slash(alice)).embeds).toHaveLength(1);
    expect((await slash(alice)).embeds).toHaveLength(1);
    const refused = await slash(alice);
    expect(refused.flags).toBe(64);
    expect(refused.content).toMatch(/^You're asking quickly\. Try again in \d+ s\.$/);
    expect(refused.embeds ?? []).toHaveLength(0);
  });

  it('limits a busy channel across users', async () => {
    const bob = person('bob');
    const carol = person('carol');
    await slash(bob);
    await slash(bob);
    expect((await slash(carol)).embeds).toHaveLength(1);
    expect((await slash(carol)).content).toMatch(/^This channel is busy\./);
  });

  it('answers a flood of messages with one short note, then silence', async () => {
    const dave = person('dave');
    const sent = [1, 2, 3, 4].map((n) => h.fake.say(`machine tools ${n}`, { author: dave, dm: true }));
    const replyTo = (id: string) => (r: RecordedRequest) =>
      r.method === 'POST' &&
      (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === id;
    const note = await h.fake.waitForRequest(replyTo(sent[2]?.id ?? ''));
    expect((note.body as { content?: string }).content).toMatch(/^You're asking quickly/);
    // Answers take the model a few milliseconds each; the note does not wait for them.
    await h.fake.waitForRequest(replyTo(sent[1]?.id ?? ''));
    await sleep(150);
    expect(h.fake.requests.entries.filter(replyTo(sent[3]?.id ?? ''))).toEqual([]);
    expect(h.fake.requests.entries.filter(replyTo(sent[1]?.id ?? ''))).toHaveLength(1);
  });
});
