import { describe, expect, it } from 'vitest';
import { collapse } from '../../src/text/whitespace.js';

describe('collapse', () => {
  it.each([
    ['runs of mixed whitespace', ' a \t\n b  c ', 'a b c'],
    ['non-breaking and ideographic spaces count as whitespace', 'a\u00a0\u3000b', 'a b'],
    ['empty', '   ', ''],
  ])('%s', (_name, input, want) => {
    expect(collapse(input)).toBe(want);
  });
});
