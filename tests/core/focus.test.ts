import { describe, expect, it } from 'vitest';
import { questionSentences } from '../../src/text/focus.js';

describe('questionSentences', () => {
  it('keeps the sentences that ask, in order', () => {
    expect(
      questionSentences(
        'Writing a note for the desk. When was Scholz in China? Also, who went with him? Thanks.',
      ),
    ).toBe('When was Scholz in China? Also, who went with him?');
  });

  it('does not break a sentence at an abbreviation', () => {
    expect(questionSentences('Context first. Did the U.S. name Chinese firms? ok')).toBe(
      'Did the U.S. name Chinese firms?',
    );
  });

  it('splits at line breaks', () => {
    expect(questionSentences('for the tracker\nwhen did blinken go to china?')).toBe(
      'when did blinken go to china?',
    );
  });

  it.each([
    'When was Scholz in China?',
    'machine tools share. china. q4',
    'Who said it? And how sure are they?',
  ])('leaves %j alone: nothing to leave out', (text) => {
    expect(questionSentences(text)).toBeUndefined();
  });
});
