import { describe, expect, it } from 'vitest';
import { derivedLines } from '../../src/answer/format.js';
import type { Figure, Qualifier } from '../../src/types.js';
import { fact } from '../digest/fixtures.js';

const share = (qualifier?: Qualifier): Figure => ({
  id: 'share',
  label: 'China share',
  measures: "China's share of Russia's machine-tool imports",
  value: 70,
  unit: 'percent',
  period: 'Q4 2023',
  ...(qualifier ? { qualifier } : {}),
});
const total = (qualifier?: Qualifier): Figure => ({
  id: 'total',
  label: 'Total imports',
  measures: "Russia's machine-tool imports",
  value: 900e6,
  unit: 'USD',
  period: 'Q4 2023',
  ...(qualifier ? { qualifier } : {}),
});
const implied = (s: Figure, t: Figure) => derivedLines(fact('f', { figures: [s, t] }))[0];

describe('implied amounts keep the bound of the share they come from', () => {
  it.each([
    ['over', 'about', 'more than $630 million'],
    ['at least', undefined, 'at least $630 million'],
    ['nearly', 'about', 'nearly $630 million'],
    ['up to', undefined, 'up to $630 million'],
    ['about', undefined, 'about $630 million'],
    [undefined, 'about', 'about $630 million'],
    [undefined, undefined, '$630 million'],
  ] as [Qualifier | undefined, Qualifier | undefined, string][])('%s 70%% of %s $900m: %s', (s, t, text) => {
    expect(implied(share(s), total(t))).toMatchObject({ text, derived: true });
  });

  it('names both figures with their own bounds in the label', () => {
    expect(implied(share('over'), total('about'))?.label).toBe(
      'China share in money (over 70% of about $900 million)',
    );
  });
});
