/**
 * Embeds the fact base once before the test files start, so that the files running in parallel find its vectors
 * cached instead of each embedding it at once.
 */
import { loadKnowledge } from '../src/knowledge/load.js';
import { buildSemanticIndex } from '../src/semantic/semantic-index.js';
import { loadUseLite } from '../src/semantic/use-lite.js';
import { testVectors } from './support/engine.js';

export default async function setup(): Promise<void> {
  const embedder = await loadUseLite();
  try {
    await buildSemanticIndex(loadKnowledge('knowledge'), embedder, testVectors());
  } finally {
    await embedder.close();
  }
}
