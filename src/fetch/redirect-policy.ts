import { FetchError } from './fetch-error.js';
import { parseTarget, seconds } from './fetch-target.js';

export interface RedirectLimits {
  maxRedirects: number;
  allowPrivateNetwork: boolean;
  /** The request's whole time budget, for the timeout message. */
  timeoutMs: number;
}

/**
 * The next hop of a redirect chain, checked like the first URL, or an error: a loop,
 * more than `maxRedirects` hops, or the time budget spent. `visited` (the chain so far,
 * starting with the requested URL) gets the new hop appended.
 */
export function nextHop(location: string, from: URL, visited: string[], requested: string, budgetLeftMs: number, limits: RedirectLimits): URL {
  const next = parseTarget(location, limits.allowPrivateNetwork, from);
  if (visited.includes(next.href)) {
    throw new FetchError('too-many-redirects', `redirect loop: ${[...visited, next.href].join(' -> ')}`, { url: requested });
  }
  visited.push(next.href);
  if (visited.length - 1 > limits.maxRedirects) {
    throw new FetchError('too-many-redirects', `more than ${limits.maxRedirects} redirects from ${requested} (last: ${next.href})`, { url: requested });
  }
  if (budgetLeftMs <= 0) {
    throw new FetchError('timeout', `no complete response from ${requested} within ${seconds(limits.timeoutMs)} (${visited.length - 1} redirects)`, { url: requested });
  }
  return next;
}
