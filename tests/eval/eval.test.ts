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
const tuning2 = loadQuestions('tests/eval/questions-tuning2.yml');
const tuning3 = loadQuestions('tests/eval/questions-tuning3.yml');
const tuning4 = loadQuestions('tests/eval/questions-tuning4.yml');
const tuning5 = loadQuestions('tests/eval/questions-tuning5.yml');
const blind = loadQuestions('tests/eval/questions-blind.yml');
const blind2 = loadQuestions('tests/eval/questions-blind2.yml');
const blind3 = loadQuestions('tests/eval/questions-blind3.yml');
const blind4 = loadQuestions('tests/eval/questions-blind4.yml');

/**
 * The cutoffs were tuned on the tuning split only, so that is where the 95% bar is enforced. The holdout split
 * was never tuned on; its floor guards against regressions and its figure is the honest one to report.
 */
const BARS = {
  tuning: { answers: 95, refusals: 95 },
  holdout: { answers: 95, refusals: 95 },
} as const;

/**
 * The blind sets' failures are never looked at, so they stay honest measures; their floors only catch regressions.
 * Tuning sets 2 and 5 (hard near-misses), 3 (chat-style) and 4 (plain English, misspelt) are tuned on, like the
 * tuning split, but are far harder; they have floors too.
 */
const FLOORS = [
  { name: 'blind', set: blind, answers: 93, refusals: 96 },
  { name: 'blind2', set: blind2, answers: 95, refusals: 96 },
  { name: 'blind3', set: blind3, answers: 92, refusals: 92 },
  { name: 'blind4', set: blind4, answers: 94, refusals: 92 },
  { name: 'tuning2', set: tuning2, answers: 88, refusals: 88 },
  { name: 'tuning3', set: tuning3, answers: 94, refusals: 93 },
  { name: 'tuning4', set: tuning4, answers: 95, refusals: 95 },
  { name: 'tuning5', set: tuning5, answers: 96, refusals: 80 },
] as const;

describe('evaluation set', () => {
  it('has enough questions of every kind, kept apart from the example phrasings', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((q) => q.expect === 'refuse').length).toBeGreaterThanOrEqual(40);
    const examples = new Set(loadKnowledge('knowledge').facts.flatMap((f) => f.examples.map(normalize)));
    const all = [
      ...questions,
      ...tuning2,
      ...tuning3,
      ...tuning4,
      ...tuning5,
      ...blind,
      ...blind2,
      ...blind3,
      ...blind4,
    ];
    expect(all.filter((q) => examples.has(normalize(q.q))).map((q) => q.q)).toEqual([]);
  });

  it.each(FLOORS)('$name stays above its floor', ({ name, set, answers, refusals }) => {
    const result = evaluate(sitrep, set);
    console.log(summary(name, result));
    expect(set.length).toBeGreaterThanOrEqual(130);
    expect(pct(result.correct, result.answerable)).toBeGreaterThanOrEqual(answers);
    expect(pct(result.refused, result.refusable)).toBeGreaterThanOrEqual(refusals);
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
