import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/semantic/embedder.js';
import { embedCached, fileVectorCache, vectorKey } from '../../src/semantic/vector-cache.js';

/** Counts what it is asked to embed; a vector is the text's length and first letter code. */
function countingEmbedder() {
  const asked: string[] = [];
  const embedder: Embedder = {
    model: 'counting',
    close: async () => {},
    embed: async (texts) => {
      asked.push(...texts);
      return texts.map((t) => new Float32Array([t.length, t.charCodeAt(0) || 0]));
    },
  };
  return { embedder, asked };
}

describe('the fact vector cache', () => {
  it('embeds only what it lacks, survives a restart, and forgets what the base no longer has', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-vec-')), 'vectors.bin');
    const { embedder, asked } = countingEmbedder();
    const first = await embedCached(embedder, fileVectorCache(path), ['alpha', 'beta', 'alpha']);
    expect(first.map((v) => [...v])).toEqual([
      [5, 97],
      [4, 98],
      [5, 97],
    ]);
    expect(asked).toEqual(['alpha', 'beta']);

    await embedCached(embedder, fileVectorCache(path), ['beta', 'gamma'], { only: true });
    expect(asked).toEqual(['alpha', 'beta', 'gamma']);
    // After a restart: beta and gamma are cached, alpha was dropped with the fact that had it.
    await embedCached(embedder, fileVectorCache(path), ['alpha', 'beta', 'gamma']);
    expect(asked).toEqual(['alpha', 'beta', 'gamma', 'alpha']);
  });

  it('treats a corrupt or truncated file as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-vec-'));
    const key = vectorKey('counting', 'delta');
    // The second promises one 2-number vector for "delta" and holds one byte of it.
    for (const content of ['not a cache', `{"dims":2,"keys":["${key}"]}\n\u0001`]) {
      const path = join(dir, 'vectors.bin');
      writeFileSync(path, content);
      const { embedder, asked } = countingEmbedder();
      await embedCached(embedder, fileVectorCache(path), ['delta']);
      expect(asked).toEqual(['delta']);
    }
  });
});
