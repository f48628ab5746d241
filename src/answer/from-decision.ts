/** Turns the engine's decision into the Answer users see: the fact's answer, a choice, or a refusal saying why. */
import type { Decision } from '../engine/decide.js';
import type { Freshness } from '../knowledge/freshness.js';
import type { PreparedBase } from '../prepared-base.js';
import { isStopword } from '../text/normalize.js';
import type { Answer, Fact } from '../types.js';
import { composeAnswer, suggestedQuestion, unknownAnswer } from './compose.js';
import { questionProblem } from './refusal-reason.js';

export function answerFromDecision(
  base: PreparedBase,
  text: string,
  decision: Decision,
  freshness: Freshness,
): Answer {
  const { knowledge, byId } = base;
  const problem = () => questionProblem(text, (w) => base.index.surface.has(w) || isStopword(w));
  const option = (fact: Fact) => ({
    factId: fact.id,
    label: fact.figures[0]?.label ?? fact.claim,
    ask: suggestedQuestion(fact),
  });
  switch (decision.kind) {
    case 'empty':
      return unknownAnswer(text, problem() ?? 'empty', knowledge.topics);
    case 'answered': {
      const answer = composeAnswer({
        ...freshness,
        question: text,
        fact: decision.best.entry.fact,
        byId,
        confidence: decision.confidence,
      });
      const runnerUp = decision.runnerUp?.entry.fact;
      return runnerUp && answer.kind === 'answered' ? { ...answer, alternative: option(runnerUp) } : answer;
    }
    case 'ambiguous':
      return {
        kind: 'ambiguous',
        question: text,
        confidence: decision.confidence,
        options: decision.options.map(({ entry: { fact } }) => option(fact)),
      };
    case 'unknown': {
      const { subject } = decision;
      const why = problem();
      if (!subject)
        return unknownAnswer(text, why ?? 'out-of-scope', knowledge.topics, {
          confidence: decision.confidence,
        });
      return unknownAnswer(text, why ?? 'attribute-not-covered', knowledge.topics, {
        subject: subject.name,
        suggestions: subject.facts.map((s) => suggestedQuestion(s.entry.fact)),
        confidence: decision.confidence,
      });
    }
  }
}
