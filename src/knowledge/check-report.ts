import type { KnowledgeCheck } from './load.js';
import { formatProblem, type KnowledgeProblem } from './problem.js';

export interface CheckReport {
  /** 0 when the base is fine (under --strict: also free of content warnings), else 1. */
  code: 0 | 1;
  /** Errors first, then warnings, then one count line; or the OK line with the warnings below it. */
  lines: string[];
}

/**
 * Whether a warning fails `--strict`: content warnings do; a review date gone by does not, or CI would break as
 * time passes with nothing changed.
 */
export const failsStrict = (p: KnowledgeProblem) => p.severity === 'warning' && !p.clockDependent;

/** What `npm run knowledge:check` prints for a check of `dir`, and its exit code. */
export function checkReport(
  { knowledge, problems }: KnowledgeCheck,
  dir: string,
  strict: boolean,
): CheckReport {
  const errors = problems.filter((p) => p.severity === 'error');
  const content = problems.filter(failsStrict);
  const dated = problems.filter((p) => p.severity === 'warning' && p.clockDependent);
  const listed = [...errors, ...content, ...dated].map(formatProblem);
  const warnings = plural(content.length + dated.length, 'warning');
  const datedNote = dated.length ? ` (${dated.length} date-based, which never fail --strict)` : '';
  if (!knowledge) {
    const count = [plural(errors.length, 'error'), ...(content.length + dated.length ? [warnings] : [])];
    return { code: 1, lines: [...listed, '', `knowledge check FAILED: ${count.join(', ')} in ${dir}`] };
  }
  if (strict && content.length > 0) {
    const count = plural(content.length, 'content warning');
    return {
      code: 1,
      lines: [...listed, '', `knowledge check FAILED under --strict: ${count} in ${dir}${datedNote}`],
    };
  }
  const figures = knowledge.facts.reduce((n, f) => n + f.figures.length, 0);
  const { facts, topics, glossary } = knowledge;
  const sizes = `${facts.length} facts, ${figures} figures, ${topics.length} topics, ${glossary.length} glossary terms`;
  if (listed.length === 0) return { code: 0, lines: [`knowledge OK: ${sizes}`] };
  return { code: 0, lines: [`knowledge OK (${sizes}) with ${warnings}${datedNote}:`, ...listed] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
