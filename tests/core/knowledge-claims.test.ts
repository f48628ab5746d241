import { describe, expect, it } from 'vitest';
import { claimFigureProblems, claimNumbers } from '../../src/knowledge/claim-figures.js';
import { checkKnowledge } from '../../src/knowledge/load.js';
import type { Figure } from '../../src/types.js';
import { editedBase, errorsOf, once } from './knowledge-copy.js';

const figure = (value: number, unit: Figure['unit']): Figure => ({
  id: `f-${value}`,
  label: 'a figure',
  value,
  unit,
  measures: 'something',
});
const read = (claim: string) => claimNumbers(claim).map((n) => `${n.text}=${n.value} ${n.unit}`);

describe('numbers in a claim', () => {
  it('reads amounts with their unit: percent, dollars, pounds, counts, scales', () => {
    expect(read('more than 70% of the roughly $900 million, about £723 million, 36 per cent')).toEqual([
      '70%=70 percent',
      '$900 million=900000000 USD',
      '£723 million=723000000 GBP',
      '36 per cent=36 percent',
    ]);
    expect(read('more than 100 Chinese entities, US$1.2bn, 1,500 drones, 2.5 percent')).toEqual([
      '100=100 count',
      'US$1.2bn=1200000000 USD',
      '1,500=1500 count',
      '2.5 percent=2.5 percent',
    ]);
  });

  it('leaves out years, dates, quarters, ordinals, decades, durations and names', () => {
    const claim =
      'On Friday 12 April 2024, from 14 to 16 April, between 6 and 8 April, (13-15 June 2024), on April 13, ' +
      'in Q4 2023, since December 2023, over 2021-22, its 14th package, in the 1990s, 75 years of ties, the G7, ' +
      'the Su-57 and the Garpiya-3.';
    expect(read(claim)).toEqual([]);
  });

  it('still reads an amount right after a month', () => {
    expect(read('in April 30% of the imports')).toEqual(['30%=30 percent']);
  });
});

describe('claim against figures', () => {
  it('passes numbers that match a figure or one of its variants, in the same unit', () => {
    const share = {
      ...figure(70, 'percent'),
      variants: [{ qualifier: 'nearly' as const, value: 69, outlets: ['AP'] }],
    };
    const fact = { claim: 'over 70%, nearly 69% per AP, and $900 million', not_figures: [] };
    expect(claimFigureProblems({ ...fact, figures: [share, figure(900_000_000, 'USD')] })).toEqual([]);
    expect(claimFigureProblems({ ...fact, figures: [share, figure(900_000_000, 'GBP')] })).toEqual([
      expect.objectContaining({
        field: 'claim',
        severity: 'error',
        message: expect.stringContaining('"$900 million"'),
      }),
    ]);
  });

  it('lets not_figures mark a number that is not a figure, and warns when the marked number is not in the claim', () => {
    const claim = 'barred imports under Executive Order 14068.';
    expect(claimFigureProblems({ claim, figures: [], not_figures: [] })).toHaveLength(1);
    expect(claimFigureProblems({ claim, figures: [], not_figures: ['14068'] })).toEqual([]);
    expect(claimFigureProblems({ claim, figures: [], not_figures: ['14068', '14024'] })).toEqual([
      { field: 'not_figures.1', message: '"14024" does not occur in the claim', severity: 'warning' },
    ]);
  });

  it('is an error in the real loader: a claim saying 90% beside a figure of 80', () => {
    const dir = editedBase({ 'facts/microelectronics.yml': once('value: 90\n', 'value: 80\n') });
    expect(errorsOf(dir)).toEqual([
      expect.stringMatching(
        /^facts\/microelectronics\.yml microelectronics-china-share-2023 claim: "90%" \(90 percent\) matches no figure of the fact \(80 percent\)/,
      ),
    ]);
    expect(checkKnowledge(dir).knowledge).toBeUndefined();
  });

  it('reports the claim mismatch alongside a schema error of the same fact', () => {
    const dir = editedBase({
      'facts/microelectronics.yml': (text) =>
        once(
          'value: 90\n',
          'value: 80\n',
        )(
          once(
            'officials"\n    certainty: asserted\n    figures:\n      - id: microelectronics-china-share',
            'officials"\n    certainty: sure\n    figures:\n      - id: microelectronics-china-share',
          )(text),
        ),
    });
    expect(errorsOf(dir)).toEqual([
      expect.stringMatching(
        /^facts\/microelectronics\.yml microelectronics-china-share-2023 facts\.0\.certainty: /,
      ),
      expect.stringMatching(/^facts\/microelectronics\.yml microelectronics-china-share-2023 claim: "90%"/),
    ]);
  });
});
