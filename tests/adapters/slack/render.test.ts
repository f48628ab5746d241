import { describe, expect, it } from 'vitest';
import { ACTION, decodeFeedback } from '../../../adapters/slack/action-values.js';
import { renderNote, renderReply, THANKS } from '../../../adapters/slack/render-reply.js';
import type { Reply } from '../../../src/types.js';
import { blockLimitViolations, buttonsOf, displayedText } from './block-limits.js';
import { ambiguous, answered, figures, help, sources, unknown } from './fixtures.js';

const asked = (answer: typeof answered): Reply => ({ kind: 'answer', answer });
const json = (v: unknown) => JSON.stringify(v);

describe('renderReply: answered', () => {
  const message = renderReply(asked(answered), { askText: 'how much…', shareable: true });

  it('shows the attributed headline, every figure and the sources, within Slack limits', () => {
    expect(blockLimitViolations(message)).toEqual([]);
    const body = json(message.blocks);
    expect(body).toContain('According to senior US officials');
    expect(body).toContain('over 70%');
    expect(body).toContain('about $900 million');
    expect(body).toContain('computed by Sitrep');
    expect(body).toContain(
      '<https://apnews.com/article/example?a=1&amp;b=2|US says China is helping Russia expand its weapons production> — AP, 2024-04-12',
    );
    expect(body).toContain('China helping Russia to its biggest build-up — The Guardian, 2024-04-13');
    expect(body.match(/apnews\.com/g)).toHaveLength(1);
    expect(body).toContain('AP reported the share as nearly 70% &amp; others');
    expect(message.text).toContain('According to senior US officials');
  });

  it('offers related questions as buttons that carry the question', () => {
    const asks = buttonsOf(message).filter((b) => b.action_id.startsWith(`${ACTION.ask}_`));
    expect(asks.map((b) => b.value)).toEqual(answered.suggestions);
    expect(new Set(asks.map((b) => b.action_id)).size).toBe(asks.length);
  });

  it('offers the runner-up fact as "Not what you meant?", first among the question buttons', () => {
    const alternative = {
      factId: 'x',
      label: "Russia's chip imports",
      ask: 'What share of chips came from China?',
    };
    const withRunnerUp = renderReply(asked({ ...answered, alternative }), { askText: 'q', shareable: true });
    expect(displayedText(withRunnerUp)).toContain('Not what you meant?');
    const asks = buttonsOf(withRunnerUp).filter((b) => b.action_id.startsWith(`${ACTION.ask}_`));
    expect(asks.map((b) => b.value)).toEqual([alternative.ask, ...answered.suggestions]);
    expect(displayedText(message)).not.toContain('Not what you meant?');
  });

  it('has Share, Helpful and Not helpful; the vote carries the fact and the question', () => {
    const buttons = buttonsOf(message);
    expect(buttons.find((b) => b.action_id === ACTION.share)?.value).toBe('how much…');
    const helpful = buttons.find((b) => b.action_id === ACTION.helpful);
    expect(decodeFeedback(helpful?.value)).toEqual({
      f: 'machine-tools-china-share',
      q: answered.question,
      s: 'how much…',
    });
    expect(buttons.some((b) => b.action_id === ACTION.unhelpful)).toBe(true);
  });

  it('drops Share when not shareable and swaps the vote buttons for a thank-you once voted', () => {
    const voted = renderReply(asked(answered), {
      askText: 'q',
      feedbackRecorded: true,
      byline: 'Shared by <@U1>',
    });
    const ids = buttonsOf(voted).map((b) => b.action_id);
    expect(ids).not.toContain(ACTION.share);
    expect(ids).not.toContain(ACTION.helpful);
    expect(json(voted.blocks)).toContain(THANKS);
    expect(json(voted.blocks)).toContain('Shared by <@U1>');
  });

  it('escapes &, < and > in core text so nothing becomes a mention or a ping', () => {
    const hostile = { ...answered, headline: 'According to <!here> & <@U123>, <!channel> said so.' };
    const out = renderReply(asked(hostile), { askText: 'x' });
    const all = displayedText(out);
    expect(all).toContain('According to &lt;!here&gt; &amp; &lt;@U123&gt;, &lt;!channel&gt; said so.');
    expect(all).not.toMatch(/<!here>|<!channel>|<@U123>/);
  });

  it('cuts an over-long headline and topic list to 3000 characters per section', () => {
    const long = renderReply(
      asked({ ...answered, headline: `According to officials, ${'x & y '.repeat(1000)}` }),
      { askText: 'x' },
    );
    expect(blockLimitViolations(long)).toEqual([]);
    expect(json(long.blocks)).toContain('…');
    const topics = Array.from({ length: 60 }, (_, i) => ({
      id: `t${i}`,
      label: `Topic ${i}`,
      description: 'd '.repeat(40),
      sample: 's',
    }));
    const many: Reply = {
      kind: 'answer',
      answer: { kind: 'unknown', question: 'q', reason: 'empty', suggestions: [], topics, confidence: 0 },
    };
    expect(blockLimitViolations(renderReply(many, { askText: 'q' }))).toEqual([]);
  });

  it('splits 40 related questions over two actions blocks of at most 25', () => {
    const many = { ...answered, suggestions: Array.from({ length: 40 }, (_, i) => `Question ${i}?`) };
    const out = renderReply(asked(many), { askText: 'x' });
    expect(blockLimitViolations(out)).toEqual([]);
    expect(buttonsOf(out).filter((b) => b.action_id.startsWith(`${ACTION.ask}_`))).toHaveLength(40);
  });

  it('puts 25 figures into sections of at most 10 fields', () => {
    const figs = Array.from({ length: 25 }, (_, i) => ({
      ...answered.figures[0],
      figureId: `f${i}`,
      text: `${i}%`,
    }));
    const out = renderReply(asked({ ...answered, figures: figs as typeof answered.figures }), {
      askText: 'x',
    });
    expect(blockLimitViolations(out)).toEqual([]);
    expect(json(out.blocks)).toContain('24%');
  });
});

