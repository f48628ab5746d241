import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, loadQuestions, summary } from './evaluate.js';

/**
 * `npm run eval [tuning|holdout|tuning2|tuning3|tuning4|tuning5|blind|blind2|blind3|blind4]`: accuracy and refusal rate, and every failing question of the
 * sets used for tuning. The blind sets print their figures only: their items must never be seen while tuning.
 */
const set = process.argv[2];
const FILES: Record<string, { path: string; blind: boolean }> = {
  tuning2: { path: 'tests/eval/questions-tuning2.yml', blind: false },
  tuning3: { path: 'tests/eval/questions-tuning3.yml', blind: false },
  tuning4: { path: 'tests/eval/questions-tuning4.yml', blind: false },
  tuning5: { path: 'tests/eval/questions-tuning5.yml', blind: false },
  blind: { path: 'tests/eval/questions-blind.yml', blind: true },
  blind2: { path: 'tests/eval/questions-blind2.yml', blind: true },
  blind3: { path: 'tests/eval/questions-blind3.yml', blind: true },
  blind4: { path: 'tests/eval/questions-blind4.yml', blind: true },
};
const file = set ? FILES[set] : undefined;
const sitrep = createSitrep({
  knowledge: loadKnowledge('knowledge'),
  log: { info() {}, warn() {}, error() {} },
});
const questions = file ? loadQuestions(file.path) : loadQuestions().filter((q) => !set || q.split === set);
const result = evaluate(sitrep, questions);
if (!file?.blind)
  for (const f of result.failures)
    console.log(`✖ [${f.split}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
console.log(summary(set ?? 'all', result));
