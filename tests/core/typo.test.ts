import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/engine/search-index.js';
import { correctTypo, stopwordTypo } from '../../src/engine/typo.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

describe('correctTypo', () => {
  const index = buildIndex(loadKnowledge('knowledge'));
  // fuse.js ranks "charges" and "channel" above "china" for "chna": the short word must still be found.
  it.each([
    ['chna', 'china'],
    ['rusia', 'russia'],
    ['microelectornics', 'microelectronics'],
  ])('reads %j as %j', (typo, meant) => {
    expect(correctTypo(index, typo, new Map())?.token).toBe(meant);
  });

  it.each(['iran', 'india', 'tariff'])('finds no base word for %j', (word) => {
    expect(correctTypo(index, word, new Map())).toBeNull();
  });
});

describe('stopwordTypo', () => {
  it.each([
    ['whn', 'when'],
    ['abuot', 'about'],
    ['wiht', 'with'],
    ['hwo', 'how'],
    ['whan', 'when'],
  ])('reads %j as %j', (typo, meant) => {
    expect(stopwordTypo(typo)).toBe(meant);
  });

  it.each(['wheat', 'shel', 'iran', 'lng', 'oil', 'nato'])('leaves the word %j alone', (word) => {
    expect(stopwordTypo(word)).toBeUndefined();
  });
});
