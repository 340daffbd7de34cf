import { errorFromNetwork, FetchError } from './fetch-error.js';
import { literalHostRefusal } from './guarded-lookup.js';

/**
 * A URL the client will fetch: absolute (resolved against `base` for a redirect),
 * http or https, without its fragment, and — unless private networks are allowed — not a
 * literal private address (names are checked again at DNS time).
 */
export function parseTarget(raw: string, allowPrivateNetwork: boolean, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new FetchError('invalid-url', `invalid URL "${raw}"${base ? ` (redirect from ${base.href})` : ''}`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid-url', `refused to fetch ${url.href}: only http and https URLs are fetched`, { url: url.href });
  }
  url.hash = '';
  if (!allowPrivateNetwork) {
    const refusal = literalHostRefusal(url.hostname);
    if (refusal) throw errorFromNetwork(refusal, url.href);
  }
  return url;
}

/** A duration for error messages: "30 s", "2.5 s". */
export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
