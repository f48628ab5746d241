import { createInterface } from 'node:readline';
import { FEATURES } from '../../src/engine/features.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderText } from '../../src/render-text.js';
import { createSitrep, type Sitrep } from '../../src/sitrep.js';
import type { Answer } from '../../src/types.js';
import { createLogger } from '../log.js';
import { openSemantic } from '../semantic.js';
import { exitOnStartupError } from './startup-error.js';

/**
 * `npm run ask -- [--json] [--explain] "<question>"`; with --json and no question, one question per stdin line.
 * --explain prints every signal of the best candidate facts and the decision, for curators.
 */
async function main(argv: string[]): Promise<void> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const question = argv.filter((a) => !a.startsWith('--')).join(' ');
  const log = createLogger('warn');
  const semantic = await openSemantic(process.env.DATA_DIR ?? 'data', log);
  const sitrep = await createSitrep({
    knowledge: loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge'),
    log,
    ...semantic,
  });
  const out = (text: string) => process.stdout.write(`${text}\n`);
  if (flags.has('--explain')) out(await explain(sitrep, question));
  else if (!flags.has('--json'))
    out(
      renderText(await sitrep.respond({ text: question, platform: 'cli', channelId: 'cli', userId: 'cli' })),
    );
  else if (question) out(JSON.stringify(toJson(await sitrep.ask(question))));
  else
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }))
      out(JSON.stringify(toJson(await sitrep.ask(line))));
  await semantic.embedder.close();
}

async function explain(sitrep: Sitrep, question: string): Promise<string> {
  const { answer, judged, confidence } = await sitrep.explain(question);
  const lines = [`decision: ${answer.kind}, confidence ${confidence.toFixed(3)}`, 'candidates (ranker p):'];
  for (const c of judged.slice(0, 4)) {
    const signals = FEATURES.map((f, i) => `${f}=${Number((c.features[i] as number).toFixed(3))}`).join(' ');
    lines.push(`  ${c.p.toFixed(3)} ${c.entry.fact.id}`, `      ${signals}`);
  }
  return [...lines, '', renderText({ kind: 'answer', answer })].join('\n');
}

function toJson(a: Answer) {
  const facts =
    a.kind === 'answered'
      ? a.facts.map((f) => ({ id: f.id, claim: f.claim, attribution: f.attribution }))
      : [];
  return {
    question: a.question,
    answered: a.kind === 'answered',
    kind: a.kind,
    text: renderText({ kind: 'answer', answer: a }),
    facts,
    options: a.kind === 'ambiguous' ? a.options.map((o) => o.factId) : [],
    confidence: Number(a.confidence.toFixed(3)),
  };
}

main(process.argv.slice(2)).catch(exitOnStartupError);
