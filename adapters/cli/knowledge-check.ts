import { checkReport } from '../../src/knowledge/check-report.js';
import { checkKnowledge } from '../../src/knowledge/load.js';

const HELP = `Usage: npm run knowledge:check -- [--strict] [dir]

Validates the fact base in dir (default: $KNOWLEDGE_DIR, else ./knowledge) and lists every problem as
file › fact id › field: message, errors first, then warnings (marked WARNING), then a count.

Exit code 1 on any error. With --strict, also 1 on content warnings (e.g. a not_figures entry that is not in
the claim). Date-based warnings (a fact past its review date) are printed but never fail --strict: they appear
as time passes, so CI would break on a day nobody changed anything.

Every number in a fact's claim must be one of its figures (70% = 70 percent, $900 million = 900000000 USD,
£723 million = 723000000 GBP, a bare 100 = 100 count) or be listed in the fact's not_figures, e.g.
not_figures: ["14068"]. Years, dates ("2 April", "14 to 16 April"), ordinals (14th), decades (1990s),
durations (75 years) and names (G7, Q4, Su-57) are never figures and need no entry.
`;

/** `npm run knowledge:check [-- --strict] [dir]`: see HELP. */
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
const unknown = args.filter((a) => a.startsWith('-') && a !== '--strict');
if (unknown.length > 0) {
  process.stderr.write(`unknown option ${unknown.join(', ')}\n\n${HELP}`);
  process.exit(2);
}
const dir = args.find((a) => !a.startsWith('-')) ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
const { code, lines } = checkReport(checkKnowledge(dir), dir, args.includes('--strict'));
(code === 0 ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
process.exit(code);
