/**
 * Follow-ups on Slack through the real Bolt app against the fake: a mention in the thread of one of Sitrep's answers,
 * and any DM, is read against the last answer given there; another thread starts afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../fakes/slack/fake-slack-api.js';
import { dmEvent, eventEnvelope, mentionEvent } from '../../fakes/slack/signed-requests.js';
import { FOLLOW_UP_SCENARIOS, MACHINE_TOOLS, REFUSED_OR_ASKED } from '../../support/follow-up-scenarios.js';
import { displayedText } from './block-limits.js';
import { type Harness, sleep, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Sends an event and resolves with the first chat.postMessage made after it that matches. */
async function answerTo(event: Record<string, unknown>, match: (c: RecordedCall) => boolean) {
  const start = h.fake.calls.length;
  await h.send.event(eventEnvelope(event));
  for (let waited = 0; waited < 5_000; waited += 20) {
    const call = h.fake.calls.slice(start).find((c) => c.method === 'chat.postMessage' && match(c));
    if (call) return displayedText(call.body);
    await sleep(20);
  }
  throw new Error('no answer was posted');
}
/** A mention at the top of the channel; its answer (and so its conversation) is in the thread it starts. */
async function mentionAtTop(text: string) {
  const event = mentionEvent({ text });
  const answer = await answerTo(event, (c) => c.body.thread_ts === event.ts);
  return { thread: event.ts, answer };
}
const inThread = (thread: string, text: string) =>
  answerTo(mentionEvent({ text, threadTs: thread }), (c) => c.body.thread_ts === thread);
const inDm = (channel: string, text: string) =>
  answerTo(dmEvent({ text, channel }), (c) => c.body.channel === channel);

describe('every follow-up, in a thread and in a DM', () => {
  let dm = 0;
  it.each(FOLLOW_UP_SCENARIOS)('%s → %s', async (question, followUp, expected) => {
    const { thread } = await mentionAtTop(question);
    const inThreadAnswer = await inThread(thread, followUp);
    expect(inThreadAnswer).toMatch(expected);
    expect(inThreadAnswer).not.toMatch(REFUSED_OR_ASKED);
    const channel = `D0SCENARIO${++dm}`;
    await inDm(channel, question);
    const inDmAnswer = await inDm(channel, followUp);
    expect(inDmAnswer).toMatch(expected);
    expect(inDmAnswer).not.toMatch(REFUSED_OR_ASKED);
  });
});

describe('Slack follow-ups', () => {
  it('in the thread of the machine-tools answer, "who said that?" names the senior US officials', async () => {
    const { thread, answer } = await mentionAtTop(MACHINE_TOOLS);
    expect(answer).toContain('70%');
    expect(await inThread(thread, 'who said that?')).toMatch(/That comes from senior US officials/);
    expect(await inThread(thread, 'what are they used for?')).toContain('ballistic missiles');
  });

  it('in a DM, "source?" after the microelectronics answer lists its outlets', async () => {
    await inDm('D0CONVO', "what share of Russia's microelectronics came from China?");
    expect(await inDm('D0CONVO', 'source?')).toMatch(/Sources for that: .*AFP.*Reuters.*AP/);
  });

  it('"where did they meet?" in the thread of "when did Scholz meet Xi?" says Beijing; in another thread it does not', async () => {
    const { thread } = await mentionAtTop('when did Scholz meet Xi?');
    expect(await inThread(thread, 'where did they meet?')).toContain('Beijing');
    const other = await mentionAtTop('who said that?');
    expect(other.answer).not.toMatch(/That comes from/);
  });

  it('"brief me" in a DM gives the briefing', async () => {
    const briefing = await inDm('D0BRIEF', 'brief me');
    expect(briefing).toContain('Sitrep briefing');
    expect(briefing).toContain("China's share of Russia's machine-tool imports");
  });
});
