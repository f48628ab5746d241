import { readdirSync } from 'node:fs';
import { openSemantic } from '../../adapters/semantic.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, loadQuestions, pct } from './evaluate.js';

/**
 * `npm run exam`: the sealed final exam (tests/eval/sealed/*.yml), written by helpers who saw only the seed and the
 * sources, never read while tuning. It prints figures only, never an item: a set whose items were seen is a tuning set.
 * `npm run exam -- exam-g exam-h` runs only the sets named. Each set is run once: a set already run is spent and
 * moves to tests/eval/spent/, where it becomes a tuning set.
 */
async function main(only: string[]) {
  const files = readdirSync('tests/eval/sealed').filter(
    (f) => /^[\w-]+\.yml$/.test(f) && (only.length === 0 || only.includes(f.replace(/\.yml$/, ''))),
  );
  if (files.length === 0) {
    console.error('No sealed exam in tests/eval/sealed/ (see its README): a spent exam is a tuning set.');
    process.exit(1);
  }
  const silent = { info() {}, warn() {}, error() {} };
  const semantic = await openSemantic(process.env.DATA_DIR ?? 'data', silent);
  const sitrep = await createSitrep({ knowledge: loadKnowledge('knowledge'), log: silent, ...semantic });
  const total = { correct: 0, answerable: 0, refused: 0, refusable: 0, wrongAnswers: 0, stale: 0 };
  for (const file of files) {
    const r = await evaluate(sitrep, loadQuestions(`tests/eval/sealed/${file}`));
    // A wrong confident answer: an answer from the wrong fact, or an answer where a refusal was due.
    const wrong = r.failures.filter(
      (f) => !f.got.startsWith('unknown') && !f.got.startsWith('ambiguous'),
    ).length;
    console.log(
      `${file}: answers ${r.correct}/${r.answerable} (${pct(r.correct, r.answerable).toFixed(1)}%), refusals ${r.refused}/${r.refusable} (${pct(r.refused, r.refusable).toFixed(1)}%), wrong answers ${wrong}, stale ${r.stale.length}`,
    );
    total.correct += r.correct;
    total.answerable += r.answerable;
    total.refused += r.refused;
    total.refusable += r.refusable;
    total.wrongAnswers += wrong;
    total.stale += r.stale.length;
  }
  console.log(
    `exam: answers ${total.correct}/${total.answerable} (${pct(total.correct, total.answerable).toFixed(1)}%), refusals ${total.refused}/${total.refusable} (${pct(total.refused, total.refusable).toFixed(1)}%), wrong answers ${total.wrongAnswers} of ${total.answerable + total.refusable}, stale ${total.stale}`,
  );
  await semantic.embedder.close();
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
