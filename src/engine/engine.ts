import type { SemanticIndex } from '../semantic/semantic-index.js';
import { type Decision, decide } from './decide.js';
import type { DecisionModel } from './decision-model.js';
import { type Candidate, candidates } from './features.js';
import { type AnalyzedQuery, analyze, type Scored, score } from './match.js';
import type { SearchIndex } from './search-index.js';
import type { Correction } from './typo.js';

/** Everything the engine reads for one fact base. */
export interface EngineBase {
  index: SearchIndex;
  semantic: SemanticIndex;
  typoCache: Map<string, Correction | null>;
}

/** Every signal for one question, before the decision: what training fits on and `ask --explain` prints. */
export interface Analysis {
  query: AnalyzedQuery;
  ranked: Scored[];
  pool: Candidate[];
}

/** How the lexical side reads a question: normalised, typos corrected, weighed against the base. */
export const readQuestion = (base: Pick<EngineBase, 'index' | 'typoCache'>, text: string): AnalyzedQuery =>
  analyze(base.index, text, base.typoCache);

/**
 * What the sentence model reads of a question: its first MAX_QUERY_CHARS with typos corrected against the base's
 * vocabulary (a misspelt word is one it cannot read) and glossary synonyms spelt as their terms, so jargon it never
 * learnt ("USG", "DIB", "HMT") reads as words it knows.
 */
export function embeddingText(index: SearchIndex, query: AnalyzedQuery): string {
  return index.expand(query.corrected).replace(/_/g, ' ');
}

/** `vector` is the embedding of `embeddingText(base.index, query)`. */
export function analyzeQuestion(base: EngineBase, query: AnalyzedQuery, vector: Float32Array): Analysis {
  const ranked = score(base.index, query);
  const pool =
    query.tokens.length === 0
      ? []
      : candidates({ index: base.index, query, ranked, semantic: base.semantic, vector });
  return { query, ranked, pool };
}

export function judge(model: DecisionModel, base: EngineBase, analysis: Analysis): Decision {
  return decide(model, base.index, analysis.query, analysis.ranked, analysis.pool);
}
