import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Sitrep } from '../../src/sitrep.js';
import type { Answer } from '../../src/types.js';

const questionSchema = z.strictObject({
  q: z.string(),
  expect: z.union([z.literal('refuse'), z.array(z.string()).min(1)]),
  kind: z.string(),
  /** Older sets only: which half of questions.yml an item belongs to. */
  split: z.enum(['tuning', 'holdout']).optional(),
  /** For a refusal: what the base lacks, so that a curator who adds it knows the item is stale. */
  lacks: z.string().optional(),
  /** What the writer meant, written before labelling. */
  intent: z.string().optional(),
});
const setSchema = z.strictObject({
  /** The day the set was labelled: a fact added later may answer what was then a refusal. */
  written: z.iso.date().optional(),
  questions: z.array(questionSchema),
});
export type EvalQuestion = z.infer<typeof questionSchema> & { written?: string };

export function loadQuestions(path = 'tests/eval/questions.yml'): EvalQuestion[] {
  const set = setSchema.parse(parse(readFileSync(path, 'utf8')));
  return set.questions.map((q) => ({ ...q, ...(set.written ? { written: set.written } : {}) }));
}

export interface EvalResult {
  answerable: number;
  correct: number;
  /** of `correct`, how many offered a choice (a near-tie) that includes an expected fact */
  viaChoice: number;
  refusable: number;
  refused: number;
  /** of refusals answered, how many were answered wrongly (the worst outcome) */
  failures: { q: string; expected: string; got: string; kind: string }[];
  /** Refusals now answered from a fact added after the set was labelled: the item may be stale, not the engine. */
  stale: { q: string; lacks?: string; factId: string }[];
}

const gotOf = (a: Answer) =>
  a.kind === 'answered'
    ? (a.facts[0]?.id ?? '?')
    : a.kind === 'ambiguous'
      ? `ambiguous(${a.options.map((o) => o.factId).join(',')})`
      : `unknown:${a.reason}`;

/**
 * Correct = answered from an expected fact, or a near-tie choice that offers one (counted apart as `viaChoice`).
 * A question that must be refused is correct only when the bot says it does not know: offering a choice is wrong.
 */
export async function evaluate(sitrep: Sitrep, questions: EvalQuestion[]): Promise<EvalResult> {
  const r: EvalResult = {
    answerable: 0,
    correct: 0,
    viaChoice: 0,
    refusable: 0,
    refused: 0,
    failures: [],
    stale: [],
  };
  for (const q of questions) {
    const a = await sitrep.ask(q.q);
    const got = gotOf(a);
    if (q.expect === 'refuse') {
      const fact = a.kind === 'answered' ? a.facts[0] : undefined;
      if (fact && q.written && fact.added > q.written) {
        r.stale.push({ q: q.q, factId: fact.id, ...(q.lacks ? { lacks: q.lacks } : {}) });
        continue;
      }
      r.refusable += 1;
      if (a.kind === 'unknown') r.refused += 1;
      else r.failures.push({ q: q.q, expected: 'refuse', got, kind: q.kind });
    } else {
      r.answerable += 1;
      const expected = q.expect;
      if (a.kind === 'answered' && expected.includes(a.facts[0]?.id ?? '')) r.correct += 1;
      else if (a.kind === 'ambiguous' && a.options.some((o) => expected.includes(o.factId))) {
        r.correct += 1;
        r.viaChoice += 1;
      } else r.failures.push({ q: q.q, expected: q.expect.join('|'), got, kind: q.kind });
    }
  }
  return r;
}

export const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

export function summary(label: string, r: EvalResult): string {
  const stale = r.stale.length ? `, ${r.stale.length} refusal items stale` : '';
  return `${label}: answers ${r.correct}/${r.answerable} correct (${pct(r.correct, r.answerable).toFixed(1)}%, ${r.viaChoice} of them as a choice), refusals ${r.refused}/${r.refusable} correct (${pct(r.refused, r.refusable).toFixed(1)}%)${stale}`;
}

/** What a curator reads when a refusal item went stale. */
export function staleNotes(r: EvalResult): string[] {
  return r.stale.map(
    (s) =>
      `stale? "${s.q}" expected a refusal (${s.lacks ?? 'no reason recorded'}) but fact ${s.factId}, added after the set was written, answers it: check the item and drop it or relabel it`,
  );
}
