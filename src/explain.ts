import { answerFromDecision } from './answer/from-decision.js';
import type { Judged } from './engine/decide.js';
import type { DecisionModel } from './engine/decision-model.js';
import { type Analysis, analyzeQuestion, embeddingText, judge, readQuestion } from './engine/engine.js';
import type { Freshness } from './knowledge/freshness.js';
import { type PreparedBase, remember } from './prepared-base.js';
import type { Embedder } from './semantic/embedder.js';
import { stripChatNoise } from './text/chat-noise.js';
import { questionSentences } from './text/focus.js';
import type { Answer } from './types.js';

/** Question vectors kept; the same questions come back often (buttons, retries, several channels). */
const QUESTION_VECTORS = 2000;

export interface Explained extends Analysis {
  answer: Answer;
  /** Candidates as the ranker ordered them. */
  judged: Judged[];
  confidence: number;
}

/** Reads a question against the current base: every signal, the decision and the answer it gives. */
export function createExplainer(opts: {
  model: DecisionModel;
  embedder: Embedder;
  base: () => PreparedBase;
  freshness: () => Freshness;
}): (raw: string) => Promise<Explained> {
  const { model, embedder } = opts;
  const questionVectors = new Map<string, Float32Array>();
  const vectorOf = async (text: string) => {
    const hit = questionVectors.get(text);
    if (hit) return remember(questionVectors, text, hit, QUESTION_VECTORS);
    const [v] = await embedder.embed([text]);
    return remember(questionVectors, text, v as Float32Array, QUESTION_VECTORS);
  };

  return async (raw) => {
    const text = stripChatNoise(raw);
    const base = opts.base();
    const judgeText = async (t: string) => {
      const query = readQuestion(base, t);
      const analysis = analyzeQuestion(base, query, await vectorOf(embeddingText(base.index, query)));
      return { analysis, decision: judge(model, base, analysis) };
    };
    let { analysis, decision } = await judgeText(text);
    // Context around the question can drown it: the question sentences alone get a second reading.
    const asking = decision.kind === 'unknown' ? questionSentences(text) : undefined;
    if (asking) {
      const focused = await judgeText(asking);
      if (focused.decision.kind === 'answered' || focused.decision.kind === 'ambiguous')
        ({ analysis, decision } = focused);
    }
    return {
      ...analysis,
      answer: answerFromDecision(base, raw, decision, opts.freshness()),
      judged: 'judged' in decision ? decision.judged : [],
      confidence: 'confidence' in decision ? decision.confidence : 0,
    };
  };
}
