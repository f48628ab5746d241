import { describe, expect, it } from 'vitest';
import { asksDayNotGiven, asksNamesNotGiven, asksWordingNotGiven } from '../../src/engine/detail-checks.js';
import { analyze, type Scored } from '../../src/engine/match.js';
import { buildIndex, type SearchIndex } from '../../src/engine/search-index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Fact } from '../../src/types.js';

const base = loadKnowledge('knowledge');

/** A one-fact base, so each check reads exactly the fact given. */
function check(
  which: (query: ReturnType<typeof analyze>, candidate: Scored, index: SearchIndex) => boolean,
  question: string,
  fact: Partial<Fact>,
) {
  const only = { ...(base.facts[0] as Fact), date: undefined, ...fact };
  const index = buildIndex({ ...base, facts: [only] });
  const entry = index.facts[0];
  if (!entry) throw new Error('no fact');
  const candidate: Scored = { entry, score: 1, anchor: 1, coverage: 1, example: 1 };
  return which(analyze(index, question, new Map()), candidate, index);
}

describe('a question for a precision the fact may not hold', () => {
  const anonymous = {
    claim: 'senior US officials said China is helping Russia.',
    entities: ['United States', 'China'],
  };
  const named = {
    claim: 'Kurt Campbell said the US would hold China accountable.',
    entities: ['Kurt Campbell'],
  };

  it('wants people named: only a fact that names someone else answers', () => {
    const q = 'What is the name of the senior official who briefed reporters?';
    expect(check(asksNamesNotGiven, q, anonymous)).toBe(true);
    expect(check(asksNamesNotGiven, q, named)).toBe(false);
    expect(check(asksNamesNotGiven, 'Which German CEOs travelled with Scholz?', anonymous)).toBe(true);
  });

  it('leaves questions that name firms, or ask what officials said, to other signals', () => {
    expect(check(asksNamesNotGiven, 'Which Chinese companies were named?', anonymous)).toBe(false);
    expect(check(asksNamesNotGiven, 'What did the officials say about drones?', anonymous)).toBe(false);
    expect(check(asksNamesNotGiven, 'Which executive order covers the ban?', anonymous)).toBe(false);
  });

  it('wants exact words: a claim in the base’s own words does not give them, a quotation does', () => {
    const q = 'What did Biden tell Xi on the call, word for word?';
    expect(check(asksWordingNotGiven, q, anonymous)).toBe(true);
    expect(check(asksWordingNotGiven, q, { claim: "Biden told Xi 'we will act' on the call." })).toBe(false);
    expect(check(asksWordingNotGiven, 'What did Biden tell Xi on the call?', anonymous)).toBe(false);
  });

  it('wants a day: a claim that names one answers, a fact dated in another month does not', () => {
    const q = 'On exactly which day in December 2023 did the UK ban start?';
    const since = { claim: 'the UK ban has been in force since December 2023.' };
    expect(check(asksDayNotGiven, q, { ...since, date: '2024-04-12' })).toBe(true);
    expect(check(asksDayNotGiven, q, { ...since, date: '2023-12-15' })).toBe(false);
    expect(check(asksDayNotGiven, q, { claim: 'the UK ban began on 15 December 2023.' })).toBe(false);
    expect(check(asksDayNotGiven, 'When did the UK ban start?', since)).toBe(false);
  });
});
