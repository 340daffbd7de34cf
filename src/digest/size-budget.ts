// Gmail clips a message whose HTML passes ~102 KB and hides the rest behind a link, so the
// digest must fit. The lowest-ranked stories give way first: they collapse into one line
// with their count and a link to the web page's view of the day. Pure.

export const HTML_BUDGET_BYTES = 102 * 1024;

export interface Fitted<T> {
  html: string;
  shown: T[];
  /** How many of the ranked items were collapsed into the count. */
  collapsed: number;
}

// The first prefix tried; it doubles while it fits. A busy day ranks 11,000 stories and
// about 300 fit, so rendering all of them first (then halves of them) cost more than the rest of
// the digest's ranking.
const FIRST_TRY = 32;

/**
 * The most of `ranked` (a prefix, best first) whose rendering fits in `budget` bytes of UTF-8.
 * `render(shown, collapsed)` must grow with `shown`; it is called O(log n) times, on
 * prefixes at most twice as long as the answer.
 */
export function fitToBudget<T>(
  ranked: readonly T[],
  render: (shown: readonly T[], collapsed: number) => string,
  budget = HTML_BUDGET_BYTES,
): Fitted<T> {
  const fits = (n: number): string | null => {
    const html = render(ranked.slice(0, n), ranked.length - n);
    return Buffer.byteLength(html, 'utf8') <= budget ? html : null;
  };
  let lo = 0; // fits(lo) is known (or lo is 0)
  let hi = ranked.length; // fits(hi) is not, once the doubling stops short
  let best: string | null = null;
  for (let n = Math.min(FIRST_TRY, ranked.length); ; n = Math.min(2 * n, ranked.length)) {
    const html = fits(n);
    if (html === null) {
      hi = n;
      break;
    }
    if (n === ranked.length) return { html, shown: [...ranked], collapsed: 0 };
    [lo, best] = [n, html];
  }
  best ??= fits(0);
  if (best === null) throw new RangeError(`the digest does not fit in ${budget} bytes even with every story collapsed`);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const html = fits(mid);
    if (html !== null) {
      lo = mid;
      best = html;
    } else hi = mid;
  }
  return { html: best, shown: ranked.slice(0, lo), collapsed: ranked.length - lo };
}

/** The web page's view of the day: `/?since=…&until=…` under the configured base URL. */
export function dayViewUrl(webBase: string, range: { start: string; end: string }): string {
  const base = webBase.replace(/\/+$/, '');
  return `${base}/?since=${encodeURIComponent(range.start)}&until=${encodeURIComponent(range.end)}`;
}

/** Power-table rows a mail shows at most: a busy day states hundreds, and they do not collapse with the stories. */
export const POWER_ROWS = 25;

/** The rows shown (most sources first, then table order, kept in table order) and how many are left out. */
export function shownPowerRows<T extends { sources: readonly unknown[] }>(rows: readonly T[], max = POWER_ROWS): { rows: T[]; more: number } {
  if (rows.length <= max) return { rows: [...rows], more: 0 };
  const keep = new Set(
    rows
      .map((r, i) => ({ i, n: r.sources.length }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, max)
      .map((x) => x.i),
  );
  return { rows: rows.filter((_, i) => keep.has(i)), more: rows.length - max };
}
