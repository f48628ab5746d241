import { describe, expect, it } from 'vitest';
import { createButtonCodec } from '../../../adapters/discord/custom-id.js';
import { renderReply } from '../../../adapters/discord/render.js';
import { createRender } from '../../../adapters/discord/render-memo.js';
import type { Citation, FigureLine, Reply } from '../../../src/types.js';
import { buttonsOf, embedText, limitViolations } from './discord-limits.js';
import { ambiguous, answer, answered, figureRows, help, sourceRows, unknown } from './fixtures.js';

const codec = createButtonCodec();
const render = (reply: Reply, publishable = true) => renderReply(reply, { codec, publishable });
const HUGE = `**bold** _it_ @everyone <@123456789012345678> [link](https://evil.example) ${'x'.repeat(10_000)}`;

describe('answered', () => {
  const msg = render(answer(answered));
  const [embed] = msg.embeds;

  it('puts the attributed headline and caveats in the description and figures in inline fields', () => {
    expect(embed?.description).toContain('According to senior US officials');
    expect(embed?.description).toContain('⚠️ AP reported the share as nearly 70%.');
    expect(embed?.fields?.filter((f) => f.inline).map((f) => f.value)).toEqual([
      '**over 70%**\nQ4 2023',
      '**about $900 million**\nQ4 2023',
      '**over $630 million**\nQ4 2023 · computed by Sitrep',
    ]);
  });

  it('names each outlet and date once in the footer, and links the sources that have a URL', () => {
    expect(embed?.footer?.text).toBe('Sources: AP, 12 Apr 2024 · The Guardian, 13 Apr 2024');
    expect(embed?.fields?.at(-1)).toEqual({
      name: 'Read more',
      value:
        '[AP: US says China is helping Russia expand its weapons production](https://apnews.com/article/example)',
      inline: false,
    });
  });

  it('offers related questions, Helpful / Not helpful and Post publicly as buttons that decode back', () => {
    const buttons = buttonsOf(msg);
    expect(buttons.map((b) => b.label)).toEqual([
      ...answered.suggestions,
      'Helpful',
      'Not helpful',
      'Post publicly',
    ]);
    expect(codec.decode(buttons[0]?.custom_id ?? '')).toEqual({ kind: 'ask', text: answered.suggestions[0] });
    expect(codec.decode(buttons[4]?.custom_id ?? '')).toEqual({
      kind: 'feedback',
      helpful: false,
      factId: answered.facts[0]?.id,
      question: answered.question,
    });
    expect(limitViolations(msg)).toEqual([]);
  });

  it('offers the runner-up fact as a "Not what you meant?" button that asks for it', () => {
    const alternative = {
      factId: 'x',
      label: "Russia's chip imports",
      ask: 'What share of chips came from China?',
    };
    const buttons = buttonsOf(render(answer({ ...answered, alternative })));
    expect(buttons[0]?.label).toBe("Not what you meant? Russia's chip imports");
    expect(codec.decode(buttons[0]?.custom_id ?? '')).toEqual({ kind: 'ask', text: alternative.ask });
  });

  it('leaves out Post publicly when the reply is already public', () => {
    expect(buttonsOf(render(answer(answered), false)).map((b) => b.label)).not.toContain('Post publicly');
  });

  it('keeps an oversized answer within every embed limit', () => {
    const big = {
      ...answered,
      question: HUGE,
      headline: 'h'.repeat(5000),
      caveats: Array.from({ length: 20 }, () => 'c'.repeat(400)),
      figures: Array.from({ length: 40 }, (_, i) => ({
        ...(answered.figures[0] as FigureLine),
        label: `L${i}`.repeat(100),
        text: 'v'.repeat(2000),
      })),
      citations: Array.from({ length: 200 }, (_, i) => ({
        ...(answered.citations[0] as Citation),
        outlet: `Outlet ${i}`,
      })),
      suggestions: Array.from({ length: 9 }, (_, i) => `${i} ${'q'.repeat(300)}`),
    };
    const out = render(answer(big));
    expect(limitViolations(out)).toEqual([]);
    expect(out.embeds[0]?.fields?.length).toBeLessThanOrEqual(25);
  });
});

describe('a 10,000-character question full of Markdown and mentions', () => {
  const out = render(unknown(HUGE, [HUGE, 'figures']));
  const text = embedText(out);

  it('is cut to fit and echoed with Markdown escaped and mentions broken', () => {
    expect(limitViolations(out)).toEqual([]);
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('\\_it\\_');
    expect(text).toContain('\\[link](https://evil.example)');
    expect(text).not.toMatch(/@everyone|<@\d+>/);
  });

  it('still resolves a suggestion too long for a custom_id', () => {
    const [first] = buttonsOf(out);
    expect(first?.custom_id.length).toBeLessThanOrEqual(100);
    expect(codec.decode(first?.custom_id ?? '')).toEqual({ kind: 'ask', text: HUGE });
  });

  it('is echoed in the title of an answer, escaped and within 256 characters', () => {
    const title = render(answer({ ...answered, question: HUGE })).embeds[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.startsWith('\\*\\*bold\\*\\*')).toBe(true);
  });
});

