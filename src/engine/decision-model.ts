import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FEATURES, PER_SIGNAL } from './features.js';
import { boostedSchema } from './trees.js';

/**
 * Inputs of the second stage: how the ranker saw the candidates, the closest `does_not_say` question of any of them,
 * and the best two facts' own signals.
 */
export const ANSWER_FEATURES = [
  'p1',
  'p2',
  'gap',
  'logitP1',
  'p1Squared',
  'p1TimesSem',
  'p1TimesLex',
  'lexTimesSem',
  'poolSemMiss',
  'poolSemMissAbove',
  'poolLexMiss',
  'poolLexMissAbove',
  'closeCount',
  ...FEATURES.map((f) => `top.${f}`),
  ...FEATURES.map((f) => `second.${f}`),
] as const;
const SEM = FEATURES.indexOf('semBest');
const LEX = FEATURES.indexOf('lexScore');
const MISS = FEATURES.indexOf('semMiss');
const MISS_ABOVE = FEATURES.indexOf('semMissAbove');
const LEX_MISS = FEATURES.indexOf('lexMiss');
const LEX_MISS_ABOVE = FEATURES.indexOf('lexMissAbove');

const logistic = z.strictObject({
  /** Feature names, in the order of `weights`. */
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.number(),
});
type Logistic = z.infer<typeof logistic>;

/** The fitted decision (`npm run train` writes decision-model.json). */
export const decisionModelSchema = z.strictObject({
  /** Stage one: how likely each candidate fact is to be the one asked about; ranks them. */
  ranker: logistic,
  /**
   * Stage two: how likely answering with the best-ranked fact is to be right; that is the answer's confidence.
   * Small boosted trees: whether an answer holds depends on signals together (a close runner-up matters only when
   * the best is itself weak), which one weighted sum cannot express.
   */
  answerer: boostedSchema,
  /** Answer when the confidence reaches this. */
  answerAt: z.number().min(0).max(1),
  /** Ask back when the runner-up's rank probability is at least this share of the best's (above 1: never). */
  askBackRatio: z.number().min(0),
  /** Offer the runner-up as "Not what you meant?" from this rank probability. */
  offerAt: z.number().min(0).max(1),
  /** What it was fitted on, for the record. */
  trainedOn: z.record(z.string(), z.unknown()),
});
export type DecisionModel = z.infer<typeof decisionModelSchema>;

export const MODEL_FILE = new URL('./decision-model.json', import.meta.url);

export function loadDecisionModel(file: URL | string = MODEL_FILE): DecisionModel {
  const parsed = decisionModelSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${String(file)} is invalid:\n${z.prettifyError(parsed.error)}`);
  const model = parsed.data;
  const fits = (part: Pick<Logistic, 'features'> & { weights?: number[] }, names: readonly string[]) =>
    part.features.join() === names.join() && (part.weights?.length ?? names.length) === names.length;
  if (!fits(model.ranker, FEATURES) || !fits(model.answerer, ANSWER_FEATURES))
    throw new Error(`${String(file)} was fitted on other features: run npm run train`);
  return model;
}

export function probability(part: Pick<Logistic, 'weights' | 'bias'>, features: readonly number[]): number {
  let z = part.bias;
  for (let i = 0; i < features.length; i++) z += (part.weights[i] as number) * (features[i] as number);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Stage-two inputs from the ranked candidates (best first): how the ranker saw them, the best two facts' own signals,
 * and whether any candidate's "does not say" question is close (a near-miss of a fact ranked lower).
 */
export function answerFeatures(judged: readonly { p: number; features: readonly number[] }[]): number[] {
  const [best, second] = judged;
  const p1 = best?.p ?? 0;
  const p2 = second?.p ?? 0;
  const top = best?.features ?? [];
  const clipped = Math.min(Math.max(p1, 1e-4), 1 - 1e-4);
  const sem = top[SEM] ?? 0;
  const lex = top[LEX] ?? 0;
  const most = (i: number) => Math.max(0, ...judged.map((j) => j.features[i] ?? 0));
  return [
    p1,
    p2,
    p1 - p2,
    Math.log(clipped / (1 - clipped)) / 5,
    p1 * p1,
    p1 * sem,
    p1 * lex,
    lex * sem,
    most(MISS),
    most(MISS_ABOVE),
    most(LEX_MISS),
    most(LEX_MISS_ABOVE),
    judged.filter((j) => j.p >= p1 / 2).length / PER_SIGNAL,
    ...top,
    ...FEATURES.map((_, i) => second?.features[i] ?? 0),
  ];
}
