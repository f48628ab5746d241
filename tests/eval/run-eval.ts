import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, loadQuestions, summary } from './evaluate.js';

/** `npm run eval [tuning|holdout|blind]`: accuracy, refusal rate and every failing question. */
const split = process.argv[2];
const file = split === 'blind' ? 'tests/eval/questions-blind.yml' : undefined;
const sitrep = createSitrep({
  knowledge: loadKnowledge('knowledge'),
  log: { info() {}, warn() {}, error() {} },
});
const questions = loadQuestions(file).filter((q) => !split || file || q.split === split);
const result = evaluate(sitrep, questions);
for (const f of result.failures)
  console.log(`✖ [${f.split}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
console.log(summary(split ?? 'all', result));
