import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileSettings } from './settings.js';
import type { Settings } from './settings-types.js';
import { YamlSource } from './yaml-source.js';

// What a running service takes from an edited config/newsmon.yaml (SIGHUP): the digest
// section. The whole file is validated first, so a typo anywhere is reported and nothing
// changes; recipients' companies and tags are also checked against the watch-list and
// the tags newsmon gives, located like every other mistake. Other sections only take
// effect at a restart: restartOnlyChanges names those that changed.

export interface KnownIds {
  /** Entity ids of config/entities.yaml. */
  companies: readonly string[];
  tags: readonly string[];
}

/** newsmon.yaml (optional) over the defaults; throws a ConfigError (file, line, key, what was expected). */
export function readFileSettings(configDir: string): { settings: Settings; source: YamlSource | null } {
  const file = join(configDir, 'newsmon.yaml');
  const source = existsSync(file) ? YamlSource.read(file) : null;
  return { settings: fileSettings(configDir, source), source };
}

/** newsmon.yaml read again and checked, the recipients' ids too; throws a ConfigError. */
export function reloadFileSettings(configDir: string, known: KnownIds): Settings {
  const { settings: next, source: src } = readFileSettings(configDir);
  if (!src) return next;
  const companies = new Set(known.companies);
  const tags = new Set(known.tags);
  next.digest.recipients.forEach((r, i) => {
    const company = (r.companies ?? []).find((c) => !companies.has(c));
    if (company) throw src.error(`digest.recipients.${i}.companies`, `"${company}" is not a company of config/entities.yaml (it has: ${known.companies.join(', ')})`);
    const tag = (r.tags ?? []).find((t) => !tags.has(t));
    if (tag) throw src.error(`digest.recipients.${i}.tags`, `"${tag}" is not a tag newsmon gives (tags: ${known.tags.join(', ')})`);
  });
  return next;
}

// Settings fields and the newsmon.yaml keys they come from (digest reloads; configDir is not in the file).
const RESTART_KEYS: ReadonlyArray<readonly [keyof Settings, string]> = [
  ['dbPath', 'db'], ['redisUrl', 'redis_url'], ['smtpUrl', 'smtp_url'], ['http', 'http'], ['poll', 'poll'],
  ['api', 'api'], ['concurrency', 'concurrency'], ['log', 'log'], ['limits', 'limits'],
];

/** The newsmon.yaml keys outside the digest section whose values differ between two reads of the file. */
export function restartOnlyChanges(before: Settings, after: Settings): string[] {
  return RESTART_KEYS.filter(([field]) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map(([, key]) => key);
}
