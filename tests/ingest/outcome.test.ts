import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/feed/feed-parse-error.js';
import { FetchError } from '../../src/fetch/fetch-error.js';
import { articleFailure, feedFailure, StoreRefusedError, storedOutcome } from '../../src/ingest/outcome.js';

// The pipeline's failure rules, which both drivers (ingest --once and the workers) follow.

const fetchError = (kind: ConstructorParameters<typeof FetchError>[0], extra: { retryAfterMs?: number } = {}) =>
  new FetchError(kind, `${kind} at https://example.com/a`, { url: 'https://example.com/a', ...extra });

describe('articleFailure: kind and what happens next', () => {
  it.each([
    ['a timeout is retried', fetchError('timeout'), 'timeout', 'retry'],
    ['a 503 is retried', fetchError('http-server-error'), 'http-server-error', 'retry'],
    ['a 429 is retried', fetchError('rate-limited'), 'rate-limited', 'retry'],
    ['a 404 is remembered as seen', fetchError('not-found'), 'not-found', 'mark-seen'],
    ['a page too large is remembered as seen', fetchError('too-large'), 'too-large', 'mark-seen'],
    ['a refused private address is remembered as seen', fetchError('private-address'), 'private-address', 'mark-seen'],
    ['the store refusing an article is retried', new StoreRefusedError('database is locked'), 'store-error', 'retry'],
    ['an extractor crash is remembered as seen', new TypeError('cannot read x of undefined'), 'extract-error', 'mark-seen'],
    ['a thrown string is remembered as seen', 'boom', 'extract-error', 'mark-seen'],
  ])('%s', (_n, err, kind, then) => {
    expect(articleFailure(err)).toMatchObject({ kind, then });
  });

  it('keeps the message', () => {
    expect(articleFailure(new StoreRefusedError('disk full')).message).toBe('disk full');
  });
});

describe('feedFailure: the kind stored on the feed', () => {
  it.each([
    ['a fetch failure keeps its kind', fetchError('tls'), 'tls'],
    ['an empty document', new FeedParseError('empty', 'empty'), 'feed-empty'],
    ['an HTML page', new FeedParseError('not-a-feed', 'html'), 'feed-not-a-feed'],
    ['a truncated feed', new FeedParseError('malformed', 'cut'), 'feed-malformed'],
    ['anything else is ours', new Error('bug'), 'internal'],
  ])('%s → %s', (_n, err, kind) => {
    expect(feedFailure(err).kind).toBe(kind);
  });

  it('carries Retry-After for the next check', () => {
    expect(feedFailure(fetchError('rate-limited', { retryAfterMs: 120_000 })).retryAfterMs).toBe(120_000);
    expect(feedFailure(fetchError('timeout'))).not.toHaveProperty('retryAfterMs');
  });
});

describe('storedOutcome', () => {
  it.each([
    ['inserted', { status: 'inserted', articleId: 3, events: 2 }, { status: 'inserted', articleId: 3, events: 2 }],
    ['a duplicate by URL', { status: 'duplicate', articleId: 3, reason: 'url' }, { status: 'duplicate', articleId: 3 }],
    ['a duplicate by content', { status: 'duplicate', articleId: 4, reason: 'content' }, { status: 'duplicate', articleId: 4 }],
  ] as const)('%s', (_n, saved, want) => {
    expect(storedOutcome(saved)).toEqual(want);
  });

  it('a refusal throws the error that says "retry"', () => {
    let thrown: unknown;
    try {
      storedOutcome({ status: 'failed', error: 'SQLITE_FULL' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StoreRefusedError);
    expect(articleFailure(thrown)).toEqual({ kind: 'store-error', message: 'SQLITE_FULL', then: 'retry' });
  });
});