describe('renderReply: ambiguous and unknown', () => {
  it('shows the top choices as buttons instead of guessing', () => {
    const out = renderReply(ambiguous, { askText: 'china share', shareable: true });
    expect(blockLimitViolations(out)).toEqual([]);
    const asks = buttonsOf(out).filter((b) => b.action_id.startsWith(`${ACTION.ask}_`));
    expect(asks.map((b) => b.text)).toEqual([
      'Machine-tool imports from China',
      'Microelectronics from China',
    ]);
    expect(asks.map((b) => b.value)).toEqual([
      'What share of machine tools came from China?',
      'What share of microelectronics came from China?',
    ]);
  });

  it('says what Sitrep can answer: suggestion buttons and the topic list', () => {
    const out = renderReply(unknown('who won the world cup?'), { askText: 'who won the world cup?' });
    expect(blockLimitViolations(out)).toEqual([]);
    const body = json(out.blocks);
    expect(body).toContain('who won the world cup?');
    expect(body).toContain('Machine tools');
    expect(body).toContain('Microelectronics');
    expect(buttonsOf(out).map((b) => b.value)).toContain('What role is China playing?');
  });

  it('keeps a 10,000-character hostile question within every limit and escaped', () => {
    const question = `<!channel> ${'why & how <@U999> '.repeat(560)}`.slice(0, 10_000);
    expect(question).toHaveLength(10_000);
    const out = renderReply(unknown(question, [question]), { askText: question, shareable: true });
    expect(blockLimitViolations(out)).toEqual([]);
    expect(out.text.length).toBeLessThanOrEqual(3000);
    expect(displayedText(out)).toContain('&lt;!channel&gt; why &amp; how &lt;@U999&gt;');
    expect(displayedText(out)).not.toMatch(/<!channel>|<@U999>/);
    const share = buttonsOf(out).find((b) => b.action_id === ACTION.share);
    expect(share?.value.length).toBe(2000);
    const vote = buttonsOf(out).find((b) => b.action_id === ACTION.helpful);
    expect(vote?.value.length).toBeLessThanOrEqual(2000);
    const decoded = decodeFeedback(vote?.value);
    expect(decoded?.q.startsWith('<!channel> why')).toBe(true);
    expect(decoded?.s.length).toBeGreaterThan(500);
  });
});

describe('renderReply: figures, sources, help, notice', () => {
  it('renders figures as a code-block table', () => {
    const out = renderReply(figures(3), { askText: 'figures', shareable: true });
    expect(blockLimitViolations(out)).toEqual([]);
    const body = json(out.blocks);
    expect(body).toContain('```');
    expect(body).toMatch(/Figure number 2 &amp; friends\s+about 2%\s+2023\s+Reuters/);
    expect(buttonsOf(out).map((b) => b.action_id)).toEqual([ACTION.share]);
  });

  it('splits a long table over sections and caps a huge one at 50 blocks, keeping the Share button', () => {
    const long = renderReply(figures(80), { askText: 'figures', shareable: true });
    expect(blockLimitViolations(long)).toEqual([]);
    expect(json(long.blocks)).toContain('Figure number 79');
    const huge = renderReply(figures(3000), { askText: 'figures', shareable: true });
    expect(blockLimitViolations(huge)).toEqual([]);
    expect(huge.blocks).toHaveLength(50);
    expect(json(huge.blocks)).toContain('More results not shown');
    expect(buttonsOf(huge).map((b) => b.action_id)).toEqual([ACTION.share]);
  });

  it('lists sources with linked titles and escaped plain ones', () => {
    const out = renderReply(sources, { askText: 'sources' });
    const body = json(out.blocks);
    expect(body).toContain(
      '<https://apnews.com/x|US says China is helping Russia> — AP, 2024-04-12 · 3 facts',
    );
    expect(body).toContain('Seed article &lt;wire rewrite&gt; — Seed, 2024-04-13 · 1 fact');
  });

  it('shows usage with the slash command and example questions as buttons', () => {
    const out = renderReply(help, { askText: 'help', command: '/ask-sitrep' });
    expect(blockLimitViolations(out)).toEqual([]);
    const body = json(out.blocks);
    expect(body).toContain('`/ask-sitrep figure &lt;name&gt;` — A headline figure by name.');
    expect(buttonsOf(out).map((b) => b.value)).toEqual(help.kind === 'help' ? help.examples : []);
  });

  it('renders a notice and a note as plain escaped sections without buttons', () => {
    const out = renderReply(
      { kind: 'notice', text: 'figure needs a <name>' },
      { askText: 'figure', shareable: true },
    );
    expect(buttonsOf(out)).toEqual([]);
    expect(json(out.blocks)).toContain('figure needs a &lt;name&gt;');
    expect(renderNote('Try <!here> again').text).toBe('Try &lt;!here&gt; again');
  });
});
