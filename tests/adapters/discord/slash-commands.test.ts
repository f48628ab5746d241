import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, embedText, limitViolations } from './discord-limits.js';
import { type Harness, startHarness } from './harness.js';

interface Callback {
  type: number;
  data: {
    flags?: number;
    embeds?: { title?: string; description?: string }[];
    components?: { type: number; components: { type: number; label?: string; custom_id?: string }[] }[];
    allowed_mentions?: unknown;
    choices?: { name: string; value: string }[];
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const callback = async (interaction: { id: string; token: string }) =>
  (await h.fake.callbackFor(interaction)).body as Callback;
const EPHEMERAL = 64;

describe('/sitrep slash command', () => {
  it('answers `figure name:machine tools` ephemerally with the share, the total and the source', async () => {
    const body = await callback(h.fake.slash('figure', { name: 'machine tools' }));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    const text = embedText(body.data);
    expect(text).toContain('70%');
    expect(text).toContain('$900 million');
    expect(text).toMatch(/Sources?: .*(AP|Reuters|AFP|Guardian)/);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(buttonsOf(body.data).map((b) => b.label)).toEqual(
      expect.arrayContaining(['Helpful', 'Not helpful', 'Post publicly']),
    );
    expect(limitViolations(body.data)).toEqual([]);
  });

  it('answers `ask` with the attributed headline', async () => {
    const question = "What percentage of Russia's microelectronics come from China?";
    const body = await callback(h.fake.slash('ask', { question }));
    expect(body.data.embeds?.[0]?.title).toBe(question);
    expect(embedText(body.data)).toContain('90%');
    expect(embedText(body.data)).toMatch(/According to/);
  });

  it('posts publicly, without the Post publicly button, when public:true', async () => {
    const body = await callback(h.fake.slash('figure', { name: 'machine tools', public: true }));
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(buttonsOf(body.data).map((b) => b.label)).not.toContain('Post publicly');
  });

  it('refuses an out-of-scope question and suggests what it can answer', async () => {
    const body = await callback(
      h.fake.slash('ask', { question: 'What will the weather be in Lisbon tomorrow?' }),
    );
    expect(body.data.embeds?.[0]?.title).toBe('Outside what Sitrep covers');
    expect(body.data.embeds?.[0]?.description).toContain('What will the weather be in Lisbon tomorrow?');
    expect(buttonsOf(body.data).filter((b) => b.label !== 'Post publicly').length).toBeGreaterThan(0);
    expect(embedText(body.data)).not.toMatch(/According to/);
  });

  it('lists figures as a code-block table, sources as a list, and help as usage', async () => {
    const figures = await callback(h.fake.slash('figures'));
    expect(figures.data.embeds?.[0]?.description).toMatch(/^```\n[\s\S]*over 70%[\s\S]*```/);
    const sources = await callback(h.fake.slash('sources'));
    expect(sources.data.embeds?.[0]?.description).toMatch(/^• \*\*/);
    const help = await callback(h.fake.slash('help'));
    expect(help.data.embeds?.[0]?.description).toContain('/sitrep ask question:');
    for (const body of [figures, sources, help]) {
      expect(body.data.flags).toBe(EPHEMERAL);
      expect(limitViolations(body.data)).toEqual([]);
    }
  });

  it('answers a slash command in a DM', async () => {
    const body = await callback(h.fake.slash('figure', { name: 'microelectronics' }, { dm: true }));
    expect(embedText(body.data)).toContain('90%');
  });
});

describe('figure autocomplete', () => {
  it('returns at most 25 figure and topic choices, quickly', async () => {
    const started = Date.now();
    const body = await callback(h.fake.autocomplete('figure', { name: 'name', value: 'mach' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(body.type).toBe(8);
    const choices = body.data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.name.toLowerCase()).join(' ')).toContain('machine');
    for (const c of choices) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  it('copes with an empty or overlong partial name', async () => {
    for (const value of ['', 'z'.repeat(300)]) {
      const body = await callback(h.fake.autocomplete('figure', { name: 'name', value }));
      expect(body.type).toBe(8);
      expect((body.data.choices ?? []).length).toBeLessThanOrEqual(25);
    }
  });
});
