import { answerFeatures, type DecisionModel, probability } from './decision-model.js';
import type { Candidate } from './features.js';
import { LEXICAL } from './lexical-constants.js';
import type { AnalyzedQuery, Scored } from './match.js';
import type { SearchIndex } from './search-index.js';
import { boostedProbability } from './trees.js';

export interface Judged extends Candidate {
  /** The ranker's estimate that this is the fact asked about. */
  p: number;
}

export type Decision =
  | { kind: 'empty' }
  | { kind: 'answered'; best: Judged; confidence: number; runnerUp?: Judged; judged: Judged[] }
  | { kind: 'ambiguous'; options: Judged[]; confidence: number; judged: Judged[] }
  | { kind: 'unknown'; subject?: { name: string; facts: Scored[] }; confidence: number; judged: Judged[] };

/** Candidates by the ranker's probability, best first. */
export function rank(model: DecisionModel, pool: Candidate[]): Judged[] {
  return pool.map((c) => ({ ...c, p: probability(model.ranker, c.features) })).sort((a, b) => b.p - a.p);
}

/** The estimated probability that answering with the best-ranked fact is right. */
export function confidenceOf(model: DecisionModel, judged: Judged[]): number {
  if (!judged[0]) return 0;
  return boostedProbability(model.answerer, answerFeatures(judged));
}

/**
 * One place decides: the ranker orders the candidate facts, the answerer estimates how likely the best is to be
 * right; it answers from `answerAt`, asks back when the runner-up ranks nearly as high, and otherwise refuses.
 */
export function decide(
  model: DecisionModel,
  index: SearchIndex,
  query: AnalyzedQuery,
  ranked: Scored[],
  pool: Candidate[],
): Decision {
  if (query.tokens.length === 0) return { kind: 'empty' };
  const judged = rank(model, pool);
  const confidence = confidenceOf(model, judged);
  const [best, second] = judged;
  if (!best || confidence < model.answerAt)
    return {
      kind: 'unknown',
      subject: findSubject(index, query, ranked) ?? closeTopic(model, index, judged),
      confidence,
      judged,
    };
  const close = judged.filter((j) => j.p >= best.p * model.askBackRatio).slice(0, 3);
  if (close.length > 1) return { kind: 'ambiguous', options: close, confidence, judged };
  const runnerUp = second && second.p >= model.offerAt ? second : undefined;
  return { kind: 'answered', best, confidence, ...(runnerUp ? { runnerUp } : {}), judged };
}

/** The known subject (a name or topic) a refused question was about, with the facts about it. */
function findSubject(
  index: SearchIndex,
  query: AnalyzedQuery,
  ranked: Scored[],
): { name: string; facts: Scored[] } | undefined {
  const token = query.tokens
    .filter((t) => t.known && !t.generic && (index.idf.get(t.token) ?? 0) >= LEXICAL.subject)
    .find((t) => ranked.some((r) => r.entry.subjects.has(t.token)))?.token;
  if (!token) return undefined;
  const facts = ranked.filter((r) => r.entry.subjects.has(token)).slice(0, 3);
  return { name: index.subjectNames.get(token) ?? token.replace(/_/g, ' '), facts };
}

/**
 * With no subject named, a refused question that still ranks facts of one topic well is about that topic: the refusal
 * says so and offers those facts, instead of claiming the question is outside what Sitrep covers.
 */
function closeTopic(
  model: DecisionModel,
  index: SearchIndex,
  judged: Judged[],
): { name: string; facts: Scored[] } | undefined {
  const topic = judged[0] && judged[0].p >= model.offerAt ? judged[0].entry.fact.topics[0] : undefined;
  if (!topic) return undefined;
  const facts = judged
    .filter((j) => j.p >= model.offerAt && j.entry.fact.topics.includes(topic))
    .slice(0, 3)
    .map((j) => j.lexical);
  return { name: index.topicNames.get(topic) ?? topic, facts };
}
