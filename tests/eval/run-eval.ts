import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, loadQuestions, summary } from './evaluate.js';

/** `npm run eval [tuning|holdout]`: accuracy, refusal rate and every failing question. */
const split = process.argv[2];
const sitrep = createSitrep({
  knowledge: loadKnowledge('knowledge'),
  log: { info() {}, warn() {}, error() {} },
});
const questions = loadQuestions().filter((q) => !split || q.split === split);
const result = evaluate(sitrep, questions);
for (const f of result.failures)
  console.log(`✖ [${f.split}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
console.log(summary(split ?? 'all', result));
