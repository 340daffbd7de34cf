// One key per story URL, so the same article reached through a tracking link, over http
// instead of https, or with its query in another order is stored once. The key is for
// deduplication only; newsmon always fetches the URL the feed gave.

// Query parameters that identify a campaign or a click, never the page.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'mkt_tok',
  '_hsenc', '_hsmi', 'hsctatracking', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'rb_clickid', 's_cid', 'cmpid',
  'ncid', 'sr_share', 'share', 'spm', 'scm', 'from', 'tracking', 'src', 'ref', 'ref_src', 'ref_url', 'taid', 'guccounter',
  '__twitter_impression', 'wt_mc', 'at_medium', 'at_campaign', 'ito', 'cid', 'ocid', 'smid', 'partner', 'via',
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('mtm_') || TRACKING_PARAMS.has(n);
}

/**
 * The dedupe key of a URL: https, host lower-cased without "www.", no default port, no
 * fragment, no tracking parameters, remaining parameters sorted, no trailing "/" on a
 * non-root path. Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !isTrackingParam(name))
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  let path = url.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `https://${host}${port}${path}${query}`;
}
