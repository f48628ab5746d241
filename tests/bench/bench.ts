import { performance } from 'node:perf_hooks';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';
import type { Fact, KnowledgeBase } from '../../src/types.js';
import { loadQuestions } from '../eval/evaluate.js';

/** `npm run bench`: answer latency (p50, p99) and memory, on the real base and on 10,000 synthetic facts. */
const TARGETS = { real: 5, synthetic: 50 };
const silent = { info() {}, warn() {}, error() {} };

function synthetic(kb: KnowledgeBase, size: number): KnowledgeBase {
  const words =
    'alpha bravo cobalt delta ember falcon garnet harbor indigo jasper kestrel lumen meridian nickel onyx'.split(
      ' ',
    );
  const facts: Fact[] = [];
  for (let i = 0; i < size; i++) {
    const base = kb.facts[i % kb.facts.length] as Fact;
    const tag = `${words[i % words.length]}${Math.floor(i / words.length)}`;
    facts.push({
      ...base,
      id: `${base.id}-${i}`,
      claim: `${base.claim} (${tag})`,
      examples: base.examples.map((e) => `${e} ${tag}`),
      figures: base.figures.map((f) => ({ ...f, id: `${f.id}-${i}` })),
      related: [],
    });
  }
  return { ...kb, facts };
}

function measure(
  label: string,
  kb: KnowledgeBase,
  questions: string[],
  rounds: number,
  target: number,
): boolean {
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const sitrep = createSitrep({ knowledge: kb, log: silent });
  const buildMs = performance.now() - t0;
  for (const q of questions.slice(0, 20)) sitrep.ask(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const start = performance.now();
      sitrep.ask(q);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const heapMb = (process.memoryUsage().heapUsed - before) / 1e6;
  const ok = at(0.99) < target;
  console.log(
    `${label}: ${kb.facts.length} facts, ${times.length} answers, p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms (target < ${target} ms: ${ok ? 'met' : 'MISSED'}), index built in ${buildMs.toFixed(0)} ms, heap +${heapMb.toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );
  return ok;
}

const kb = loadKnowledge('knowledge');
const questions = loadQuestions().map((q) => q.q);
const okReal = measure('real base', kb, questions, 20, TARGETS.real);
const okSynthetic = measure('synthetic base', synthetic(kb, 10_000), questions, 3, TARGETS.synthetic);
process.exitCode = okReal && okSynthetic ? 0 : 1;
