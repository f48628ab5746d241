import Fuse from 'fuse.js';
import { createExpander, type Expander } from '../text/glossary.js';
import { contentTokens, normalize } from '../text/normalize.js';
import type { Fact, KnowledgeBase } from '../types.js';

/** How much a word counts depending on the field it appears in. */
export const FIELD_WEIGHTS = {
  examples: 1,
  figures: 0.9,
  entities: 0.9,
  topics: 0.8,
  claim: 0.7,
  context: 0.5,
} as const;

export interface IndexedFact {
  fact: Fact;
  /** token -> best field weight in this fact */
  weights: Map<string, number>;
  examples: Set<string>[];
  /** tokens of names (entities) and topic labels: what the fact is about */
  subjects: Set<string>;
}

export interface SearchIndex {
  facts: IndexedFact[];
  /** token -> indexes into `facts` */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  maxIdf: number;
  /** Every word (unstemmed, before synonym expansion) found in the facts and the glossary. */
  surface: Set<string>;
  /** fuse.js over `surface`, used to correct typos word by word */
  vocabulary: Fuse<string>;
  expand: Expander;
  /** Normalise, expand synonyms, tokenise: the same pipeline for facts and questions. */
  tokenize(text: string): string[];
}

export function buildIndex(kb: KnowledgeBase): SearchIndex {
  const expand = createExpander(kb.glossary);
  const tokenize = (text: string) => contentTokens(expand(normalize(text)));
  const topicLabels = new Map(kb.topics.map((t) => [t.id, `${t.label} ${t.id.replace(/-/g, ' ')}`]));

  const facts = kb.facts.map((fact): IndexedFact => {
    const weights = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const t of tokenize(text)) if ((weights.get(t) ?? 0) < weight) weights.set(t, weight);
    };
    const topicText = fact.topics.map((t) => topicLabels.get(t) ?? t).join(' ');
    add(fact.examples.join(' '), FIELD_WEIGHTS.examples);
    add(
      fact.figures.map((f) => `${f.label} ${f.measures} ${f.period ?? ''}`).join(' '),
      FIELD_WEIGHTS.figures,
    );
    add(fact.entities.join(' '), FIELD_WEIGHTS.entities);
    add(topicText, FIELD_WEIGHTS.topics);
    add(fact.claim, FIELD_WEIGHTS.claim);
    add(`${fact.attribution} ${fact.caveat ?? ''}`, FIELD_WEIGHTS.context);
    return {
      fact,
      weights,
      examples: fact.examples.map((e) => new Set(tokenize(e))),
      subjects: new Set(tokenize(`${fact.entities.join(' ')} ${topicText}`)),
    };
  });

  const postings = new Map<string, number[]>();
  facts.forEach((f, i) => {
    for (const t of f.weights.keys()) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const n = Math.max(facts.length, 1);
  const idf = new Map([...postings].map(([t, list]) => [t, Math.log(1 + n / list.length)]));
  const maxIdf = Math.log(1 + n / 0.5);
  const surfaceText = [
    ...kb.facts.flatMap((f) => [f.claim, ...f.examples, ...f.entities, ...f.figures.map((g) => g.label)]),
    ...kb.glossary.flatMap((g) => [g.term, ...g.synonyms]),
    ...kb.topics.map((t) => t.label),
  ];
  const surface = new Set(surfaceText.flatMap((t) => normalize(t).split(' ')).filter((w) => w.length > 2));
  const vocabulary = new Fuse([...surface], {
    includeScore: true,
    threshold: 0.4,
    ignoreLocation: true,
    minMatchCharLength: 3,
  });
  return { facts, postings, idf, maxIdf, surface, vocabulary, expand, tokenize };
}
