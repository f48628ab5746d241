import { existsSync, readdirSync } from 'node:fs';
import { type EvalQuestion, loadQuestions } from './evaluate.js';

/**
 * Every question set that may be read and tuned on, by name. The sealed final exam (tests/eval/sealed/) is not
 * here: only `npm run exam` reads it, and prints figures only.
 */
export function tuningSets(): Record<string, string> {
  const sets: Record<string, string> = {};
  for (const f of readdirSync('tests/eval').sort()) {
    const m = /^questions(?:-(.+))?\.yml$/.exec(f);
    if (m) sets[m[1] ?? 'tuning1'] = `tests/eval/${f}`;
  }
  if (existsSync('tests/eval/pool'))
    for (const f of readdirSync('tests/eval/pool').sort()) {
      const m = /^(p\d+|[a-z-]+)\.yml$/.exec(f);
      if (m) sets[`pool-${m[1]}`] = `tests/eval/pool/${f}`;
    }
  // Written blind like the pool and labelled later: fitted on like the pool.
  if (existsSync('tests/eval/dev'))
    for (const f of readdirSync('tests/eval/dev').sort()) {
      const m = /^([a-z]\d+)\.yml$/.exec(f);
      if (m) sets[`dev-${m[1]}`] = `tests/eval/dev/${f}`;
    }
  // Former sealed exams, run once and reported: training data from then on.
  if (existsSync('tests/eval/spent'))
    for (const f of readdirSync('tests/eval/spent').sort()) {
      const m = /^(exam-[a-z])\.yml$/.exec(f);
      if (m) sets[`spent-${m[1]}`] = `tests/eval/spent/${f}`;
    }
  return sets;
}

/** Sets written blind, from the seed and sources only: the kind of question users ask, so thresholds are set on them. */
export const isBlindSet = (name: string) => /^(pool|dev|spent)-/.test(name);

export function loadSets(names: string[]): { name: string; questions: EvalQuestion[] }[] {
  const all = tuningSets();
  return names.map((name) => {
    const path = all[name];
    if (!path) throw new Error(`no question set "${name}"; known: ${Object.keys(all).join(', ')}`);
    return { name, questions: loadQuestions(path) };
  });
}
