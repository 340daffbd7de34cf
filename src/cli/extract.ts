import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadAnalyzer } from '../analyze/analyzer.js';
import { extractDocument, type TextAnalyzer } from '../extract/extract-document.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';

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

export const command = defineCommand({
  name: 'extract',
  usage: '[FILE...|-] [--text|--html] [--url URL] [--config DIR]',
  about: `Extract the main text of each document and find the watch-list's mentions, power figures
and events in it. Prints one JSON object per document, one per line (JSON Lines), in order:
  { "title", "text", "lang", "published", "author", "canonicalUrl",
    "mentions": [...], "powerFigures": [...], "events": [...] }
A document that cannot be read prints { "file", "error" } on its line instead, and the
exit status is then 1. With no FILE, or with "-", reads standard input.
Gzipped input (.gz, or gzip bytes on stdin) is decompressed transparently.`,
  flags: {
    html: { type: 'boolean', help: 'input is an HTML page (default): the article body is extracted' },
    text: { type: 'boolean', help: 'input is plain text: taken whole as the article, title ""' },
    url: { type: 'string', arg: 'URL', help: "the page's address, to resolve its canonical URL" },
    config: { type: 'string', arg: 'DIR', help: 'config folder with entities.yaml (default: $NEWSMON_CONFIG or ./config)' },
  },
  positionals: { min: 0, max: Infinity },
  async run({ values, positionals, configDir }) {
    if (values.text && values.html) throw new CliError('--text and --html exclude each other', 2);
    if (values.url !== undefined && !URL.canParse(values.url)) throw new CliError(`--url: not a URL: ${values.url}`, 2);
    const files = positionals.length > 0 ? positionals : ['-'];
    if (files.filter((f) => f === '-').length > 1) throw new CliError('standard input ("-") can be read only once', 2);
    const analyzer: TextAnalyzer = loadAnalyzer(configDir());
    return extractAll(files, values.text ? 'text' : 'html', values.url, analyzer);
  },
});

export const run = command.run;

/** Prints one JSON line per file, in order; returns 1 when any could not be read. */
async function extractAll(files: string[], kind: 'text' | 'html', url: string | undefined, analyzer: TextAnalyzer): Promise<number> {
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
      const result = extractDocument({ bytes, kind, ...(url !== undefined ? { url } : {}) }, analyzer);
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
