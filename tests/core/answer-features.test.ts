import { describe, expect, it } from 'vitest';
import { ANSWER_FEATURES, answerFeatures } from '../../src/engine/decision-model.js';
import { FEATURES, type FeatureName } from '../../src/engine/features.js';

/** A candidate whose features are all 0 but those named. */
const candidate = (p: number, named: Partial<Record<FeatureName, number>>) => ({
  p,
  features: FEATURES.map((f) => named[f] ?? 0),
});
const read = (row: number[], name: string) => row[ANSWER_FEATURES.indexOf(name as never)];

describe('the answerer inputs', () => {
  const judged = [
    candidate(0.8, { semBest: 0.9, semMiss: 0.5 }),
    candidate(0.5, { semBest: 0.7, semMiss: 0.6 }),
    candidate(0.3, { semMiss: 0.95, semMissAbove: 0.2 }),
  ];
  const row = answerFeatures(judged);

  it('lists one value per named input', () => {
    expect(row).toHaveLength(ANSWER_FEATURES.length);
  });

  it('carries the best and the runner-up signals under their own names', () => {
    expect([read(row, 'p1'), read(row, 'p2'), read(row, 'top.semBest'), read(row, 'second.semBest')]).toEqual(
      [0.8, 0.5, 0.9, 0.7],
    );
  });

  it('sees a near-miss question of a fact ranked lower than the best two', () => {
    expect([read(row, 'poolSemMiss'), read(row, 'poolSemMissAbove')]).toEqual([0.95, 0.2]);
  });

  it('counts the candidates ranked at least half as high as the best', () => {
    expect(read(row, 'closeCount')).toBeCloseTo(2 / 6);
  });

  it('reads an empty runner-up as zeros', () => {
    const alone = answerFeatures(judged.slice(0, 1));
    expect([read(alone, 'p2'), read(alone, 'second.semBest')]).toEqual([0, 0]);
  });
});
