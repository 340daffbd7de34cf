import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Tests that run the built code (the CLI as users run it, worker threads) need dist/. `npm test`
// builds first; run alone, they fail here with what to do, rather than skip silently
// or test an old build.

export const repoRoot = resolve(import.meta.dirname, '..');
export const bin = join(repoRoot, 'bin', 'newsmon.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Throws unless dist/ holds a build at least as new as every source file under src/ and workers/. */
export function requireBuiltDist(): void {
  const main = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error('dist/ is missing: these tests run the built CLI; run "npm run build" (npm test does)');
  const built = statSync(main).mtimeMs;
  const source = Math.max(newestSource(join(repoRoot, 'src')), newestSource(join(repoRoot, 'workers')));
  if (source > built) throw new Error('dist/ is older than src/: run "npm run build" (npm test does) so these tests run the current CLI');
}
