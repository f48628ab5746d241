import { checkKnowledge, formatProblem } from '../../src/knowledge/load.js';

/** `npm run knowledge:check [dir]`: every problem with file, fact id and field; exit 1 on any error. */
const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
const { knowledge, problems } = checkKnowledge(dir);
for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
if (!knowledge) {
  process.stderr.write(`\n${problems.filter((p) => p.severity === 'error').length} error(s) in ${dir}\n`);
  process.exit(1);
}
const figures = knowledge.facts.reduce((n, f) => n + f.figures.length, 0);
process.stdout.write(
  `knowledge OK: ${knowledge.facts.length} facts, ${figures} figures, ${knowledge.topics.length} topics, ${knowledge.glossary.length} glossary terms\n`,
);
