import { shuffle } from './tag-logistic.js';

/**
 * A small multi-label network over the tagger's binary features: one hidden ReLU layer
 * shared by every tag, one log-odds output per tag. The linear scorer (tag-scorer.ts)
 * gives each feature a fixed vote per tag; the hidden layer can learn which features
 * matter together ("TFLOPS" with a rival's name is a comparison, without one a spec), and
 * the rare tags share what the common ones teach it. Trained by AdaGrad on class-weighted
 * cross-entropy in a seeded order, so the same data always gives the same weights.
 */
export interface MlpOptions {
  hidden: number;
  epochs: number;
  rate: number;
  l2: number;
}

/**
 * Chosen by 5-fold CV by page on round four's training side, three fold draws, tag-set F1
 * with the linear scorer: 32 units, 10 epochs 0.824 and 64 units, 15 epochs 0.829 over
 * features seen three times; over features seen twice 64/15 0.834, 96/15 0.834, 64/25
 * 0.835 (the linear scorer alone: 0.821, 0.822).
 */
export const MLP_DEFAULTS: MlpOptions = { hidden: 64, epochs: 15, rate: 0.05, l2: 1e-5 };

/** Weights: w1[f * hidden + a] (feature f to unit a), w2[a * outputs + t] (unit a to tag t). */
export interface Mlp {
  hidden: number;
  outputs: number;
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
}

/** The hidden layer for a list of distinct feature indices (written into `h`); each feature's row of w1 is read in order. */
function forwardHidden(m: Mlp, x: readonly number[], h: Float64Array): void {
  const H = m.hidden;
  h.set(m.b1);
  for (const f of x) {
    const base = f * H;
    for (let a = 0; a < H; a++) h[a]! += m.w1[base + a] as number;
  }
  for (let a = 0; a < H; a++) if ((h[a] as number) < 0) h[a] = 0;
}

/** How a network is saved in model.json. */
export interface MlpJson {
  hidden: number;
  /** w1 as little-endian 16-bit integers in base64, each times w1Scale: a tenth of the size of a JSON array, and parsed as one string. */
  w1: string;
  w1Scale: number;
  b1: number[];
  w2: number[];
  b2: number[];
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function mlpToJson(m: Mlp): MlpJson {
  const max = m.w1.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const scale = max > 0 ? max / 32767 : 1;
  const buf = Buffer.alloc(m.w1.length * 2);
  m.w1.forEach((v, i) => buf.writeInt16LE(Math.round(v / scale), i * 2));
  return { hidden: m.hidden, w1: buf.toString('base64'), w1Scale: scale, b1: Array.from(m.b1, round), w2: Array.from(m.w2, round), b2: Array.from(m.b2, round) };
}

export function mlpFromJson(j: MlpJson, outputs: number): Mlp {
  const buf = Buffer.from(j.w1, 'base64');
  const w1 = new Float64Array(buf.length / 2);
  // A typed view reads the 16-bit values far faster than one call per value (start-up time).
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  for (let i = 0; i < w1.length; i++) w1[i] = view.getInt16(i * 2, true) * j.w1Scale;
  return { hidden: j.hidden, outputs, w1, b1: Float64Array.from(j.b1), w2: Float64Array.from(j.w2), b2: Float64Array.from(j.b2) };
}

/** The hidden layer's values while scoring one sentence (scoring is synchronous, so one buffer serves every call). */
let scratch = new Float64Array(64);

/** Adds `scale` times the network's per-tag log-odds for distinct feature indices `x` to `out`. */
export function addMlpScores(m: Mlp, x: readonly number[], out: Float64Array, scale = 1): void {
  if (scratch.length < m.hidden) scratch = new Float64Array(m.hidden);
  const h = scratch.subarray(0, m.hidden);
  forwardHidden(m, x, h);
  const K = m.outputs;
  for (let t = 0; t < K; t++) {
    let s = m.b2[t] as number;
    for (let a = 0; a < m.hidden; a++) s += (h[a] as number) * (m.w2[a * K + t] as number);
    out[t]! += scale * s;
  }
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** An AdaGrad step on one weight: g2 holds the running sum of squared gradients. */
function step(w: Float64Array, g2: Float64Array, i: number, g: number, rate: number): void {
  g2[i]! += g * g;
  w[i]! -= (rate * g) / Math.sqrt(g2[i] as number);
}

/**
 * Trains on examples given as distinct feature indices below `size`, with y[i][t] whether
 * example i carries output t. Positives of each output are weighted by
 * sqrt(negatives / positives), as the logistic regression does, so a rare tag is not drowned out.
 */
export function trainMlp(x: readonly number[][], y: readonly boolean[][], size: number, outputs: number, opts: MlpOptions = MLP_DEFAULTS): Mlp {
  const H = opts.hidden;
  const K = outputs;
  const random = seeded(7);
  const m: Mlp = {
    hidden: H,
    outputs: K,
    w1: new Float64Array(size * H).map(() => (random() - 0.5) * 0.2),
    b1: new Float64Array(H),
    w2: new Float64Array(H * K).map(() => (random() - 0.5) * 0.2),
    b2: new Float64Array(K),
  };
  const g = { w1: new Float64Array(size * H).fill(1e-8), b1: new Float64Array(H).fill(1e-8), w2: new Float64Array(H * K).fill(1e-8), b2: new Float64Array(K).fill(1e-8) };
  const posWeight = Array.from({ length: K }, (_, t) => {
    const pos = y.filter((yi) => yi[t]).length;
    return pos > 0 ? Math.sqrt((y.length - pos) / pos) : 1;
  });
  const h = new Float64Array(H);
  const dz = new Float64Array(K);
  const dh = new Float64Array(H);
  const order = x.map((_, i) => i);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const xi = x[i] as number[];
      const yi = y[i] as boolean[];
      forwardHidden(m, xi, h);
      for (let t = 0; t < K; t++) {
        let s = m.b2[t] as number;
        for (let a = 0; a < H; a++) s += (h[a] as number) * (m.w2[a * K + t] as number);
        dz[t] = (1 / (1 + Math.exp(-s)) - (yi[t] ? 1 : 0)) * (yi[t] ? (posWeight[t] as number) : 1);
      }
      backward(m, g, xi, h, dz, dh, opts);
    }
  }
  return m;
}

/** Back-propagates the output errors `dz` of one example and takes the AdaGrad steps. */
function backward(m: Mlp, g: { w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: Float64Array }, xi: readonly number[], h: Float64Array, dz: Float64Array, dh: Float64Array, opts: MlpOptions): void {
  const H = m.hidden;
  const K = m.outputs;
  dh.fill(0);
  for (let a = 0; a < H; a++) {
    if ((h[a] as number) <= 0) continue;
    for (let t = 0; t < K; t++) dh[a]! += (dz[t] as number) * (m.w2[a * K + t] as number);
  }
  for (let a = 0; a < H; a++) {
    for (let t = 0; t < K; t++) step(m.w2, g.w2, a * K + t, (dz[t] as number) * (h[a] as number) + opts.l2 * (m.w2[a * K + t] as number), opts.rate);
  }
  for (let t = 0; t < K; t++) step(m.b2, g.b2, t, dz[t] as number, opts.rate);
  for (let a = 0; a < H; a++) {
    const d = dh[a] as number;
    if (d === 0) continue;
    step(m.b1, g.b1, a, d, opts.rate);
    for (const f of xi) step(m.w1, g.w1, f * H + a, d + opts.l2 * (m.w1[f * H + a] as number), opts.rate);
  }
}
