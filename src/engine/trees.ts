import { z } from 'zod';

/** A regression tree: a leaf value, or a split on feature `f` at threshold `t` (≤ goes left). */
export type Tree = number | { f: number; t: number; l: Tree; r: Tree };

export const treeSchema: z.ZodType<Tree> = z.lazy(() =>
  z.union([
    z.number(),
    z.strictObject({ f: z.number().int().min(0), t: z.number(), l: treeSchema, r: treeSchema }),
  ]),
);

/** Gradient-boosted trees for a probability: a sum of small trees on the logit scale. */
export const boostedSchema = z.strictObject({
  features: z.array(z.string()),
  /** Shrinkage each tree's output was fitted with. */
  rate: z.number().positive(),
  trees: z.array(treeSchema),
});
export type Boosted = z.infer<typeof boostedSchema>;

export function leafOf(tree: Tree, x: readonly number[]): number {
  let node = tree;
  while (typeof node !== 'number') node = (x[node.f] as number) <= node.t ? node.l : node.r;
  return node;
}

export function boostedProbability(model: Pick<Boosted, 'rate' | 'trees'>, x: readonly number[]): number {
  let z = 0;
  for (const tree of model.trees) z += model.rate * leafOf(tree, x);
  return 1 / (1 + Math.exp(-z));
}
