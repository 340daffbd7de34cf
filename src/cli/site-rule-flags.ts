import { siteRulesFromFlags } from '../config/site-rules.js';
import { ConfigError } from '../config/yaml-source.js';
import type { SiteRules } from '../model.js';
import { CliError } from './cli-error.js';

// --content SEL and --remove SEL (repeatable), shared by `extract` and `feeds add`.

/** `--content` / `--remove` as site rules, checked by cheerio; a bad selector is a usage error. */
export function rulesFromFlags(content: string | undefined, remove: string[] | undefined): SiteRules | null {
  try {
    return siteRulesFromFlags(content, remove);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, 2);
    throw err;
  }
}
