import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Sitrep } from '../../src/sitrep.js';

const questionSchema = z.strictObject({
  q: z.string(),
  expect: z.union([z.literal('refuse'), z.array(z.string()).min(1)]),
  kind: z.string(),
  split: z.enum(['tuning', 'holdout']),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export function loadQuestions(path = 'tests/eval/questions.yml'): EvalQuestion[] {
  return z.strictObject({ questions: z.array(questionSchema) }).parse(parse(readFileSync(path, 'utf8')))
    .questions;
}

export interface EvalResult {
  answerable: number;
  correct: number;
  /** of `correct`, how many offered a choice (a near-tie) that includes an expected fact */
  viaChoice: number;
  refusable: number;
  refused: number;
  failures: { q: string; expected: string; got: string; split: string }[];
}

/**
 * Correct = answered from an expected fact, or a near-tie choice that offers one (counted apart as `viaChoice`).
 * A question that must be refused is correct only when the bot says it does not know: offering a choice is wrong.
 */
export function evaluate(sitrep: Sitrep, questions: EvalQuestion[]): EvalResult {
  const r: EvalResult = { answerable: 0, correct: 0, viaChoice: 0, refusable: 0, refused: 0, failures: [] };
  for (const q of questions) {
    const a = sitrep.ask(q.q);
    const got =
      a.kind === 'answered'
        ? (a.facts[0]?.id ?? '?')
        : a.kind === 'ambiguous'
          ? `ambiguous(${a.options.map((o) => o.factId).join(',')})`
          : `unknown:${a.reason}`;
    if (q.expect === 'refuse') {
      r.refusable += 1;
      if (a.kind === 'unknown') r.refused += 1;
      else r.failures.push({ q: q.q, expected: 'refuse', got, split: q.split });
    } else {
      r.answerable += 1;
      const expected = q.expect;
      if (a.kind === 'answered' && expected.includes(a.facts[0]?.id ?? '')) r.correct += 1;
      else if (a.kind === 'ambiguous' && a.options.some((o) => expected.includes(o.factId))) {
        r.correct += 1;
        r.viaChoice += 1;
      } else r.failures.push({ q: q.q, expected: q.expect.join('|'), got, split: q.split });
    }
  }
  return r;
}

export const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

export function summary(label: string, r: EvalResult): string {
  return `${label}: answers ${r.correct}/${r.answerable} correct (${pct(r.correct, r.answerable).toFixed(1)}%, ${r.viaChoice} of them as a choice), refusals ${r.refused}/${r.refusable} correct (${pct(r.refused, r.refusable).toFixed(1)}%)`;
}
