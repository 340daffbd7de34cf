import { describe, test } from 'vitest';
import { expectDeepNestingParses } from './deep-nesting.js';

// Stress cases, slow by design: `npm run eval`. parse-feed.test.ts keeps a 20,000-deep case.

describe('hostile feeds at full size', () => {
  test('100,000 nested elements neither overflow the stack nor lose the text', () => {
    expectDeepNestingParses(100_000);
  });
});
