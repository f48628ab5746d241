/** fast-check arbitraries for core Replies whose every string is hostile, to stress the renderers directly. */
import fc from 'fast-check';
import type { Answer, Citation, Fact, FigureLine, Reply, Topic } from '../../src/types.js';
import { hostileText, hugeText } from './hostile-text.js';

// The knowledge schema and the core guarantee non-blank strings (min lengths), so blanks are not generated.
const filled = (t: string) => t.trim().length > 0;
const text = fc
  .oneof({ weight: 9, arbitrary: hostileText }, { weight: 1, arbitrary: hugeText })
  .filter(filled);
const short = hostileText.filter(filled);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const url = fc.oneof(
  fc.constant(undefined),
  fc.webUrl(),
  hostileText.map(
    (t) =>
      `https://example.com/${encodeURIComponent(t.replace(LONE_SURROGATE, '\ufffd')).slice(0, 80)}|<!channel>`,
  ),
);

const topic: fc.Arbitrary<Topic> = fc.record({ id: short, label: short, description: text, sample: short });

const citation: fc.Arbitrary<Citation> = fc.record({
  factId: short,
  title: text,
  outlet: short,
  url,
  published: fc.oneof(fc.constant('2024-04-12'), short),
});

const figureLine: fc.Arbitrary<FigureLine> = fc.record({
  figureId: short,
  factId: short,
  label: text,
  text: short,
  period: fc.option(short, { nil: undefined }),
  derived: fc.boolean(),
});

const fact = short.map(
  (id): Fact => ({
    id,
    claim: id,
    attribution: id,
    certainty: 'asserted',
    figures: [],
    topics: [],
    entities: [],
    examples: [],
    doesNotSay: [],
    sources: [],
    added: '2024-01-01',
    related: [],
    file: 'x.yml',
  }),
);

const many = <T>(a: fc.Arbitrary<T>, max: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.array(a, { maxLength: 4 }) }, fc.array(a, { maxLength: max }));

const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({
    kind: fc.constant('answered' as const),
    question: text,
    facts: fc.array(fact, { minLength: 1, maxLength: 3 }),
    headline: text,
    figures: many(figureLine, 40),
    caveats: many(text, 20),
    citations: many(citation, 40),
    suggestions: many(short, 30),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('ambiguous' as const),
    question: text,
    options: many(fc.record({ factId: short, label: text, ask: text }), 30),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('unknown' as const),
    question: text,
    reason: fc.constantFrom('empty', 'out-of-scope', 'attribute-not-covered', 'no-such-figure' as const),
    subject: fc.option(short, { nil: undefined }),
    suggestions: many(text, 30),
    topics: many(topic, 30),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

/** Any Reply the core could hand an adapter, with hostile text in every string and long lists. */
export const anyReply: fc.Arbitrary<Reply> = fc.oneof(
  { weight: 5, arbitrary: answer.map((a): Reply => ({ kind: 'answer', answer: a })) },
  {
    weight: 1,
    arbitrary: many(
      fc.record({
        figureId: short,
        factId: short,
        label: text,
        text: short,
        period: fc.option(short, { nil: undefined }),
        outlet: short,
      }),
      300,
    ).map((rows): Reply => ({ kind: 'figures', rows })),
  },
  {
    weight: 1,
    arbitrary: many(
      fc.record({ title: text, outlet: short, url, published: short, factCount: fc.nat(1000) }),
      300,
    ).map((sources): Reply => ({ kind: 'sources', sources })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        usage: many(fc.record({ command: short, description: text }), 20),
        topics: many(topic, 30),
        examples: many(text, 20),
      })
      .map((h): Reply => ({ kind: 'help', ...h })),
  },
  { weight: 1, arbitrary: text.map((t): Reply => ({ kind: 'notice', text: t })) },
);
