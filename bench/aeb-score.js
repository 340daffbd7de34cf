// The Article Extraction Benchmark's scorer, re-implemented from the description in
// shared/conformance/articles/README.md (upstream evaluate.py): \w+ tokens, bags of
// 4-token shingles, per-page normalized (tp, fp, fn), macro-averaged P and R, F1 from them.

const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Python's `re.findall(r'\w+', text)` on Unicode text. */
export function tokenize(text) {
  return text.match(TOKEN) ?? [];
}

/** Bag of n-token shingles; 1..n-1 tokens give one shorter shingle, none gives none. */
export function shingles(text, n = 4) {
  const tokens = tokenize(text);
  const bag = new Map();
  if (tokens.length === 0) return bag;
  const count = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < count; i++) {
    // \u0001 cannot occur inside a \w token, so joined keys are unambiguous.
    const key = tokens.slice(i, i + n).join('\u0001');
    bag.set(key, (bag.get(key) ?? 0) + 1);
  }
  return bag;
}

/** Normalized (tp, fp, fn) for one page: truth T against prediction P. */
export function pageCounts(truth, prediction, n = 4) {
  const t = shingles(truth, n);
  const p = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, tc] of t) {
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fn += Math.max(0, tc - pc);
  }
  for (const [key, pc] of p) {
    const tc = t.get(key) ?? 0;
    fp += Math.max(0, pc - tc);
  }
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

function precision({ tp, fp, fn }) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recall({ tp, fp, fn }) {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

function sameTokens(a, b) {
  const x = tokenize(a);
  const y = tokenize(b);
  return x.length === y.length && x.every((tok, i) => tok === y[i]);
}

/**
 * Score predictions against the ground truth. Both map page id → articleBody text;
 * a missing prediction counts as "". `ids` restricts the score to some pages (a held-out half).
 */
export function evaluate(truth, predictions, ids = Object.keys(truth)) {
  const pages = [];
  for (const id of ids) {
    const t = truth[id] ?? '';
    const p = predictions[id] ?? '';
    const c = pageCounts(t, p);
    pages.push({ id, ...c, precision: precision(c), recall: recall(c), exact: sameTokens(t, p) });
  }
  const pPages = pages.filter((c) => c.tp + c.fp > 0);
  const rPages = pages.filter((c) => c.tp + c.fn > 0);
  const P = pPages.reduce((s, c) => s + c.precision, 0) / (pPages.length || 1);
  const R = rPages.reduce((s, c) => s + c.recall, 0) / (rPages.length || 1);
  const F1 = P + R > 0 ? (2 * P * R) / (P + R) : 0;
  const accuracy = pages.filter((c) => c.exact).length / (pages.length || 1);
  return { f1: F1, precision: P, recall: R, accuracy, pages };
}

/** `{ id: { articleBody } }`, or that wrapped as `{ version, output: {...} }`, → id → text. */
export function bodies(json) {
  const obj = json && typeof json === 'object' && 'output' in json ? json.output : json;
  const out = {};
  for (const [id, v] of Object.entries(obj)) out[id] = (v && v.articleBody) || '';
  return out;
}
