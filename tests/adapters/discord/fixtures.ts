/** Hand-made replies shaped like the core's, for the pure render tests. */
import type { Answer, Fact, FigureLine, FigureRow, Reply, SourceRow, Topic } from '../../../src/types.js';

export const topics: Topic[] = [
  {
    id: 'machine-tools',
    label: 'Machine tools',
    description: 'Chinese machine tools shipped to Russia.',
    sample: "Where do Russia's imported machine tools come from?",
  },
  {
    id: 'microelectronics',
    label: 'Microelectronics and chips',
    description: 'Chips going to Russia.',
    sample: 'How reliant is Russia on Chinese microelectronics?',
  },
];

export const fact: Fact = {
  id: 'machine-tools-china-share-q4-2023',
  claim: "China accounted for more than 70% of Russia's machine-tool imports.",
  attribution: 'senior US officials',
  certainty: 'asserted',
  figures: [],
  topics: ['machine-tools'],
  entities: ['China', 'Russia'],
  examples: [],
  doesNotSay: [],
  sources: [],
  added: '2024-04-14',
  related: [],
  file: 'knowledge/facts/machine-tools.yml',
};

const figure = (label: string, text: string, period?: string, derived = false): FigureLine => ({
  figureId: label.toLowerCase().replace(/\W+/g, '-'),
  factId: fact.id,
  label,
  text,
  period,
  derived,
});

export const answered: Extract<Answer, { kind: 'answered' }> = {
  kind: 'answered',
  question: "how much of Russia's machine tool imports came from China?",
  facts: [fact],
  headline:
    'According to senior US officials, China accounted for more than 70% of the roughly $900 million of machine tools Russia imported in Q4 2023.',
  figures: [
    figure("China's share of Russia's machine-tool imports", 'over 70%', 'Q4 2023'),
    figure("Russia's machine-tool imports", 'about $900 million', 'Q4 2023'),
    figure('Implied amount', 'over $630 million', 'Q4 2023', true),
  ],
  caveats: ['AP reported the share as nearly 70%.'],
  citations: [
    {
      factId: fact.id,
      title: 'US says China is helping Russia expand its weapons production',
      outlet: 'AP',
      url: 'https://apnews.com/article/example',
      published: '2024-04-12',
    },
    { factId: fact.id, title: 'Same story, second mention', outlet: 'AP', published: '2024-04-12' },
    {
      factId: fact.id,
      title: 'China helping Russia to its biggest build-up',
      outlet: 'The Guardian',
      published: '2024-04-13',
    },
  ],
  suggestions: [
    'Which Chinese companies supply machine tools to Russia?',
    "What percentage of Russia's microelectronics come from China?",
    'Did Blinken name machine tools and chips?',
  ],
  confidence: 0.9,
};

export const answer = (a: Answer): Reply => ({ kind: 'answer', answer: a });

export const ambiguous: Extract<Answer, { kind: 'ambiguous' }> = {
  kind: 'ambiguous',
  question: 'china share',
  options: [
    {
      factId: 'mt',
      label: "China's share of Russia's machine-tool imports",
      ask: 'What share of machine tools came from China?',
    },
    {
      factId: 'me',
      label: "China's share of Russia's microelectronics",
      ask: 'What share of microelectronics came from China?',
    },
  ],
  confidence: 0.4,
};

export function unknown(question: string, suggestions = ['How is China helping Russia?', 'figures']): Reply {
  return answer({ kind: 'unknown', question, reason: 'out-of-scope', suggestions, topics, confidence: 0 });
}

export function figureRows(n: number): FigureRow[] {
  return Array.from({ length: n }, (_, i) => ({
    figureId: `f-${i}`,
    factId: `fact-${i}`,
    label: `Figure number ${i} with a \`tick\` in a fairly long label`,
    text: `about $${i + 1}00 million`,
    period: 'Q4 2023',
    outlet: 'Seed article (wire rewrite)',
  }));
}

export function sourceRows(n: number): SourceRow[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Story ${i} about sanctions`,
    outlet: i % 2 ? 'Reuters' : 'AP',
    url: i % 3 ? `https://example.com/story-${i}` : undefined,
    published: '2024-04-12',
    factCount: i % 4,
  }));
}

export const help: Reply = {
  kind: 'help',
  usage: [{ command: 'ask <question>', description: 'Ask.' }],
  topics,
  examples: ['How is China helping Russia?', "What share of Russia's chips came from China?"],
};
