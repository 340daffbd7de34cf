import { isIP } from 'node:net';

// Which addresses a feed URL may make newsmon connect to. Pure: strings in, booleans out.
// A feed is untrusted input; without this check it could point newsmon at the cloud
// metadata service or an admin page on the LAN (server-side request forgery).

type V4Range = readonly [base: number, prefix: number, why: string];

const ip4 = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// RFC 6890 special-purpose blocks that are not the public internet.
const V4_BLOCKED: readonly V4Range[] = [
  [ip4(0, 0, 0, 0), 8, 'this-network'],
  [ip4(10, 0, 0, 0), 8, 'private'],
  [ip4(100, 64, 0, 0), 10, 'carrier-grade NAT'],
  [ip4(127, 0, 0, 0), 8, 'loopback'],
  [ip4(169, 254, 0, 0), 16, 'link-local (cloud metadata)'],
  [ip4(172, 16, 0, 0), 12, 'private'],
  [ip4(192, 0, 0, 0), 24, 'IETF protocol assignments'],
  [ip4(192, 0, 2, 0), 24, 'documentation'],
  [ip4(192, 168, 0, 0), 16, 'private'],
  [ip4(198, 18, 0, 0), 15, 'benchmarking'],
  [ip4(198, 51, 100, 0), 24, 'documentation'],
  [ip4(203, 0, 113, 0), 24, 'documentation'],
  [ip4(224, 0, 0, 0), 4, 'multicast'],
  [ip4(240, 0, 0, 0), 4, 'reserved/broadcast'],
];

function parseV4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n >>> 0;
}

function v4Reason(text: string): string | null {
  const n = parseV4(text);
  if (n === null) return 'unparseable IPv4 address';
  for (const [base, prefix, why] of V4_BLOCKED) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if (((n & mask) >>> 0) === base) return why;
  }
  return null;
}

/** Eight 16-bit groups, or null. Accepts `::` compression, an embedded dotted quad and a zone id. */
function parseV6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const toGroups = (h: string | undefined): number[] | null => {
    if (!h) return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]);
  const rest = toGroups(halves[1]);
  if (!head || !rest) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - rest.length;
  if (fill < 1) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...rest];
}

function embeddedV4(g: number[]): string {
  const hi = g[6] ?? 0;
  const lo = g[7] ?? 0;
  return `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;
}

/** The 32 bits at `bit` of the 128-bit address, skipping bits 64-71 (RFC 6052's "u" octet). */
function v4At(g: number[], bit: number): string {
  const bytes = g.flatMap((x) => [x >>> 8, x & 0xff]);
  const out: number[] = [];
  for (let i = bit / 8; out.length < 4; i++) if (i !== 8) out.push(bytes[i] ?? 0);
  return out.join('.');
}

/**
 * 64:ff9b:1::/48 is the local-use NAT64 prefix: the operator picks a prefix of 48, 56, 64
 * or 96 bits inside it, so the IPv4 part may sit in any of those places (RFC 6052 §2.2).
 * Every layout the address is consistent with (u octet and suffix zero) is checked; any
 * private reading refuses it.
 */
function nat64LocalReason(g: number[]): string | null {
  const bytes = g.flatMap((x) => [x >>> 8, x & 0xff]);
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const layouts: Array<[prefixBits: number, fits: boolean]> = [
    [96, true],
    [64, zero(8, 9) && zero(13, 16)],
    [56, zero(8, 9) && zero(12, 16)],
    [48, zero(8, 9) && zero(11, 16)],
  ];
  for (const [bits, fits] of layouts) {
    if (!fits) continue;
    const why = v4Reason(v4At(g, bits));
    if (why !== null) return `NAT64 (local-use, /${bits}) of ${why}`;
  }
  return null;
}

function v6Reason(text: string): string | null {
  const g = parseV6(text);
  if (!g) return 'unparseable IPv6 address';
  const [g0 = 0, g1 = 0, , , , g5 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and the deprecated ::a.b.c.d (compatible) reach the IPv4 host.
  if (zeroUpTo(5) && g5 === 0xffff) return v4Reason(embeddedV4(g));
  if (zeroUpTo(6)) return v4Reason(embeddedV4(g));
  // NAT64 (RFC 6052, RFC 8215): the translator connects to the embedded IPv4 address, so
  // the address is as private as that one.
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Reason(embeddedV4(g));
  if (g0 === 0x64 && g1 === 0xff9b && g[2] === 1) return nat64LocalReason(g);
  // Teredo 2001:0::/32 tunnels to an IPv4 host behind a NAT through a relay of anyone's
  // choosing: no way to know where it lands, so it is never fetched.
  if (g0 === 0x2001 && g1 === 0) return 'Teredo tunnel (2001::/32)';
  if (g0 === 0x2002) return v4Reason(`${g1 >>> 8}.${g1 & 0xff}.${(g[2] ?? 0) >>> 8}.${(g[2] ?? 0) & 0xff}`); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  return null;
}

/** Why `address` (an IP literal) is not a public internet address, or null when it is. */
export function privateAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0] ?? '');
  if (family === 4) return v4Reason(bare);
  if (family === 6) return v6Reason(bare);
  return 'not an IP address';
}

export function isPrivateAddress(address: string): boolean {
  return privateAddressReason(address) !== null;
}

/** Names that mean "this machine" or the local network whatever DNS says (RFC 6761, RFC 6762). */
export function isLocalHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h === 'localhost.localdomain' || h.endsWith('.internal');
}
