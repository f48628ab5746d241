import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmEvent, eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/signed-requests.js';
import { blockLimitViolations, buttonsOf, displayedText } from './block-limits.js';
import { ackBody, type Harness, posted, slash as slashWith, sleep, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let n = 0;
const slash = (text: string) => slashWith(h, text);

describe('slash command', () => {
  it('answers `figure machine tools` in its ack, ephemerally, with 70%, $900 million and the source', async () => {
    const started = Date.now();
    const id = `cmd${++n}`;
    const res = await h.send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: h.fake.responseUrl(id) }),
    );
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const reply = { body: ackBody(res) };
    expect(reply.body.response_type).toBe('ephemeral');
    const shown = displayedText(reply.body);
    expect(shown).toContain('70%');
    expect(shown).toContain('$900 million');
    expect(shown).toMatch(/AP|AFP|Guardian/);
    expect(blockLimitViolations(reply.body)).toEqual([]);
    expect(buttonsOf(reply.body).map((b) => b.text)).toEqual(
      expect.arrayContaining(['Share in channel', 'Helpful', 'Not helpful']),
    );
  });

  it('answers a plain question and the explicit `ask` form alike', async () => {
    const plain = await slash("how much of Russia's machine tool imports came from China?");
    const asked = await slash("ask how much of Russia's machine tool imports came from China?");
    expect(displayedText(plain.body)).toContain('70%');
    expect(displayedText(asked.body)).toContain('70%');
  });

  it('lists figures, sources and help', async () => {
    expect(displayedText((await slash('figures')).body)).toContain('```');
    expect(displayedText((await slash('sources')).body)).toMatch(/Sources\* \(\d+\)/);
    expect(displayedText((await slash('help')).body)).toContain('`/sitrep figure &lt;name&gt;`');
  });

  it('refuses an out-of-scope question and suggests what it can answer', async () => {
    const reply = await slash('who won the 1998 football world cup?');
    expect(displayedText(reply.body)).toContain("can't answer");
    expect(buttonsOf(reply.body).filter((b) => b.action_id.startsWith('sitrep_ask_')).length).toBeGreaterThan(
      0,
    );
  });
});

describe('mentions and direct messages', () => {
  it('answers @Sitrep in the thread of the mention', async () => {
    const event = mentionEvent({ text: "what share of Russia's microelectronics came from China?" });
    expect((await h.send.event(eventEnvelope(event))).status).toBe(200);
    const reply = await h.fake.waitFor(posted((c) => c.body.thread_ts === event.ts));
    expect(reply.body.channel).toBe('C0GENERAL');
    expect(displayedText(reply.body)).toContain('90%');
  });

  it('keeps answering inside an existing thread', async () => {
    const event = mentionEvent({ text: 'figure machine tools', threadTs: '1712800000.000001' });
    await h.send.event(eventEnvelope(event));
    const reply = await h.fake.waitFor(posted((c) => c.body.thread_ts === '1712800000.000001'));
    expect(displayedText(reply.body)).toContain('70%');
  });

  it('answers a direct message, and ignores bot posts and edits', async () => {
    await h.send.event(eventEnvelope(dmEvent({ text: 'figure machine tools', channel: 'D0BOB' })));
    const reply = await h.fake.waitFor(posted((c) => c.body.channel === 'D0BOB'));
    expect(reply.body.thread_ts).toBeUndefined();
    expect(displayedText(reply.body)).toContain('70%');

    await h.send.event(
      eventEnvelope(
        dmEvent({ text: 'figure machine tools', channel: 'D0BOTS', extra: { bot_id: 'B0OTHER' } }),
      ),
    );
    await h.send.event(
      eventEnvelope(dmEvent({ text: 'figure x', channel: 'D0EDIT', extra: { subtype: 'message_changed' } })),
    );
    await h.send.event(eventEnvelope(dmEvent({ text: 'figure machine tools', channel: 'D0SENTINEL' })));
    await h.fake.waitFor(posted((c) => c.body.channel === 'D0SENTINEL'));
    await sleep(100);
    expect(
      h.fake.callsTo('chat.postMessage').filter((c) => ['D0BOTS', 'D0EDIT'].includes(String(c.body.channel))),
    ).toEqual([]);
  });
});

describe('one message, two events', () => {
  it('answers a mention in a DM once, though it arrives as app_mention and message.im', async () => {
    const dm = dmEvent({ text: `<@U0SITREP> figure machine tools`, channel: 'D0TWICE' });
    await h.send.event(
      eventEnvelope({ ...mentionEvent({ text: 'figure machine tools', ts: dm.ts }), channel: 'D0TWICE' }),
    );
    await h.send.event(eventEnvelope(dm));
    await h.fake.waitFor(posted((c) => c.body.channel === 'D0TWICE'));
    await sleep(150);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D0TWICE')).toHaveLength(1);
  });
});
