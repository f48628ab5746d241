/** Hand-made replies shaped like the core's, for the pure render tests. */
import type { Answer, Fact, Reply, Topic } from '../../../src/types.js';

export const topics: Topic[] = [
  {
    id: 'machine-tools',
    label: 'Machine tools',
    description: 'Chinese machine tools in Russian factories.',
    sample: 'How much of Russia’s machine-tool imports came from China?',
  },
  {
    id: 'microelectronics',
    label: 'Microelectronics',
    description: 'Chips and electronics.',
    sample: 'What share of Russia’s microelectronics came from China?',
  },
];

export const fact: Fact = {
  id: 'machine-tools-china-share',
  claim: 'China accounted for more than 70% of Russia’s machine-tool imports.',
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

export const answered: Extract<Answer, { kind: 'answered' }> = {
  kind: 'answered',
  question: 'how much of russia machine tool imports came from china',
  facts: [fact],
  headline:
    'According to senior US officials, China accounted for more than 70% of the roughly $900 million of machine tools Russia imported in Q4 2023.',
  figures: [
    {
      figureId: 'share',
      factId: fact.id,
      label: 'China’s share of Russia’s machine-tool imports',
      text: 'over 70%',
      period: 'Q4 2023',
      derived: false,
    },
    {
      figureId: 'total',
      factId: fact.id,
      label: 'Russia’s machine-tool imports',
      text: 'about $900 million',
      period: 'Q4 2023',
      derived: false,
    },
    {
      figureId: 'implied',
      factId: fact.id,
      label: 'Implied amount',
      text: 'over $630 million',
      derived: true,
    },
  ],
  caveats: ['AP reported the share as nearly 70% & others "more than 70%".'],
  citations: [
    {
      factId: fact.id,
      title: 'US says China is helping Russia expand its weapons production',
      outlet: 'AP',
      url: 'https://apnews.com/article/example?a=1&b=2',
      published: '2024-04-12',
    },
    {
      factId: fact.id,
      title: 'US says China is helping Russia expand its weapons production',
      outlet: 'AP',
      url: 'https://apnews.com/article/example?a=1&b=2',
      published: '2024-04-12',
    },
    {
      factId: fact.id,
      title: 'China helping Russia to its biggest build-up',
      outlet: 'The Guardian',
      published: '2024-04-13',
    },
  ],
  suggestions: ['Which Chinese companies supply machine tools to Russia?', 'What did Blinken say at the G7?'],
  confidence: 0.9,
};

export const ambiguous: Reply = {
  kind: 'answer',
  answer: {
    kind: 'ambiguous',
    question: 'china share',
    options: [
      {
        factId: 'machine-tools-china-share',
        label: 'Machine-tool imports from China',
        ask: 'What share of machine tools came from China?',
      },
      {
        factId: 'microelectronics-china-share',
        label: 'Microelectronics from China',
        ask: 'What share of microelectronics came from China?',
      },
    ],
    confidence: 0.4,
  },
};

export function unknown(question: string, suggestions = ['What role is China playing?']): Reply {
  return {
    kind: 'answer',
    answer: { kind: 'unknown', question, reason: 'out-of-scope', suggestions, topics, confidence: 0 },
  };
}

export function figures(count: number): Reply {
  return {
    kind: 'figures',
    rows: Array.from({ length: count }, (_, i) => ({
      figureId: `figure-${i}`,
      factId: `fact-${i}`,
      label: `Figure number ${i} & friends`,
      text: `about ${i}%`,
      period: '2023',
      outlet: 'Reuters',
    })),
  };
}

export const sources: Reply = {
  kind: 'sources',
  sources: [
    {
      title: 'US says China is helping Russia',
      outlet: 'AP',
      url: 'https://apnews.com/x',
      published: '2024-04-12',
      factCount: 3,
    },
    { title: 'Seed article <wire rewrite>', outlet: 'Seed', published: '2024-04-13', factCount: 1 },
  ],
};

export const help: Reply = {
  kind: 'help',
  usage: [
    { command: '<question>', description: 'Ask anything.' },
    { command: 'figure <name>', description: 'A headline figure by name.' },
  ],
  topics,
  examples: topics.map((t) => t.sample),
};
