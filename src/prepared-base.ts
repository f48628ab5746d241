/** Everything Sitrep builds from one fact base, and the memo of answers given from it. */
import { figureRows, sourceRows } from './catalogue.js';
import { USAGE } from './commands.js';
import { createFigureFinder } from './engine/figure-finder.js';
import { buildIndex } from './engine/search-index.js';
import type { Correction } from './engine/typo.js';
import type { SemanticIndex } from './semantic/semantic-index.js';
import type { Answer, Fact, KnowledgeBase, Reply } from './types.js';

/** How many recent answers are kept; the same questions come back often (suggestion buttons, `figure …`). */
const ANSWER_MEMO_SIZE = 1000;
const MEMO_MAX_KEY = 300;

/** Everything built from one fact base, swapped as a whole on reload. */
export function prepare(knowledge: KnowledgeBase, semantic: SemanticIndex) {
  return {
    knowledge,
    index: buildIndex(knowledge),
    semantic,
    byId: new Map<string, Fact>(knowledge.facts.map((f) => [f.id, f])),
    figures: createFigureFinder(knowledge),
    typoCache: new Map<string, Correction | null>(),
    answers: new Map<string, Answer>(),
    /** The replies that depend on the fact base alone. */
    lists: {
      figures: { kind: 'figures', rows: figureRows(knowledge) },
      sources: { kind: 'sources', sources: sourceRows(knowledge) },
      help: {
        kind: 'help',
        usage: USAGE,
        topics: knowledge.topics,
        examples: knowledge.topics.slice(0, 4).map((t) => t.sample),
      },
    } satisfies Record<string, Reply>,
  };
}
export type PreparedBase = ReturnType<typeof prepare>;

/** A bounded map that drops the least recently used entry first. */
export function remember<V>(memo: Map<string, V>, key: string, value: V, size = ANSWER_MEMO_SIZE): V {
  memo.delete(key);
  memo.set(key, value);
  if (memo.size > size) memo.delete(memo.keys().next().value as string);
  return value;
}

/**
 * An answer depends only on the fact base, the day (freshness notes) and the text, so it is computed once per
 * question and day. Least recently used answers are dropped first; a reload starts from an empty memo.
 */
export async function memoized(
  memo: Map<string, Answer>,
  key: string,
  compute: () => Answer | Promise<Answer>,
): Promise<Answer> {
  // Long texts are rare and would make the memo's memory depend on what users paste.
  if (key.length > MEMO_MAX_KEY) return compute();
  const hit = memo.get(key);
  if (hit) return remember(memo, key, hit);
  return remember(memo, key, await compute());
}
