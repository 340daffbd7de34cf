import { describe, expect, it } from 'vitest';
import { isLocalHostname, privateAddressReason } from '../../src/fetch/address-policy.js';
import { guardedLookup, literalHostRefusal } from '../../src/fetch/guarded-lookup.js';

const addresses: Array<[name: string, address: string, refused: boolean]> = [
  ['IPv4 loopback', '127.0.0.1', true],
  ['IPv4 loopback, other', '127.8.9.10', true],
  ['10/8', '10.1.2.3', true],
  ['172.16/12 low', '172.16.0.1', true],
  ['172.16/12 high', '172.31.255.255', true],
  ['just above 172.16/12', '172.32.0.1', false],
  ['192.168/16', '192.168.1.1', true],
  ['cloud metadata', '169.254.169.254', true],
  ['CGNAT', '100.64.0.1', true],
  ['CGNAT upper', '100.127.255.254', true],
  ['just above CGNAT', '100.128.0.1', false],
  ['0.0.0.0', '0.0.0.0', true],
  ['multicast', '224.0.0.251', true],
  ['broadcast', '255.255.255.255', true],
  ['public v4', '93.184.216.34', false],
  ['public v4 8.8.8.8', '8.8.8.8', false],
  ['IPv6 loopback', '::1', true],
  ['IPv6 unspecified', '::', true],
  ['IPv6 ULA', 'fd12:3456::1', true],
  ['IPv6 ULA fc', 'fc00::1', true],
  ['IPv6 link-local', 'fe80::1%eth0', true],
  ['IPv6 multicast', 'ff02::1', true],
  ['mapped loopback dotted', '::ffff:127.0.0.1', true],
  ['mapped private hex', '::ffff:a00:1', true],
  ['mapped public', '::ffff:8.8.8.8', false],
  ['NAT64 of private', '64:ff9b::10.0.0.1', true],
  ['NAT64 of loopback, hex', '64:ff9b::7f00:1', true],
  ['NAT64 of metadata', '64:ff9b::a9fe:a9fe', true],
  ['NAT64 of public', '64:ff9b::8.8.8.8', false],
  ['local-use NAT64 /96 of loopback', '64:ff9b:1::127.0.0.1', true],
  ['local-use NAT64 /96 of private, other subnet', '64:ff9b:1:abcd::10.1.2.3', true],
  ['local-use NAT64 /96 of public', '64:ff9b:1::8.8.8.8', false],
  ['local-use NAT64 /48 of loopback (7f00 | u | 0001)', '64:ff9b:1:7f00:1::', true],
  ['local-use NAT64 /64 of 192.168.1.1', '64:ff9b:1:0:c0:a801:100::', true],
  ['local-use NAT64 /56 of 10.0.0.1', '64:ff9b:1:a:0:1::', true],
  ['local-use NAT64 unspecified', '64:ff9b:1::', true],
  ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2', true],
  ['Teredo, compressed', '2001::1', true],
  ['just past Teredo (2001:1::/32 is not special here)', '2001:1::1', false],
  ['6to4 of private', '2002:c0a8:0101::1', true],
  ['bracketed v6', '[::1]', true],
  ['public v6', '2606:4700:4700::1111', false],
  ['documentation v6', '2001:db8::1', true],
];

describe('privateAddressReason', () => {
  it.each(addresses)('%s: %s', (_name, address, refused) => {
    expect(privateAddressReason(address) !== null).toBe(refused);
  });
});

describe('isLocalHostname', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['api.localhost', true],
    ['printer.local', true],
    ['metadata.google.internal', true],
    ['news.example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, local) => expect(isLocalHostname(host as string)).toBe(local));
});

describe('literalHostRefusal', () => {
  it.each([
    ['literal private IP', '10.0.0.1', true],
    ['bracketed v6 loopback (URL.hostname form)', '[::1]', true],
    ['local name', 'localhost', true],
    ['public name (left to DNS time)', 'example.com', false],
    ['public IP', '1.1.1.1', false],
  ])('%s', (_n, host, refused) => expect(literalHostRefusal(host as string) !== null).toBe(refused));
});

describe('guardedLookup', () => {
  const resolver = (map: Record<string, Array<{ address: string; family: number }>>) => async (h: string) => map[h] ?? [];
  const call = (lookup: ReturnType<typeof guardedLookup>, host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      lookup(host, { all }, (err, address) => resolve({ err, address })),
    );
  const dns = resolver({
    'public.test': [{ address: '93.184.216.34', family: 4 }],
    'rebind.test': [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }],
    'internal.test': [{ address: '10.0.0.7', family: 4 }],
  });

  it.each([
    ['public, single form', 'public.test', false, false, '93.184.216.34'],
    ['public, all form', 'public.test', true, false, [{ address: '93.184.216.34', family: 4 }]],
    ['one private address among public ones is refused', 'rebind.test', true, true, null],
    ['private address refused', 'internal.test', false, true, null],
  ])('%s', async (_n, host, all, refused, expected) => {
    const { err, address } = await call(guardedLookup(dns, false), host as string, all as boolean);
    if (refused) {
      expect(err?.code).toBe('ERR_NEWSMON_PRIVATE_ADDRESS');
    } else {
      expect(err).toBeNull();
      expect(address).toEqual(expected);
    }
  });

  it('allows private addresses when told to', async () => {
    const { err, address } = await call(guardedLookup(dns, true), 'internal.test', false);
    expect(err).toBeNull();
    expect(address).toBe('10.0.0.7');
  });

  it('reports an unknown name as ENOTFOUND', async () => {
    const { err } = await call(guardedLookup(dns, false), 'nowhere.test', true);
    expect(err?.code).toBe('ENOTFOUND');
  });
});
