/** L2-regularised logistic regression fitted by Newton's method: deterministic, no library, a few dozen features. */
export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  lambda = 1,
): { weights: number[]; bias: number } {
  const d = (rows[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  const x = (r: readonly number[], j: number) => (j < d - 1 ? (r[j] as number) : 1);
  for (let iter = 0; iter < 100; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((r, i) => {
      let z = 0;
      for (let j = 0; j < d; j++) z += (w[j] as number) * x(r, j);
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p);
      for (let j = 0; j < d; j++) {
        const xj = x(r, j);
        if (xj === 0) continue;
        grad[j] = (grad[j] as number) + (p - (labels[i] as number)) * xj;
        const row = hess[j] as number[];
        for (let k = 0; k < d; k++) row[k] = (row[k] as number) + s * xj * x(r, k);
      }
    });
    // The bias is not shrunk.
    for (let j = 0; j < d - 1; j++) {
      grad[j] = (grad[j] as number) + lambda * (w[j] as number);
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + lambda;
    }
    (hess[d - 1] as number[])[d - 1] = ((hess[d - 1] as number[])[d - 1] as number) + 1e-6;
    const step = solve(hess, grad);
    let size = 0;
    for (let j = 0; j < d; j++) {
      w[j] = (w[j] as number) - (step[j] as number);
      size = Math.max(size, Math.abs(step[j] as number));
    }
    if (size < 1e-9) break;
  }
  return { weights: w.slice(0, d - 1), bias: w[d - 1] as number };
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const top = m[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const row = m[r] as number[];
      const f = (row[c] as number) / (top[c] as number);
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (top[k] as number);
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] as number;
    for (let k = r + 1; k < n; k++) s -= (row[k] as number) * (out[k] as number);
    out[r] = s / (row[r] as number);
  }
  return out;
}
