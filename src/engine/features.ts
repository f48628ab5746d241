import type { SemanticIndex, SemanticScore } from '../semantic/semantic-index.js';
import { nearestFacts, semanticScore } from '../semantic/semantic-index.js';
import { FIT_CHECKS } from './fit-checks.js';
import { type AnalyzedQuery, closestPhrase, type Scored, scoreFacts } from './match.js';
import { asksAboutFuture, asksForOpinionOrForecast, asksUnknownGoods } from './scope.js';
import type { IndexedFact, SearchIndex } from './search-index.js';

/** How many facts each signal proposes; the learned model then scores their union. */
export const PER_SIGNAL = 6;

/** One fact the question may be about, with every signal the decision weighs. */
export interface Candidate {
  entry: IndexedFact;
  lexical: Scored;
  semantic: SemanticScore;
  /** Same order as FEATURES. */
  features: number[];
}

/**
 * The signals, in the order the model file lists their weights. Question-level ones are the same for every
 * candidate; they shift how sure any answer can be.
 */
export const FEATURES = [
  'lexScore',
  'lexCoverage',
  'lexExample',
  'lexGap',
  'anchor',
  'semBest',
  'semTop2',
  'semGap',
  'semCentroid',
  'semHigh',
  'lexTimesSem',
  'semMiss',
  'semMissGap',
  'semMissAbove',
  'lexMiss',
  'lexMissAbove',
  'missWords',
  'exampleCount',
  'missCount',
  'unknownShare',
  'unknownCount',
  'unknownName',
  'unknownAcronym',
  'uncoveredKnown',
  'maxUncovered',
  'semClaim',
  'asksDuration',
  'asksKinds',
  'opinionOrForecast',
  'futureQuestion',
  'unknownGoods',
  'shortQuestion',
  'questionLength',
  'typos',
  ...(Object.keys(FIT_CHECKS) as (keyof typeof FIT_CHECKS)[]),
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface Signals {
  index: SearchIndex;
  query: AnalyzedQuery;
  /** Lexical ranking, best first (match.ts `score`). */
  ranked: Scored[];
  semantic: SemanticIndex;
  /** The question's unit vector. */
  vector: Float32Array;
}

/** "How long did the call last": facts give dates, not durations. */
const DURATION = /\bhow long\b(?! ago)|\bduration\b|\bhow many (?:hours|minutes|days|weeks)\b/;
/** "Which drone models…", "who manufactures…": asks for named kinds or makers. */
const KINDS =
  /\b(?:which|what) (?:\w+ ){0,2}(?:models?|types?|variants?|brands?|versions?|classes)\b|\bwho (?:makes|made|manufactures?|produces?|builds?|funds?|owns?|runs?|hosted|chaired|wrote|authored)\b/;

/** The candidate facts for a question, each with its feature vector. */
export function candidates({ index, query, ranked, semantic, vector }: Signals): Candidate[] {
  const positions = new Set<number>(ranked.slice(0, PER_SIGNAL).map((r) => r.entry.position));
  const nearest = nearestFacts(semantic, vector, PER_SIGNAL);
  for (const p of nearest.facts) positions.add(p);
  // Scored together, so a fact the semantic side found gets its lexical score too, even on common words only.
  const pool = scoreFacts(index, query, positions).map((lexical) => ({
    entry: lexical.entry,
    lexical,
    semantic: semanticScore(semantic, lexical.entry.position, vector),
  }));
  const total = query.tokens.reduce((n, t) => n + t.weight, 0) || 1;
  const unknown = query.tokens.filter((t) => !t.known && !t.generic).reduce((n, t) => n + t.weight, 0);
  const unknowns = query.tokens.filter((t) => !t.known && !t.generic);
  const questionLevel = {
    unknownShare: unknown / total,
    unknownCount: Math.min(unknowns.length, 3) / 3,
    unknownAcronym: Number(unknowns.some((t) => t.acronym)),
    asksDuration: Number(DURATION.test(query.normalized)),
    asksKinds: Number(KINDS.test(query.normalized)),
    unknownName: Number(query.tokens.some((t) => t.unknownName)),
    opinionOrForecast: Number(asksForOpinionOrForecast(query)),
    futureQuestion: Number(asksAboutFuture(query)),
    unknownGoods: Number(asksUnknownGoods(index, query)),
    shortQuestion: Number(query.tokens.filter((t) => !t.generic).length <= 2),
    // Long messages carry context the facts do not share, so their coverage reads lower.
    questionLength: Math.min(query.tokens.length, 30) / 30,
    typos: Math.min(query.corrections, 3) / 3,
  };
  const bestOther = (c: (typeof pool)[0], value: (x: (typeof pool)[0]) => number) =>
    Math.max(0, ...pool.filter((o) => o !== c).map(value));
  return pool.map((c) => {
    const lexMiss = closestPhrase(c.entry.misses, query, total);
    // Words the curator wrote only into what the fact does not say ("taiwan" for a trip's talks).
    const missOnly = query.tokens.filter(
      (t) => !t.generic && !c.entry.weights.has(t.token) && c.entry.misses.some((m) => m.tokens.has(t.token)),
    );
    const uncovered = query.tokens.filter((t) => t.known && !t.generic && !c.entry.weights.has(t.token));
    const named: Record<FeatureName, number> = {
      uncoveredKnown: uncovered.reduce((n, t) => n + t.weight, 0) / total,
      maxUncovered: Math.max(0, ...uncovered.map((t) => t.weight)) / index.maxIdf,
      semClaim: c.semantic.claim,
      semCentroid: c.semantic.centroid,
      // Near-paraphrases of an example are almost always right, whatever the words: a hinge the linear ranker
      // could not draw from semBest alone.
      semHigh: Math.max(0, c.semantic.best - 0.85),
      lexTimesSem: c.lexical.score * c.semantic.best,
      semMiss: c.semantic.miss,
      semMissGap: c.semantic.miss > 0 ? c.semantic.miss - c.semantic.best : 0,
      // Closer to a question the fact does not answer than to any way of asking what it does.
      semMissAbove: Math.max(0, c.semantic.miss - c.semantic.best),
      // The same two on words: a question worded like a `does_not_say` question more than like any example.
      lexMiss,
      lexMissAbove: Math.max(0, lexMiss - c.lexical.example),
      missWords: missOnly.reduce((n, t) => n + t.weight, 0) / total,
      // How richly the fact is curated: a fact with few examples matches fewer phrasings, and is no worse for it.
      exampleCount: Math.log1p(c.entry.fact.examples.length) / 5,
      missCount: Math.log1p(c.entry.fact.doesNotSay.length) / 4,
      lexScore: c.lexical.score,
      lexCoverage: c.lexical.coverage,
      lexExample: c.lexical.example,
      lexGap: c.lexical.score - bestOther(c, (o) => o.lexical.score),
      anchor: c.lexical.anchor / index.maxIdf,
      semBest: c.semantic.best,
      semTop2: c.semantic.top2,
      semGap: c.semantic.best - bestOther(c, (o) => o.semantic.best),
      ...questionLevel,
      ...(Object.fromEntries(
        Object.entries(FIT_CHECKS).map(([name, check]) => [name, Number(check(index, query, c.lexical))]),
      ) as Record<keyof typeof FIT_CHECKS, number>),
    };
    return { ...c, features: FEATURES.map((f) => named[f]) };
  });
}
