/**
 * Follow-ups on Discord through the real client against the fake: a reply to Sitrep's message, a message in a
 * thread and a DM are each read against the last answer given there; a reply elsewhere starts afresh.
 */
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../fakes/discord/fake-discord.js';
import { FOLLOW_UP_SCENARIOS, MACHINE_TOOLS, REFUSED_OR_ASKED } from '../../support/follow-up-scenarios.js';
import { embedText } from './discord-limits.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface Posted {
  embeds?: { title?: string; description?: string }[];
  message_reference?: { message_id?: string };
}
const isReplyTo = (id: string) => (r: RecordedRequest) =>
  r.method === 'POST' && (r.body as Posted | undefined)?.message_reference?.message_id === id;
/** The bot's reply to `message`: what it posted and the message Discord created from it. */
async function replyTo(message: { id: string }) {
  const request = await h.fake.waitForRequest(isReplyTo(message.id));
  const created = h.fake.created.find(
    (m: APIMessage) =>
      (m as { message_reference?: { message_id?: string } }).message_reference?.message_id === message.id,
  );
  if (!created) throw new Error('no message was created for the reply');
  return { text: embedText(request.body as Posted), created };
}
const mention = () => `<@${h.fake.world.bot.id}>`;
const bot = () => [h.fake.world.bot];

describe('every follow-up, as a reply, in a thread and in a DM', () => {
  it.each(FOLLOW_UP_SCENARIOS)('%s → %s', async (question, followUp, expected) => {
    const first = await replyTo(h.fake.say(`${mention()} ${question}`, { mentions: bot() }));
    const asReply = await replyTo(h.fake.say(followUp, { replyTo: first.created }));
    const thread = { thread: true, mentions: bot() };
    await replyTo(h.fake.say(`${mention()} ${question}`, thread));
    const inThread = await replyTo(h.fake.say(`${mention()} ${followUp}`, thread));
    await replyTo(h.fake.say(question, { dm: true }));
    const inDm = await replyTo(h.fake.say(followUp, { dm: true }));
    for (const answer of [asReply.text, inThread.text, inDm.text]) {
      expect(answer).toMatch(expected);
      expect(answer).not.toMatch(REFUSED_OR_ASKED);
    }
  });
});

describe('Discord follow-ups', () => {
  it('a reply to the machine-tools answer asking "who said that?" names the senior US officials', async () => {
    const first = await replyTo(h.fake.say(`${mention()} ${MACHINE_TOOLS}`, { mentions: bot() }));
    expect(first.text).toContain('70%');
    const followUp = await replyTo(h.fake.say('who said that?', { replyTo: first.created }));
    expect(followUp.text).toMatch(/That comes from senior US officials/);
    // A reply to the follow-up's answer continues the same conversation.
    const more = await replyTo(h.fake.say('what are they used for?', { replyTo: followUp.created }));
    expect(more.text).toContain('ballistic missiles');
  });

  it('in a thread, "source?" after the microelectronics answer lists its outlets', async () => {
    const thread = { thread: true, mentions: bot() };
    await replyTo(
      h.fake.say(`${mention()} what share of Russia's microelectronics came from China?`, thread),
    );
    const followUp = await replyTo(h.fake.say(`${mention()} source?`, thread));
    expect(followUp.text).toMatch(/Sources for that: .*AFP.*Reuters.*AP/);
  });

  it('in a DM, "where did they meet?" after "when did Scholz meet Xi?" says Beijing', async () => {
    await replyTo(h.fake.say('when did Scholz meet Xi?', { dm: true }));
    const followUp = await replyTo(h.fake.say('where did they meet?', { dm: true }));
    expect(followUp.text).toContain('Beijing');
  });

  it('a mention in the channel that replies to nothing is a new question', async () => {
    await replyTo(h.fake.say(`${mention()} ${MACHINE_TOOLS}`, { mentions: bot() }));
    const fresh = await replyTo(h.fake.say(`${mention()} who said that?`, { mentions: bot() }));
    expect(fresh.text).not.toMatch(/That comes from senior US officials/);
  });

  it('briefs on request, and `/sitrep briefing topic:metals` gives only the metals topic', async () => {
    const briefing = await replyTo(h.fake.say(`${mention()} what's new?`, { mentions: bot() }));
    expect(briefing.text).toContain("China's share of Russia's machine-tool imports");
    const interaction = h.fake.slash('briefing', { topic: 'metals' });
    const body = (await h.fake.callbackFor(interaction)).body as { data: Posted };
    expect(embedText(body.data)).toMatch(/aluminium/);
    expect(embedText(body.data)).not.toContain('machine-tool');
  });
});
