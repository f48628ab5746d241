import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { normalize } from '../../src/text/normalize.js';
import { evaluate, loadQuestions, pct, summary } from './evaluate.js';

const sitrep = createSitrep({
  knowledge: loadKnowledge('knowledge'),
  log: { info() {}, warn() {}, error() {} },
});
const questions = loadQuestions();
const blind = loadQuestions('tests/eval/questions-blind.yml');

/**
 * The cutoffs were tuned on the tuning split only, so that is where the 95% bar is enforced. The holdout split
 * was never tuned on; its floor guards against regressions and its figure is the honest one to report.
 */
const BARS = {
  tuning: { answers: 95, refusals: 95 },
  holdout: { answers: 92, refusals: 90 },
} as const;

/** The blind set's failures are not looked at, so it stays an honest measure; the floor only catches regressions. */
const BLIND_FLOOR = { answers: 83, refusals: 85 } as const;

describe('evaluation set', () => {
  it('has enough questions of every kind, kept apart from the example phrasings', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((q) => q.expect === 'refuse').length).toBeGreaterThanOrEqual(40);
    const examples = new Set(loadKnowledge('knowledge').facts.flatMap((f) => f.examples.map(normalize)));
    expect([...questions, ...blind].filter((q) => examples.has(normalize(q.q))).map((q) => q.q)).toEqual([]);
  });

  it('the blind set, written after tuning and never tuned on, stays above its floor', () => {
    const result = evaluate(sitrep, blind);
    console.log(summary('blind', result));
    expect(blind.length).toBeGreaterThanOrEqual(150);
    expect(pct(result.correct, result.answerable)).toBeGreaterThanOrEqual(BLIND_FLOOR.answers);
    expect(pct(result.refused, result.refusable)).toBeGreaterThanOrEqual(BLIND_FLOOR.refusals);
  });

  it.each(Object.entries(BARS))('%s split meets its accuracy and refusal bars', (split, bar) => {
    const result = evaluate(
      sitrep,
      questions.filter((q) => q.split === split),
    );
    console.log(summary(split, result));
    for (const f of result.failures) console.log(`  ✖ ${f.q} — expected ${f.expected}, got ${f.got}`);
    expect(pct(result.correct, result.answerable)).toBeGreaterThanOrEqual(bar.answers);
    expect(pct(result.refused, result.refusable)).toBeGreaterThanOrEqual(bar.refusals);
  });
});
