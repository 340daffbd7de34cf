import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import type { DocumentInput, DocumentResult, extractDocument as ExtractDocument, TextAnalyzer } from '../extract/extract-document.js';
import { ReaderPool } from '../ingest/reader-pool.js';
import { ConfigError } from '../config/yaml-source.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { fetchDocument } from './extract-url.js';
import { sharedFlags } from './shared-flags.js';
import { rulesFromFlags } from './site-rule-flags.js';
import type { Settings } from '../config/settings.js';
import type { SiteRules } from '../model.js';

/** A larger document is refused: no article page is this big, and parsing it would stall the batch. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** Reader threads pay for themselves (each loads the analyzer, ~0.1 s CPU) from this many files on. */
const MIN_FILES_FOR_THREADS = 8;
/** Documents in flight at once with reader threads: enough to keep every thread busy, few enough to bound memory. */
const WINDOW = 16;
/** gunzip output cap, so a small "zip bomb" cannot exhaust memory. */
const MAX_GUNZIPPED_BYTES = MAX_DOCUMENT_BYTES;

function maybeGunzip(bytes: Buffer): Buffer {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // Large output chunks: the default 16 KB ones make zlib's sync path copy and loop ~10x more.
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES, chunkSize: 256 * 1024 });
  }
  return bytes;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_DOCUMENT_BYTES) throw new Error(`standard input is over the ${MAX_DOCUMENT_BYTES}-byte limit`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function readDocument(file: string): Promise<Buffer> {
  if (file === '-') return maybeGunzip(await readStdin());
  const size = statSync(file).size;
  if (size > MAX_DOCUMENT_BYTES) throw new Error(`file is ${size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit`);
  return maybeGunzip(readFileSync(file));
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'is a directory';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'ERR_BUFFER_TOO_LARGE' || code === 'ERR_OUT_OF_RANGE') return 'decompressed size over the limit';
    return err.message;
  }
  return String(err);
}

/**
 * One thread per core while the machine has a core to spare. Each reader thread loads the
 * analyzer and warms up on its own (~0.3 s CPU a thread over the AEB pages), which buys
 * wall time only from idle cores: on a busy machine it just costs the neighbours CPU.
 */
function defaultThreads(): number {
  const cores = availableParallelism();
  return (loadavg()[0] ?? 0) <= cores - 1 ? cores : 1;
}

