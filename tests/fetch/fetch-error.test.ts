import { describe, expect, it } from 'vitest';
import { errorForStatus, errorFromNetwork, FetchError } from '../../src/fetch/fetch-error.js';
import { PrivateAddressError } from '../../src/fetch/guarded-lookup.js';
import { parseRetryAfter } from '../../src/fetch/retry-after.js';
import type { FetchErrorKind } from '../../src/fetch/types.js';

const URL_ = 'https://news.example/feed.xml';
const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('errorForStatus', () => {
  it.each<[number, FetchErrorKind, boolean]>([
    [400, 'http-client-error', false],
    [401, 'http-client-error', false],
    [403, 'http-client-error', false],
    [404, 'not-found', false],
    [408, 'timeout', true],
    [410, 'gone', false],
    [429, 'rate-limited', true],
    [500, 'http-server-error', true],
    [502, 'http-server-error', true],
    [503, 'http-server-error', true],
    [300, 'http-client-error', false],
  ])('HTTP %i → %s (retryable %s)', (status, kind, retryable) => {
    const e = errorForStatus(status, 'Msg', URL_);
    expect(e).toBeInstanceOf(FetchError);
    expect([e.kind, e.retryable, e.statusCode, e.url]).toEqual([kind, retryable, status, URL_]);
    expect(e.message).toContain(String(status));
  });

  it('carries Retry-After', () => {
    expect(errorForStatus(429, '', URL_, 120_000).retryAfterMs).toBe(120_000);
  });
});

describe('errorFromNetwork', () => {
  it.each<[string, unknown, FetchErrorKind, boolean]>([
    ['DNS not found', errno('ENOTFOUND'), 'dns', true],
    ['DNS try again', errno('EAI_AGAIN'), 'dns', true],
    ['refused', errno('ECONNREFUSED'), 'connection', true],
    ['reset', errno('ECONNRESET'), 'connection', true],
    ['unreachable', errno('EHOSTUNREACH'), 'connection', true],
    ['expired certificate', errno('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', false],
    ['self-signed', errno('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls', false],
    ['wrong host', errno('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls', false],
    ['ssl protocol', errno('EPROTO', 'SSL routines:wrong version number'), 'tls', false],
    ['socket timeout', errno('ETIMEDOUT'), 'timeout', true],
    ['bad HTTP', errno('HPE_INVALID_CONSTANT', 'Parse Error'), 'connection', false],
    ['private address from lookup', new PrivateAddressError('x.test', '10.0.0.1', 'private'), 'private-address', false],
    ['anything else', new Error('weird'), 'connection', true],
  ])('%s', (_n, err, kind, retryable) => {
    const e = errorFromNetwork(err, URL_);
    expect([e.kind, e.retryable]).toEqual([kind, retryable]);
    expect(e.message).not.toBe('');
  });

  it('passes a FetchError through', () => {
    const e = new FetchError('too-large', 'big', { url: URL_ });
    expect(errorFromNetwork(e, 'other')).toBe(e);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it.each<[string, string | undefined, number | undefined]>([
    ['delta seconds', '120', 120_000],
    ['zero', '0', 0],
    ['HTTP-date ahead', 'Sun, 01 Jun 2025 12:01:30 GMT', 90_000],
    ['HTTP-date past', 'Sun, 01 Jun 2025 11:00:00 GMT', 0],
    ['RFC 850 date', 'Sunday, 01-Jun-25 12:00:10 GMT', 10_000],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['garbage', 'soon', undefined],
    ['negative', '-5', undefined],
    ['fraction', '1.5', undefined],
  ])('%s', (_n, value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});