describe('ambiguous and unknown', () => {
  it('lists the top choices and turns each into a button asking its question', () => {
    const out = render(answer(ambiguous));
    expect(out.embeds[0]?.description).toContain("1. China's share of Russia's machine-tool imports");
    const [first, second] = buttonsOf(out);
    expect(codec.decode(first?.custom_id ?? '')).toEqual({ kind: 'ask', text: ambiguous.options[0]?.ask });
    expect(second?.label).toBe(ambiguous.options[1]?.label);
  });

  it('keeps many choices within 5 buttons a row and 5 rows', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({
      factId: `f${i}`,
      label: `Option ${i}`,
      ask: `Ask ${i}?`,
    }));
    const out = render(answer({ ...ambiguous, options }));
    expect(limitViolations(out)).toEqual([]);
    expect(buttonsOf(out).at(-1)?.label).toBe('Post publicly');
  });

  it('says what Sitrep can answer: topics and suggested questions', () => {
    const out = render(unknown('what is the weather in Paris?'));
    expect(out.embeds[0]?.description).toContain('“what is the weather in Paris?”');
    expect(out.embeds[0]?.fields?.map((f) => f.name)).toEqual([
      'Machine tools',
      'Microelectronics and chips',
    ]);
    expect(buttonsOf(out).map((b) => b.label)).toEqual([
      'How is China helping Russia?',
      'figures',
      'Post publicly',
    ]);
  });
});

describe('figures, sources, help, notice', () => {
  it('shows figures as a code-block table with values uncut', () => {
    const description = render({ kind: 'figures', rows: figureRows(3) }).embeds[0]?.description ?? '';
    expect(description.startsWith('```\n')).toBe(true);
    expect(description.match(/```/g)).toHaveLength(2);
    expect(description).toContain('about $300 million');
    expect(description).not.toContain('`tick`');
  });

  it('cuts a long table at whole rows and says how many were left out', () => {
    const out = render({ kind: 'figures', rows: figureRows(500) });
    const description = out.embeds[0]?.description ?? '';
    expect(limitViolations(out)).toEqual([]);
    expect(description.match(/```/g)?.length).toBe(2);
    expect(description).toMatch(/…and \d+ more\. Look one up with `\/sitrep figure name:`$/);
  });

  it('lists sources with links, dates and fact counts, within limits', () => {
    const out = render({ kind: 'sources', sources: sourceRows(300) });
    const description = out.embeds[0]?.description ?? '';
    expect(description).toContain(
      '• **Reuters** — [Story 1 about sanctions](https://example.com/story-1) (12 Apr 2024) · 1 fact',
    );
    expect(description).toMatch(/…and \d+ more\.$/);
    expect(limitViolations(out)).toEqual([]);
  });

  it('explains the slash commands, mentions and DMs, with topics and example buttons', () => {
    const out = render(help);
    const description = out.embeds[0]?.description ?? '';
    for (const sub of ['ask question:', 'figure name:', 'figures', 'sources', 'help']) {
      expect(description).toContain(`/sitrep ${sub}`);
    }
    expect(description).toContain('mention me');
    expect(out.embeds[0]?.fields?.map((f) => f.name)).toEqual([
      'Machine tools',
      'Microelectronics and chips',
    ]);
    expect(buttonsOf(out).map((b) => b.label)).toEqual([
      ...(help.kind === 'help' ? help.examples : []),
      'Post publicly',
    ]);
  });

  it('escapes a notice, which may quote the user', () => {
    const out = render({ kind: 'notice', text: 'No figure named "**x** @here".' });
    expect(out.embeds[0]?.description).toBe('No figure named "\\*\\*x\\*\\* @\u200bhere".');
  });
});

describe('render memo', () => {
  it('renders a repeated reply once per visibility', () => {
    const memo = createRender(createButtonCodec());
    const shared = answer(answered);
    expect(memo(shared, true)).toBe(memo(shared, true));
    expect(memo(shared, false)).toBe(
      memo(answer(shared.kind === 'answer' ? shared.answer : answered), false),
    );
    expect(buttonsOf(memo(shared, true)).map((b) => b.label)).toContain('Post publicly');
    expect(buttonsOf(memo(shared, false)).map((b) => b.label)).not.toContain('Post publicly');
  });

  it('never hands out again a render whose button payloads the codec has evicted', () => {
    const stored = (codec: ReturnType<typeof createButtonCodec>, r: Reply) =>
      buttonsOf(renderReply(r, { codec, publishable: true })).filter((b) =>
        b.custom_id.startsWith('sitrep#'),
      );
    const longQuestion = (n: number) => answer({ ...answered, question: `${'why '.repeat(30)}${n}` });
    const perRender = stored(createButtonCodec(), longQuestion(0)).length;
    expect(perRender).toBeGreaterThan(0);
    const small = createButtonCodec(perRender);
    const memo = createRender(small);
    const shared = longQuestion(1);
    memo(shared, true);
    memo(longQuestion(2), true); // evicts every payload of the first render
    expect(buttonsOf(memo(shared, true)).map((b) => small.decode(b.custom_id))).not.toContain('expired');
  });
});