export const command = defineCommand({
  name: 'extract',
  usage: '[FILE...|-] [--text|--html] [--url URL] [--config DIR] [--threads N] [--content SEL] [--remove SEL]...',
  about: `Extract the main text of each document and find the watch-list's mentions, power figures
and events in it. Prints one JSON object per document, one per line (JSON Lines), in order:
  { "title", "text", "lang", "published", "author", "canonicalUrl",
    "mentions": [...], "powerFigures": [...], "events": [...] }
A document that cannot be read prints { "file", "error" } on its line instead, and the
exit status is then 1. With no FILE, or with "-", reads standard input.
Gzipped input (.gz, or gzip bytes on stdin) is decompressed transparently.

Site rules (feeds.yaml's "content" and "remove"), to try one before saving it: with
--content or --remove, --url and no FILE, the page is fetched from URL through newsmon's
HTTP client (loopback and private addresses refused unless --allow-private-network or
NEWSMON_ALLOW_PRIVATE_NETWORK=1); with FILEs, the rule applies to them. The output then
carries "siteRule": { "used": "content"|"auto", "matched", "removed", "fallback"? }.`,
  flags: {
    html: { type: 'boolean', help: 'input is an HTML page (default): the article body is extracted' },
    text: { type: 'boolean', help: 'input is plain text: taken whole as the article, title ""' },
    url: { type: 'string', arg: 'URL', help: "the page's address, to resolve its canonical URL" },
    config: { type: 'string', arg: 'DIR', help: 'config folder with entities.yaml (default: $NEWSMON_CONFIG or ./config)' },
    threads: { type: 'string', arg: 'N', help: 'reader threads for 8 or more files (default: one per core while the\nmachine has a core to spare, else none; 1: none)' },
    content: { type: 'string', arg: 'SEL', help: 'the article is the text of what this CSS selector matches (automatic\nextraction, and "siteRule.fallback" saying why, when it matches nothing)' },
    remove: { type: 'string', multiple: true, arg: 'SEL', help: 'remove these elements before extraction; repeatable' },
    ...sharedFlags.allowPrivateNetwork,
  },
  positionals: { min: 0, max: Infinity },
  async run({ values, positionals, configDir, settings }) {
    if (values.text && values.html) throw new CliError('--text and --html exclude each other', 2);
    if (values.url !== undefined && !URL.canParse(values.url)) throw new CliError(`--url: not a URL: ${values.url}`, 2);
    const rules = rulesFromFlags(values.content, values.remove);
    if (rules && values.text) throw new CliError('--content and --remove apply to HTML pages, not to --text input', 2);
    // A rule to try on a live page: --url is then the page to fetch, not a label for stdin.
    const fetching = rules !== null && positionals.length === 0 && values.url !== undefined ? settings : null;
    const files = fetching ? [values.url as string] : positionals.length > 0 ? positionals : ['-'];
    if (files.filter((f) => f === '-').length > 1) throw new CliError('standard input ("-") can be read only once', 2);
    const threads = values.threads === undefined ? defaultThreads() : Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be a whole number from 1 to 64, got "${values.threads}"`, 2);
    return extractAll(files, { kind: values.text ? 'text' : 'html', url: values.url, configDir: configDir(), threads, rules, fetching });
  },
});

export const run = command.run;

interface ExtractOptions {
  kind: 'text' | 'html';
  url: string | undefined;
  configDir: string;
  threads: number;
  rules: SiteRules | null;
  /** Fetch each "file" as a URL, with these settings' HTTP client; null: read files. */
  fetching: (() => Readonly<Settings>) | null;
}

/** Prints one JSON line per file, in order; returns 1 when any could not be read. */
async function extractAll(files: string[], o: ExtractOptions): Promise<number> {
  const { kind, url, configDir, threads, rules } = o;
  // The analyzer in this thread: loaded up front when it does all the work, else only if a
  // reader thread fails a document (the retry here gives the same answer, or the config error).
  // Imported only then: with reader threads, this thread needs neither (~50 ms CPU saved).
  let local: { analyzer: TextAnalyzer; extractDocument: typeof ExtractDocument } | null = null;
  const localExtractor = async (): Promise<NonNullable<typeof local>> => {
    if (local) return local;
    const [{ loadAnalyzer }, { extractDocument }] = await Promise.all([import('../ingest/load-analyzer.js'), import('../extract/extract-document.js')]);
    const analyzer: TextAnalyzer = loadAnalyzer(configDir);
    return (local = { analyzer, extractDocument });
  };
  const pool = threads > 1 && files.length >= MIN_FILES_FOR_THREADS && !files.includes('-') ? ReaderPool.create(configDir, threads) : null;
  if (!pool) await localExtractor();

  const extractOne = async (file: string): Promise<string> => {
    let input: DocumentInput;
    try {
      const got = o.fetching ? await fetchDocument(file, o.fetching()) : { document: { bytes: await readDocument(file), ...(url !== undefined ? { url } : {}) } };
      if (!('document' in got)) return JSON.stringify(got);
      input = { ...got.document, kind, ...(rules ? { rules } : {}) };
    } catch (err) {
      return JSON.stringify({ file, error: errorMessage(err) });
    }
    let result: DocumentResult | null = null;
    if (pool) result = await pool.extract(input).catch(() => null);
    try {
      if (!result) {
        const { analyzer, extractDocument } = await localExtractor();
        result = extractDocument(input, analyzer);
      }
      return JSON.stringify(result);
    } catch (err) {
      if (err instanceof CliError || err instanceof ConfigError) throw err; // the watch-list, not this document
      return JSON.stringify({ file, error: errorMessage(err) });
    }
  };

  try {
    // In order, with up to WINDOW documents in flight so every reader thread stays busy.
    const failed = await printInOrder(files, extractOne, pool ? WINDOW : 1);
    return failed > 0 ? 1 : 0;
  } finally {
    await pool?.close();
  }
}

/** Writes each file's line in the order given, `window` at a time in flight; returns how many were error lines. */
async function printInOrder(files: string[], extractOne: (file: string) => Promise<string>, window: number): Promise<number> {
  let failed = 0;
  let out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) process.stdout.write(out.join(''));
    out = [];
  };
  const inFlight: Promise<string>[] = [];
  try {
    for (let next = 0; next < files.length || inFlight.length > 0; ) {
      while (next < files.length && inFlight.length < window) {
        const line = extractOne(files[next++] as string);
        line.catch(() => undefined); // awaited in order below; a later failure must not go unhandled meanwhile
        inFlight.push(line);
      }
      const line = await (inFlight.shift() as Promise<string>);
      if (line.startsWith('{"file":') || line.startsWith('{"url":')) failed++;
      out.push(`${line}\n`);
      if (out.length >= 32) flush();
    }
  } finally {
    flush();
  }
  return failed;
}
