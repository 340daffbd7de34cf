import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Which file a config folder stands for: its own, else the one shipped with newsmon. Here,
// apart from the analyzer's loading, so a command that only reads the watch-list's names
// (digest, serve) does not load the tagger and its libraries (~250 ms of start-up).

export const ENTITIES_FILE = 'entities.yaml';

/** The config folder shipped with newsmon (source and compiled layouts), used for files a config folder lacks. */
function bundledConfigDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = resolve(here, up, 'config');
    if (existsSync(join(dir, ENTITIES_FILE))) return dir;
  }
  return resolve(here, '../..', 'config');
}

/** `<dir>/<file>` when it exists, else the bundled default. */
export function configFile(configDir: string, file: string): string {
  const own = join(configDir, file);
  return existsSync(own) ? own : join(bundledConfigDir(), file);
}

/** The watch-list file a config folder stands for: its own entities.yaml, else the bundled default. */
export function watchListFile(configDir: string): string {
  return configFile(configDir, ENTITIES_FILE);
}
