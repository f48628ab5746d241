import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, loadQuestions, summary } from './evaluate.js';

/**
 * `npm run eval [tuning|holdout|blind|blind2]`: accuracy and refusal rate, and every failing question of the tuning
 * and holdout splits. The blind sets print their figures only: their items must never be seen while tuning.
 */
const split = process.argv[2];
const BLIND: Record<string, string> = {
  blind: 'tests/eval/questions-blind.yml',
  blind2: 'tests/eval/questions-blind2.yml',
};
const file = split ? BLIND[split] : undefined;
const sitrep = createSitrep({
  knowledge: loadKnowledge('knowledge'),
  log: { info() {}, warn() {}, error() {} },
});
const questions = loadQuestions(file).filter((q) => !split || file || q.split === split);
const result = evaluate(sitrep, questions);
if (!file)
  for (const f of result.failures)
    console.log(`✖ [${f.split}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
console.log(summary(split ?? 'all', result));
