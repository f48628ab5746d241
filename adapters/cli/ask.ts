import { createInterface } from 'node:readline';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderText } from '../../src/render-text.js';
import { createSitrep } from '../../src/sitrep.js';
import type { Answer } from '../../src/types.js';
import { createLogger } from '../log.js';
import { exitOnStartupError } from './startup-error.js';

/** `npm run ask -- [--json] "<question>"`; with --json and no question, one question per stdin line. */
async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const question = argv.filter((a) => a !== '--json').join(' ');
  const sitrep = createSitrep({
    knowledge: loadKnowledge(process.env.KNOWLEDGE_DIR ?? 'knowledge'),
    log: createLogger('warn'),
  });

  if (!json) {
    process.stdout.write(
      `${renderText(sitrep.respond({ text: question, platform: 'cli', channelId: 'cli', userId: 'cli' }))}\n`,
    );
    return;
  }
  if (question) {
    process.stdout.write(`${JSON.stringify(toJson(sitrep.ask(question)))}\n`);
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    process.stdout.write(`${JSON.stringify(toJson(sitrep.ask(line)))}\n`);
  }
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
