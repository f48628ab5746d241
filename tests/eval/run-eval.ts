import { openSemantic } from '../../adapters/semantic.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import { evaluate, staleNotes, summary } from './evaluate.js';
import { loadSets, tuningSets } from './sets.js';

/**
 * `npm run eval [set…]`: accuracy and refusal rate of the tuning sets (all, or those named), with every failing
 * question. Every set here may be read and tuned on; the sealed exam is `npm run exam`.
 */
async function main(names: string[]) {
  const known = tuningSets();
  const unknown = names.filter((n) => !known[n]);
  if (unknown.length) {
    console.error(
      `No question set ${unknown.map((n) => `"${n}"`).join(', ')}. Sets: ${Object.keys(known).join(', ')}`,
    );
    process.exit(2);
  }
  const silent = { info() {}, warn() {}, error() {} };
  const semantic = await openSemantic(process.env.DATA_DIR ?? 'data', silent);
  const sitrep = await createSitrep({ knowledge: loadKnowledge('knowledge'), log: silent, ...semantic });
  for (const { name, questions } of loadSets(names.length ? names : Object.keys(known))) {
    const result = await evaluate(sitrep, questions);
    if (!process.env.QUIET)
      for (const f of result.failures)
        console.log(`✖ [${name}/${f.kind}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
    for (const note of staleNotes(result)) console.log(note);
    console.log(summary(name, result));
  }
  await semantic.embedder.close();
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
