import { describe, expect, it } from 'vitest';
import { parseRoles } from '../../src/cli/run.js';

describe('run --roles', () => {
  it.each([
    [undefined, ['poll', 'extract', 'store', 'digest', 'api']],
    ['extract', ['extract']],
    ['poll, store,poll', ['poll', 'store']],
  ])('parseRoles(%s)', (text, want) => expect(parseRoles(text)).toEqual(want));

  it.each(['', 'poll,scrape'])('parseRoles rejects %j', (text) => expect(() => parseRoles(text)).toThrow(/--roles/));
});
