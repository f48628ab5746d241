import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { openSemantic } from '../../adapters/semantic.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Embedder } from '../../src/semantic/embedder.js';
import type { VectorCache } from '../../src/semantic/vector-cache.js';
import { createSitrep, type Sitrep } from '../../src/sitrep.js';
import type { Fact, KnowledgeBase } from '../../src/types.js';
import { loadSets, tuningSets } from '../eval/sets.js';
import { syntheticEmbedder } from './synthetic-embedder.js';

/**
 * `npm run bench`: start-up with a warm vector cache, the latency of new questions (no memo hit, the embedding
 * included) and memory, on the real base and on 10,000 synthetic facts.
 */
const TARGETS = { startMs: 3000, p50: 30, p99: 50, syntheticP99: 100, rssMb: 400 };
const silent = { info() {}, warn() {}, error() {} };

/** Copies of the real facts, each tagged, with a dozen of its texts: the size of a base curated for years. */
function synthetic(kb: KnowledgeBase, size: number): KnowledgeBase {
  const facts: Fact[] = [];
  for (let i = 0; i < size; i++) {
    const base = kb.facts[i % kb.facts.length] as Fact;
    const tag = `t${i}x`;
    facts.push({
      ...base,
      id: `${base.id}-${i}`,
      claim: `${base.claim} [${tag}]`,
      examples: base.examples.slice(0, 10).map((e) => `${e} [${tag}]`),
      doesNotSay: base.doesNotSay.slice(0, 3).map((e) => `${e} [${tag}]`),
      figures: base.figures.map((f) => ({ ...f, id: `${f.id}-${i}` })),
      related: [],
    });
  }
  return { ...kb, facts };
}

async function latency(
  label: string,
  kb: KnowledgeBase,
  semantic: { embedder: Embedder; vectors?: VectorCache },
  questions: string[],
  started?: Sitrep,
) {
  const t0 = performance.now();
  const sitrep = started ?? (await createSitrep({ knowledge: kb, log: silent, ...semantic }));
  const buildMs = performance.now() - t0;
  for (const q of questions.slice(0, 20)) await sitrep.ask(`${q} warm-up`);
  const times: number[] = [];
  for (const q of questions) {
    const start = performance.now();
    await sitrep.ask(q);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const rssMb = process.memoryUsage().rss / 1e6;
  console.log(
    `${label}: ${kb.facts.length} facts, ${times.length} new questions, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, ${started ? '' : `built in ${buildMs.toFixed(0)} ms, `}rss ${rssMb.toFixed(0)} MB (model worker included)`,
  );
  return { p50: at(0.5), p99: at(0.99), rssMb };
}

async function main() {
  const dataDir = process.env.DATA_DIR ?? 'data';
  const kb = loadKnowledge('knowledge');
  // Warm the cache in a process of its own, then time a start as `npm start` does it: model load, cached vectors,
  // index.
  execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/warm-cache.ts'], { stdio: 'inherit' });
  const t0 = performance.now();
  const semantic = await openSemantic(dataDir, silent);
  const sitrep = await createSitrep({ knowledge: kb, log: silent, ...semantic });
  const startMs = performance.now() - t0;
  console.log(`start-up with a warm vector cache: ${startMs.toFixed(0)} ms (target ≤ ${TARGETS.startMs} ms)`);

  const seen = new Set<string>();
  const questions = loadSets(Object.keys(tuningSets()))
    .flatMap((s) => s.questions.map((q) => q.q))
    .filter((q) => !seen.has(q) && seen.add(q));
  const real = await latency('real base', kb, semantic, questions.slice(0, 1500), sitrep);
  const synth = await latency(
    'synthetic base',
    synthetic(kb, 10_000),
    { embedder: syntheticEmbedder(semantic.embedder) },
    questions.slice(1500, 2000),
  );
  const checks = [
    ['start-up', startMs <= TARGETS.startMs],
    [`real p50 ≤ ${TARGETS.p50} ms`, real.p50 <= TARGETS.p50],
    [`real p99 ≤ ${TARGETS.p99} ms`, real.p99 <= TARGETS.p99],
    [`real rss ≤ ${TARGETS.rssMb} MB`, real.rssMb <= TARGETS.rssMb],
    [`synthetic p99 ≤ ${TARGETS.syntheticP99} ms`, synth.p99 <= TARGETS.syntheticP99],
  ] as const;
  for (const [name, ok] of checks) console.log(`  ${ok ? 'met' : 'MISSED'}: ${name}`);
  await semantic.embedder.close();
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
