import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    // Quality evaluations and stress cases run with `npm run eval` (vitest.eval.config.ts).
    exclude: ['**/node_modules/**', 'dist/**', '**/*.eval.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
