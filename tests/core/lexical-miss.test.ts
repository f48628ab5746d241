import { describe, expect, it } from 'vitest';
import { embeddingText } from '../../src/engine/engine.js';
import { analyze, closestPhrase } from '../../src/engine/match.js';
import { buildIndex } from '../../src/engine/search-index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const knowledge = loadKnowledge('knowledge');
const index = buildIndex(knowledge);
const blinken = index.facts.find((f) => f.fact.id === 'blinken-china-visit');

/** How closely a question's words follow the fact's closest example, and its closest `does_not_say` question. */
function overlap(question: string) {
  if (!blinken) throw new Error('the base has no blinken-china-visit fact');
  const query = analyze(index, question, new Map());
  const total = query.tokens.reduce((n, t) => n + t.weight, 0);
  return {
    example: closestPhrase(blinken.examples, query, total),
    miss: closestPhrase(blinken.misses, query, total),
  };
}

describe('words of a question against what a fact answers and what it does not', () => {
  it('reads a question worded like a does_not_say question as closer to it than to any example', () => {
    const { example, miss } = overlap(blinken?.fact.doesNotSay[0] ?? '');
    expect(miss).toBeCloseTo(1);
    expect(example).toBeLessThan(miss);
  });

  it('reads a question the fact answers as closer to its examples', () => {
    const { example, miss } = overlap(blinken?.fact.examples[0] ?? '');
    expect(example).toBeCloseTo(1);
    expect(miss).toBeLessThan(example);
  });
});

describe('what the sentence model reads', () => {
  it('has misspelt words corrected, which the model could not read', () => {
    const text = embeddingText(index, analyze(index, 'whan did blinken meet xi in bejing', new Map()));
    expect(text.split(' ')).toEqual(expect.arrayContaining(['when', 'blinken']));
    expect(text).not.toMatch(/whan|wuhan|bejing/);
  });
});
