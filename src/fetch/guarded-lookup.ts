import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isLocalHostname, privateAddressReason } from './address-policy.js';

/** Resolves a host name to its addresses; injectable so tests can fake DNS. */
export type HostResolver = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Raised inside the socket's lookup; the client turns it into FetchError kind 'private-address'. */
export class PrivateAddressError extends Error {
  readonly code = 'ERR_NEWSMON_PRIVATE_ADDRESS';
  constructor(readonly host: string, readonly address: string, readonly reason: string) {
    const what = reason.endsWith(' name') ? `a ${reason}` : `a ${reason} address`;
    super(address === host ? `${host} is ${what}` : `${host} resolves to ${address}, ${what}`);
    this.name = 'PrivateAddressError';
  }
}

/** The refusal for a URL host known before any DNS query: a literal IP or a local name. */
export function literalHostRefusal(hostname: string): PrivateAddressError | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isLocalHostname(bare)) return new PrivateAddressError(bare, bare, 'local-only host name');
  const reason = privateAddressReason(bare);
  if (reason === null || reason === 'not an IP address') return null;
  return new PrivateAddressError(bare, bare, reason);
}

/**
 * A `lookup` for net/http sockets that resolves with `resolve` and, unless private
 * addresses are allowed, fails when ANY address is private. Checking here, at connect
 * time, is what stops DNS rebinding: the name is resolved once and the checked address is
 * the one connected to. Serves both call shapes Node uses (`all: true` when
 * autoSelectFamily is on, the Node 20 default, and the single-address form).
 */
export function guardedLookup(resolve: HostResolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const wantAll = options.all === true;
    const family = typeof options.family === 'number' ? options.family : 0;
    resolve(hostname).then(
      (found) => {
        const candidates = found.filter((a) => family === 0 || a.family === family);
        if (candidates.length === 0) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
          callback(err, wantAll ? [] : '', 0);
          return;
        }
        if (!allowPrivate) {
          for (const a of candidates) {
            const reason = privateAddressReason(a.address);
            if (reason !== null) {
              callback(new PrivateAddressError(hostname, a.address, reason), wantAll ? [] : '', 0);
              return;
            }
          }
        }
        if (wantAll) {
          const all: LookupAddress[] = candidates.map((a) => ({ address: a.address, family: a.family }));
          callback(null, all);
        } else {
          const first = candidates[0] as { address: string; family: number };
          callback(null, first.address, first.family);
        }
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, wantAll ? [] : '', 0),
    );
  };
}
