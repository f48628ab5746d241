import { describe, expect, it } from 'vitest';
import { contentTokens, normalize } from '../../src/text/normalize.js';

const tokens = (text: string) => contentTokens(normalize(text));

describe('content tokens', () => {
  it('drops chat shorthand that carries no meaning: apostrophe-less contractions, stopword typos, lone letters', () => {
    expect(tokens("whats teh role of china w/ russia's drones")).toEqual(['rol', 'china', 'russia', 'dron']);
    expect(tokens("what's the role of china with russia's drones")).toEqual([
      'rol',
      'china',
      'russia',
      'dron',
    ]);
  });

  it('keeps digits, even alone, and reads "9 in 10" as a percentage', () => {
    expect(tokens('9 of the 10 chips')).toEqual(['9', '10', 'chip']);
    expect(normalize('9 in 10 chips, 7 out of 10 tools')).toBe('90 percent chips 70 percent tools');
  });

  it('folds accents, curly quotes and symbols only where they occur', () => {
    expect(normalize('Russia’s £723m — 70% of $900m')).toBe(
      'russia gbp 723 million 70 percent of usd 900 million',
    );
    expect(normalize('Café Zürich')).toBe('cafe zurich');
  });
});
