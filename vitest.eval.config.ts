import { defineConfig } from 'vitest/config';

// `npm run eval`: quality evaluations (accuracy on labelled sets, the AEB benchmark) and
// stress cases that are slow by design. CI runs them after `npm test`; they are kept out
// of `npm test` so that stays fast. An evaluation that needs ../shared skips without it.
export default defineConfig({
  test: {
    include: ['tests/**/*.eval.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
