import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../../src/semantic/embedder.js';
import { loadUseLite, USE_LITE_MODEL } from '../../src/semantic/use-lite.js';
import { fileVectorCache, type VectorCache } from '../../src/semantic/vector-cache.js';
import { createSitrep, type Sitrep, type SitrepOptions } from '../../src/sitrep.js';

/**
 * One model per test process (loading it takes about a second), remembering what it embedded: a test file that
 * builds several cores asks them the same questions.
 */
let shared: Promise<Embedder> | undefined;
export const testEmbedder = (): Promise<Embedder> => {
  shared ??= loadUseLite().then(remembering);
  return shared;
};

function remembering(embedder: Embedder): Embedder {
  const seen = new Map<string, Float32Array>();
  return {
    model: embedder.model,
    close: () => embedder.close(),
    async embed(texts) {
      const missing = [...new Set(texts.filter((t) => !seen.has(t)))];
      const vectors = await embedder.embed(missing);
      for (const [i, t] of missing.entries()) seen.set(t, vectors[i] as Float32Array);
      return texts.map((t) => seen.get(t) as Float32Array);
    },
  };
}

/** Fact vectors shared by every test run on this machine (tests/global-setup.ts warms it once per run). */
export const TEST_VECTORS = join(tmpdir(), `sitrep-test-vectors-${USE_LITE_MODEL.replace(/\W/g, '_')}.bin`);
export const testVectors = (): VectorCache => fileVectorCache(TEST_VECTORS);

/** The real core with the real model, as every front end gets it. */
export async function testSitrep(
  opts: Omit<SitrepOptions, 'embedder'> & Partial<Pick<SitrepOptions, 'embedder'>>,
): Promise<Sitrep> {
  return createSitrep({ embedder: await testEmbedder(), vectors: testVectors(), ...opts });
}
