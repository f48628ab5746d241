import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, embedText } from './discord-limits.js';
import { type Harness, startHarness } from './harness.js';

interface Data {
  flags?: number;
  content?: string;
  embeds?: { title?: string; description?: string }[];
  components?: { type: number; components: { type: number; label?: string; custom_id?: string }[] }[];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const EPHEMERAL = 64;
const dataOf = async (interaction: { id: string; token: string }) =>
  ((await h.fake.callbackFor(interaction)).body as { type: number; data: Data }).data;

/** Asks `/sitrep figure name:machine tools` and returns the ephemeral answer and its buttons. */
async function machineToolsAnswer() {
  const interaction = h.fake.slash('figure', { name: 'machine tools' });
  const data = await dataOf(interaction);
  const buttons = buttonsOf(data);
  const find = (label: string | RegExp) => {
    const b = buttons.find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
    if (!b) throw new Error(`no button ${label} in ${buttons.map((x) => x.label).join(', ')}`);
    return b;
  };
  return { message: h.fake.messageFor(interaction), data, find };
}

describe('answer buttons', () => {
  it('asks a related question when its button is clicked', async () => {
    const { message, find } = await machineToolsAnswer();
    const related = find(/microelectronics/i);
    const data = await dataOf(h.fake.click(message, related.custom_id));
    expect(data.flags).toBe(EPHEMERAL);
    expect(embedText(data)).toContain('90%');
  });

  it('records Helpful with the fact and question, logs it and thanks the user privately', async () => {
    const { message, find } = await machineToolsAnswer();
    const data = await dataOf(h.fake.click(message, find('Helpful').custom_id));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/thanks/i);
    expect(h.votes.at(-1)).toMatchObject({
      helpful: true,
      factId: expect.stringContaining('machine-tools'),
      question: 'machine tools',
      platform: 'discord',
      userId: h.fake.world.human.id,
      channelId: h.fake.world.channelId,
    });
    expect(h.entries.some((e) => e.msg === 'discord: feedback' && e.ctx?.helpful === true)).toBe(true);
  });

  it('records Not helpful too', async () => {
    const { message, find } = await machineToolsAnswer();
    await dataOf(h.fake.click(message, find('Not helpful').custom_id));
    expect(h.votes.at(-1)).toMatchObject({ helpful: false, question: 'machine tools' });
  });

  it('reposts the same answer in the channel on Post publicly, without that button', async () => {
    const { message, data, find } = await machineToolsAnswer();
    const posted = await dataOf(h.fake.click(message, find('Post publicly').custom_id));
    expect((posted.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(posted.embeds).toEqual(data.embeds);
    const labels = buttonsOf(posted).map((b) => b.label);
    expect(labels).toContain('Helpful');
    expect(labels).not.toContain('Post publicly');
  });

  it('picks a choice when an ambiguous question is narrowed by a button', async () => {
    const interaction = h.fake.slash('ask', { question: 'china share' });
    const data = await dataOf(interaction);
    const choice = buttonsOf(data).find((b) => /microelectronics/i.test(b.label));
    expect(choice, 'expected an ambiguous answer offering microelectronics').toBeDefined();
    const answer = await dataOf(h.fake.click(h.fake.messageFor(interaction), choice?.custom_id ?? ''));
    expect(embedText(answer)).toContain('90%');
  });

  it('says a button is no longer valid when its stored question is gone', async () => {
    const { message } = await machineToolsAnswer();
    const data = await dataOf(h.fake.click(message, 'sitrep#000000.zz'));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/no longer valid/);
  });

  it('answers every malformed or foreign custom id privately, never leaving the interaction unanswered', async () => {
    const { message } = await machineToolsAnswer();
    for (const id of ['sitrep:', 'sitrep:zzz', 'sitrep:y', 'someone-else:1']) {
      const data = await dataOf(h.fake.click(message, id));
      expect(data.flags, id).toBe(EPHEMERAL);
      expect(data.content, id).toMatch(/no longer valid/);
    }
  });
});

describe('private-only replies and forged buttons', () => {
  it('a forged "Post publicly" click on a digest preview posts nothing in the channel', async () => {
    const interaction = h.fake.slash('digest', { action: 'preview' });
    const preview = await dataOf(interaction);
    expect(preview.flags).toBe(EPHEMERAL);
    expect(buttonsOf(preview).map((b) => b.label)).not.toContain('Post publicly');
    const data = await dataOf(h.fake.click(h.fake.messageFor(interaction), 'sitrep:p'));
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.content).toMatch(/nothing to post/i);
    expect(data.embeds ?? []).toEqual([]);
  });

  it('an ask button forged to say "report" or "digest preview" answers only the clicker', async () => {
    const { message } = await machineToolsAnswer();
    for (const text of ['report', 'digest preview']) {
      const data = await dataOf(h.fake.click(message, `sitrep:a|${text}`));
      expect(data.flags, text).toBe(EPHEMERAL);
    }
  });
});
