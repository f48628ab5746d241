import { describe, expect, it } from 'vitest';
import { stopwordTypo } from '../../src/engine/typo.js';

describe('stopwordTypo', () => {
  it.each([
    ['whn', 'when'],
    ['abuot', 'about'],
    ['wiht', 'with'],
    ['hwo', 'how'],
  ])('reads %j as %j', (typo, meant) => {
    expect(stopwordTypo(typo)).toBe(meant);
  });

  it.each(['wheat', 'shel', 'iran', 'lng', 'oil', 'nato'])('leaves the word %j alone', (word) => {
    expect(stopwordTypo(word)).toBeUndefined();
  });
});
