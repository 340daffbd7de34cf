import { readFileSync } from 'node:fs';
import { FeedParseError, parseFeedBytes } from '../feed/parse-feed.js';
import type { NormalizedFeed } from '../model.js';
import { canonicalTimeZone } from '../time/zones.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';

export interface FeedParseLine {
  file: string;
  error: string;
  code: string;
}

/** Parse one input; a failure is a value, so a batch never stops at a bad file. */
export function parseOne(file: string, bytes: Uint8Array | Error, opts: { url?: string; contentType?: string | null; timezone?: string | null }): NormalizedFeed | FeedParseLine {
  if (bytes instanceof Error) return { file, error: `cannot read the file: ${bytes.message}`, code: 'unreadable' };
  try {
    return parseFeedBytes(bytes, opts);
  } catch (err) {
    if (err instanceof FeedParseError) return { file, error: err.message, code: err.code };
    throw err;
  }
}

function readInput(file: string): Uint8Array | Error {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

export const command = defineCommand({
  name: 'feed parse',
  usage: 'FILE|- [FILE...] [--url URL] [--content-type TYPE] [--timezone ZONE] [--pretty]',
  about: `Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or CDF documents and print each as the normalized
feed: { "title", "link", "description", "items": [{ "id", "title", "link", "published",
"updated", "author", "summary", "content" }], "language" }, dates in UTC ISO 8601 (a date
written without a zone is read in --timezone, else Asia/Shanghai when the feed is in
Chinese, else UTC: the same rule as a feed's "timezone" in feeds.yaml).
One file prints one JSON object; several print JSON Lines, one feed per line, in order.
A file that cannot be parsed prints { "file", "error", "code" } on its line and the
others go on; the exit code is then 1. "-" reads standard input.`,
  flags: {
    url: { type: 'string', arg: 'URL', help: 'the document\'s URL: the base for relative links' },
    'content-type': { type: 'string', arg: 'TYPE', help: 'the Content-Type it was served with (its charset wins)' },
    timezone: { type: 'string', arg: 'ZONE', help: 'IANA zone of dates written without one (feeds.yaml `timezone`)' },
    pretty: { type: 'boolean', default: false, help: 'indent the output (one file only)' },
  },
  positionals: { min: 0, max: Infinity },
  async run({ values, positionals: files }) {
    if (files.length === 0) throw new CliError('give a FILE to parse, or - for standard input', 2);
    if (values.url !== undefined && !URL.canParse(values.url)) throw new CliError(`--url must be an absolute URL, got "${values.url}"`, 2);
    if (files.filter((f) => f === '-').length > 1) throw new CliError('standard input (-) can be read only once', 2);

    const timezone = values.timezone === undefined ? null : canonicalTimeZone(values.timezone);
    if (values.timezone !== undefined && timezone === null) {
      throw new CliError(`--timezone must be an IANA time zone such as Asia/Shanghai or UTC, got "${values.timezone}"`, 2);
    }
    const opts = { ...(values.url !== undefined ? { url: values.url } : {}), contentType: values['content-type'] ?? null, timezone };
    const indent = values.pretty && files.length === 1 ? 2 : undefined;
    let failed = 0;
    for (const file of files) {
      const result = parseOne(file, readInput(file), opts);
      if ('error' in result) failed++;
      process.stdout.write(`${JSON.stringify(result, null, indent)}\n`);
    }
    return failed ? 1 : 0;
  },
});

export const run = command.run;
