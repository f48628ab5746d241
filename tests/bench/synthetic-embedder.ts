import { createHash } from 'node:crypto';
import { type Embedder, unitLength } from '../../src/semantic/embedder.js';

const TAG = / \[(t\d+x)\]$/;

/**
 * The real model for questions; for a synthetic fact's text ("… [t123x]") the vector of the untagged text, nudged by
 * a little noise seeded by the tag. Embedding 100,000 synthetic texts for real would take the bench an hour, and
 * what it measures, the cost of a question against a large base, does not depend on the fact vectors' exact values.
 */
export function syntheticEmbedder(real: Embedder): Embedder {
  const originals = new Map<string, Float32Array>();
  return {
    model: `${real.model}+synthetic`,
    close: () => real.close(),
    async embed(texts) {
      const plain = texts.map((t) => t.replace(TAG, ''));
      const missing = [...new Set(plain.filter((t) => !originals.has(t)))];
      const vectors = await real.embed(missing);
      for (const [i, t] of missing.entries()) originals.set(t, vectors[i] as Float32Array);
      return texts.map((t, i) => {
        const base = originals.get(plain[i] as string) as Float32Array;
        const tag = TAG.exec(t)?.[1];
        if (!tag) return base;
        const seed = createHash('sha256').update(tag).digest();
        return unitLength(base.map((x, k) => x + ((seed[k % 32] as number) - 128) / 4000));
      });
    },
  };
}
