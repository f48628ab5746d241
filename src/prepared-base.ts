/** Everything Sitrep builds from one fact base, and the memo of answers given from it. */
import { figureRows, sourceRows } from './catalogue.js';
import { USAGE } from './commands.js';
import { createFigureFinder } from './engine/figure-finder.js';
import { buildIndex } from './engine/search-index.js';
import type { Correction } from './engine/typo.js';
import type { Answer, Fact, KnowledgeBase, Reply } from './types.js';

/** How many recent answers are kept; the same questions come back often (suggestion buttons, `figure …`). */
const ANSWER_MEMO_SIZE = 1000;
const MEMO_MAX_KEY = 300;

/** Everything built from one fact base, swapped as a whole on reload. */
export function prepare(knowledge: KnowledgeBase) {
  return {
    knowledge,
    index: buildIndex(knowledge),
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

/**
 * An answer depends only on the fact base, the day (freshness notes) and the text, so it is computed once per
 * question and day. Least recently used answers are dropped first; a reload starts from an empty memo.
 */
export function memoized(memo: Map<string, Answer>, key: string, compute: () => Answer): Answer {
  // Long texts are rare and would make the memo's memory depend on what users paste.
  if (key.length > MEMO_MAX_KEY) return compute();
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const answer = compute();
  memo.set(key, answer);
  if (memo.size > ANSWER_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return answer;
}
