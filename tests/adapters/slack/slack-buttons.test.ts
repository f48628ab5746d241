import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFeedback } from '../../../adapters/slack/action-values.js';
import { buttonClick } from '../../fakes/slack/signed-requests.js';
import { blockLimitViolations, buttonsOf, displayedText } from './block-limits.js';
import { type Harness, posted, respondedTo, slash as slashWith, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const slash = (text: string) => slashWith(h, text);

describe('buttons', () => {
  it('Share reposts the same answer publicly with "Shared by" and removes the private copy', async () => {
    const original = await slash('figure machine tools');
    const share = buttonsOf(original.body).find((b) => b.text === 'Share in channel');
    const id = `share${++n}`;
    await h.send.action(
      buttonClick({
        actionId: 'sitrep_share',
        value: share?.value ?? '',
        responseUrl: h.fake.responseUrl(id),
      }),
    );
    const post = await h.fake.waitFor(posted((c) => displayedText(c.body).includes('Shared by <@U0ALICE>')));
    expect(post.body.channel).toBe('C0GENERAL');
    expect(displayedText(post.body)).toContain('70%');
    expect(buttonsOf(post.body).map((b) => b.text)).not.toContain('Share in channel');
    expect((await h.fake.waitFor(respondedTo(id))).body.delete_original).toBe(true);
  });

  it('Share tells the user how to fix it when the bot is not in the channel', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const id = `share${++n}`;
    const click = buttonClick({
      actionId: 'sitrep_share',
      value: 'figures',
      responseUrl: h.fake.responseUrl(id),
      channelId: 'C0PRIVATE',
    });
    await h.send.action(click);
    const note = await h.fake.waitFor(respondedTo(id));
    expect(note.body.response_type).toBe('ephemeral');
    expect(displayedText(note.body)).toContain('/invite @Sitrep');
    expect(h.entries.filter((e) => e.ctx?.error === 'not_in_channel')).toHaveLength(1);
  });

  it('Helpful calls sitrep.feedback with the fact, then replaces the buttons with a thank-you', async () => {
    const original = await slash('figure machine tools');
    const helpful = buttonsOf(original.body).find((b) => b.text === 'Helpful');
    const id = `vote${++n}`;
    await h.send.action(
      buttonClick({
        actionId: 'sitrep_helpful',
        value: helpful?.value ?? '',
        responseUrl: h.fake.responseUrl(id),
      }),
    );
    const ack = await h.fake.waitFor(respondedTo(id));
    expect(ack.body.replace_original).toBe(true);
    expect(displayedText(ack.body)).toContain('Thanks — recorded');
    expect(displayedText(ack.body)).toContain('70%');
    expect(buttonsOf(ack.body).map((b) => b.text)).not.toContain('Helpful');
    const vote = h.votes.at(-1);
    expect(vote).toMatchObject({
      helpful: true,
      platform: 'slack',
      channelId: 'C0GENERAL',
      userId: 'U0ALICE',
    });
    expect(vote?.factId).toBe(decodeFeedback(helpful?.value)?.f);
    expect(vote?.factId).toBeTruthy();
  });

  it('Not helpful on a public answer records the vote and thanks only the voter', async () => {
    const before = h.votes.length;
    const value = JSON.stringify({ f: 'machine-tools-china-share', q: 'machine tools' });
    const id = `vote${++n}`;
    await h.send.action(
      buttonClick({
        actionId: 'sitrep_unhelpful',
        value,
        responseUrl: h.fake.responseUrl(id),
        message: { ts: '1712900300.000100' },
      }),
    );
    const ack = await h.fake.waitFor(respondedTo(id));
    expect(ack.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.votes.slice(before)).toEqual([
      expect.objectContaining({ helpful: false, factId: 'machine-tools-china-share' }),
    ]);
    expect(h.entries.some((e) => e.msg === 'slack feedback recorded' && e.ctx?.helpful === false)).toBe(true);
  });

  it('a related question asked from a private answer is answered privately', async () => {
    const original = await slash("how much of Russia's machine tool imports came from China?");
    const related = buttonsOf(original.body).find((b) => b.action_id.startsWith('sitrep_ask_'));
    expect(related).toBeDefined();
    const id = `ask${++n}`;
    await h.send.action(
      buttonClick({
        actionId: related?.action_id ?? '',
        value: related?.value ?? '',
        responseUrl: h.fake.responseUrl(id),
      }),
    );
    const reply = await h.fake.waitFor(respondedTo(id));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(displayedText(reply.body)).not.toBe(displayedText(original.body));
    expect(blockLimitViolations(reply.body)).toEqual([]);
  });

  it('a related question asked from a threaded answer is answered in that thread', async () => {
    const id = `ask${++n}`;
    const message = { ts: '1712900400.000100', thread_ts: '1712900399.000100' };
    await h.send.action(
      buttonClick({
        actionId: 'sitrep_ask_0',
        value: 'figure machine tools',
        responseUrl: h.fake.responseUrl(id),
        message,
      }),
    );
    const reply = await h.fake.waitFor(posted((c) => c.body.thread_ts === message.thread_ts));
    expect(displayedText(reply.body)).toContain('Asked by <@U0ALICE>');
    expect(displayedText(reply.body)).toContain('70%');
  });
});
