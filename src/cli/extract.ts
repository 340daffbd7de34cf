import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { loadAnalyzer } from '../ingest/load-analyzer.js';
import { extractDocument, type TextAnalyzer } from '../extract/extract-document.js';
import { CliError } from './cli-error.js';
import { configErrorsAsCliErrors } from './config-errors.js';

const HELP = `Usage: newsmon extract [FILE...|-] [--text|--html] [--url URL] [--config DIR]

Extract the main text of each document and find the watch-list's mentions, power figures
and events in it. Prints one JSON object per document, one per line (JSON Lines), in order:
  { "title", "text", "lang", "published", "author", "canonicalUrl",
    "mentions": [...], "powerFigures": [...], "events": [...] }
A document that cannot be read prints { "file", "error" } on its line instead, and the
exit status is then 1. With no FILE, or with "-", reads standard input.
Gzipped input (.gz, or gzip bytes on stdin) is decompressed transparently.

  --html          input is an HTML page (default): the article body is extracted
  --text          input is plain text: taken whole as the article, title ""
  --url URL       the page's address, to resolve its canonical URL
  --config DIR    config folder with entities.yaml (default: $NEWSMON_CONFIG or ./config)`;

/** A larger document is refused: no article page is this big, and parsing it would stall the batch. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
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

export async function run(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      text: { type: 'boolean' },
      html: { type: 'boolean' },
      url: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.text && values.html) throw new CliError('--text and --html exclude each other', 2);
  if (values.url !== undefined && !URL.canParse(values.url)) throw new CliError(`--url: not a URL: ${values.url}`, 2);
  const files = positionals.length > 0 ? positionals : ['-'];
  if (files.filter((f) => f === '-').length > 1) throw new CliError('standard input ("-") can be read only once', 2);
  const configDir = resolve(values.config ?? env.NEWSMON_CONFIG ?? 'config');
  const analyzer: TextAnalyzer = await configErrorsAsCliErrors(async () => loadAnalyzer(configDir));
  const kind = values.text ? 'text' : 'html';

  let failed = 0;
  let out: string[] = [];
  const flush = (): void => {
    if (out.length > 0) process.stdout.write(out.join(''));
    out = [];
  };
  for (const file of files) {
    let line: string;
    try {
      const bytes = await readDocument(file);
      const result = extractDocument({ bytes, kind, ...(values.url !== undefined ? { url: values.url } : {}) }, analyzer);
      line = JSON.stringify(result);
    } catch (err) {
      failed++;
      line = JSON.stringify({ file, error: errorMessage(err) });
    }
    out.push(`${line}\n`);
    if (out.length >= 32) flush();
  }
  flush();
  return failed > 0 ? 1 : 0;
}
