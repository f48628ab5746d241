import type { Tree } from '../../src/engine/trees.js';

export interface BoostingOptions {
  rounds: number;
  depth: number;
  rate: number;
  /** No leaf holds fewer questions than this. */
  minLeaf: number;
  /** L2 shrinkage of leaf values. */
  lambda: number;
}

export const BOOSTING: BoostingOptions = { rounds: 150, depth: 3, rate: 0.1, minLeaf: 20, lambda: 1 };

/**
 * Gradient boosting of regression trees on the logistic loss (second-order, as XGBoost does), exact splits, no
 * sampling: the same rows give the same trees.
 */
export function fitBoosted(rows: readonly number[][], labels: readonly number[], o = BOOSTING): Tree[] {
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  // Row order by each feature, computed once; a node keeps the rows it holds in that order.
  const orders = Array.from({ length: width }, (_, f) =>
    Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (rows[a]?.[f] as number) - (rows[b]?.[f] as number),
    ),
  );
  const logit = new Float64Array(n);
  const trees: Tree[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(logit[i] as number)));
      g[i] = p - (labels[i] as number);
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree = grow(rows, g, h, orders, new Uint8Array(n).fill(1), o.depth, o);
    trees.push(tree);
    for (let i = 0; i < n; i++) logit[i] = (logit[i] as number) + o.rate * leaf(tree, rows[i] as number[]);
  }
  return trees;
}

function leaf(tree: Tree, x: number[]): number {
  let node = tree;
  while (typeof node !== 'number') node = (x[node.f] as number) <= node.t ? node.l : node.r;
  return node;
}

function grow(
  rows: readonly number[][],
  g: Float64Array,
  h: Float64Array,
  orders: number[][],
  member: Uint8Array,
  depth: number,
  o: BoostingOptions,
): Tree {
  let G = 0;
  let H = 0;
  let count = 0;
  for (let i = 0; i < member.length; i++)
    if (member[i]) {
      G += g[i] as number;
      H += h[i] as number;
      count++;
    }
  const value = Number((-G / (H + o.lambda)).toFixed(5));
  if (depth === 0 || count < 2 * o.minLeaf) return value;
  let best = { gain: 1e-9, f: -1, t: 0 };
  orders.forEach((order, f) => {
    let gl = 0;
    let hl = 0;
    let left = 0;
    let prev: number | undefined;
    for (const i of order) {
      if (!member[i]) continue;
      const v = rows[i]?.[f] as number;
      if (prev !== undefined && v !== prev && left >= o.minLeaf && count - left >= o.minLeaf) {
        const gain =
          (gl * gl) / (hl + o.lambda) +
          ((G - gl) * (G - gl)) / (H - hl + o.lambda) -
          (G * G) / (H + o.lambda);
        if (gain > best.gain) best = { gain, f, t: (prev + v) / 2 };
      }
      gl += g[i] as number;
      hl += h[i] as number;
      left++;
      prev = v;
    }
  });
  if (best.f < 0) return value;
  const leftSide = new Uint8Array(member.length);
  const rightSide = new Uint8Array(member.length);
  for (let i = 0; i < member.length; i++)
    if (member[i]) ((rows[i]?.[best.f] as number) <= best.t ? leftSide : rightSide)[i] = 1;
  return {
    f: best.f,
    t: best.t,
    l: grow(rows, g, h, orders, leftSide, depth - 1, o),
    r: grow(rows, g, h, orders, rightSide, depth - 1, o),
  };
}
