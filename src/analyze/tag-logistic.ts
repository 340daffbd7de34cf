/**
 * L2-regularised logistic regression for one yes/no tag over binary features (each example
 * is the list of its feature indices). AdaGrad over the examples in a seeded shuffled order,
 * so the same data always gives the same weights.
 */
export interface LogisticOptions {
  epochs: number;
  rate: number;
  l2: number;
  /** Weight positives by sqrt(negatives / positives), so a rare tag's few examples are not drowned out. */
  balance?: boolean;
}

/** Fisher–Yates in place, drawing from `random` (seeded by the caller, so training repeats exactly). */
export function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

export const LOGISTIC_DEFAULTS: LogisticOptions = { epochs: 20, rate: 0.3, l2: 0.01, balance: true };

export function trainLogistic(x: readonly number[][], y: readonly boolean[], size: number, opts: LogisticOptions = LOGISTIC_DEFAULTS): { bias: number; w: Float64Array } {
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let gBias = 1e-8;
  const order = x.map((_, i) => i);
  const pos = y.filter(Boolean).length;
  const posWeight = opts.balance && pos > 0 ? Math.sqrt((y.length - pos) / pos) : 1;
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const xi = x[i] as number[];
      let z = bias;
      for (const f of xi) z += w[f] as number;
      const err = (1 / (1 + Math.exp(-z)) - (y[i] ? 1 : 0)) * (y[i] ? posWeight : 1);
      gBias += err * err;
      bias -= (opts.rate * err) / Math.sqrt(gBias);
      for (const f of xi) {
        const g = err + opts.l2 * (w[f] as number);
        g2[f]! += g * g;
        w[f]! -= (opts.rate * g) / Math.sqrt(g2[f] as number);
      }
    }
  }
  return { bias, w };
}
