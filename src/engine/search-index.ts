import Fuse from 'fuse.js';
import { createExpander, type Expander } from '../text/glossary.js';
import { contentTokens, isGeneric, isStopword, normalize } from '../text/normalize.js';
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

/** Generic words ("supply", "share") count this much of a normal word. */
export const GENERIC_WEIGHT = 0.25;

/** A way of asking, tokenised; `weight` is the sum of its words' idf. */
export interface Phrase {
  tokens: Set<string>;
  weight: number;
}

export interface IndexedFact {
  fact: Fact;
  /** Where the fact stands in `knowledge.facts` (and in the semantic index). */
  position: number;
  /** token -> best field weight in this fact */
  weights: Map<string, number>;
  examples: Phrase[];
  /** The fact's `does_not_say` questions, tokenised like the examples. */
  misses: Phrase[];
  /** tokens of names (entities) and topic labels: what the fact is about */
  subjects: Set<string>;
  /** Tokens of the people the fact names (entities.yml kind `person`). */
  people: Set<string>;
}

export interface SearchIndex {
  facts: IndexedFact[];
  /** token -> indexes into `facts` */
  postings: Map<string, number[]>;
  idf: Map<string, number>;
  maxIdf: number;
  /** Every word (unstemmed, before synonym expansion) found in the facts and the glossary. */
  surface: Set<string>;
  /** `surface` words by first letter, with fuse.js over them: used to correct typos word by word */
  vocabulary: Map<string, { words: string[]; fuse: Fuse<string> }>;
  expand: Expander;
  /** every subject token -> how a person reads it: the entity or topic label it came from ("machine_tool" -> "Machine tools") */
  subjectNames: Map<string, string>;
  /** Topic id to its label. */
  topicNames: Map<string, string>;
  /** Normalise, expand synonyms, tokenise: the same pipeline for facts and questions. */
  tokenize(text: string): string[];
}

/** A word's weight in a question: its idf, damped for generic words. */
export function tokenWeight(idf: Map<string, number>, token: string): number {
  return (idf.get(token) ?? 0) * (isGeneric(token) ? GENERIC_WEIGHT : 1);
}

/** Every name a fact holds: its entities and the firms it names. */
export const namesOf = (fact: Fact) => [...fact.entities, ...(fact.firms ?? [])];

/** "What did the FT report…" names an outlet: a fact it reported is about that. */
export const outlets = (fact: Fact) => fact.sources.map((s) => s.outlet).join(' ');

export function buildIndex(kb: KnowledgeBase): SearchIndex {
  const expand = createExpander(kb.glossary);
  const tokenize = (text: string) => contentTokens(expand(normalize(text)));
  const people = new Set((kb.entities ?? []).filter((e) => e.kind === 'person').map((e) => e.name));
  const topicLabels = new Map(kb.topics.map((t) => [t.id, `${t.label} ${t.id.replace(/-/g, ' ')}`]));

  const facts = kb.facts.map((fact, position): IndexedFact => {
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
    add(namesOf(fact).join(' '), FIELD_WEIGHTS.entities);
    add(topicText, FIELD_WEIGHTS.topics);
    add(fact.claim, FIELD_WEIGHTS.claim);
    add(`${fact.attribution} ${fact.caveat ?? ''} ${outlets(fact)}`, FIELD_WEIGHTS.context);
    return {
      fact,
      position,
      weights,
      examples: fact.examples.map((e) => ({ tokens: new Set(tokenize(e)), weight: 0 })),
      misses: fact.doesNotSay.map((e) => ({ tokens: new Set(tokenize(e)), weight: 0 })),
      subjects: new Set(tokenize(`${namesOf(fact).join(' ')} ${topicText}`)),
      people: new Set(tokenize(fact.entities.filter((e) => people.has(e)).join(' '))),
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
  for (const f of facts) {
    for (const e of [...f.examples, ...f.misses])
      e.weight = [...e.tokens].reduce((sum, t) => sum + tokenWeight(idf, t), 0);
  }
  const surfaceText = [
    ...kb.facts.flatMap((f) => [
      f.claim,
      ...f.examples,
      ...namesOf(f),
      ...f.figures.map((g) => g.label),
      outlets(f),
    ]),
    ...kb.glossary.flatMap((g) => [g.term, ...g.synonyms]),
    ...kb.topics.map((t) => t.label),
  ];
  const surface = new Set(
    surfaceText.flatMap((t) => normalize(t).split(' ')).filter((w) => w.length > 2 && !isStopword(w)),
  );
  // A typo keeps its first letter (see typo.ts), so one small fuse index per letter keeps lookups fast.
  const byLetter = new Map<string, string[]>();
  for (const w of surface) byLetter.set(w[0] as string, [...(byLetter.get(w[0] as string) ?? []), w]);
  const vocabulary = new Map(
    [...byLetter].map(([letter, words]) => [
      letter,
      {
        words,
        fuse: new Fuse(words, {
          includeScore: true,
          threshold: 0.4,
          ignoreLocation: true,
          minMatchCharLength: 3,
        }),
      },
    ]),
  );
  // Topic labels first ("Machine tools", not "Dalian Machine Tool Group"); entities name people and firms.
  const subjectNames = new Map<string, string>();
  const named = [
    ...kb.topics.map((t) => [topicLabels.get(t.id), t.label]),
    ...kb.facts.flatMap(namesOf).map((n) => [n, n]),
  ];
  for (const [text, name] of named as [string, string][])
    for (const t of tokenize(text)) if (!subjectNames.has(t)) subjectNames.set(t, name);
  const topicNames = new Map(kb.topics.map((t) => [t.id, t.label]));
  return { facts, postings, idf, maxIdf, surface, vocabulary, expand, tokenize, subjectNames, topicNames };
}
