import { accessSync, constants, createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { loadAnalyzer } from '../ingest/load-analyzer.js';
import type { Settings } from '../config/settings.js';
import { importHistory, type ImportLine, type ImportSummary } from '../ingest/import-history.js';
import { analysisLimits, ReaderPool, readerPoolOptions } from '../ingest/reader-pool.js';
import { openStore, StoreError } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { sharedFlags } from './shared-flags.js';

/** Every line of every source, numbered from 1 within its source. */
async function* linesOf(sources: string[]): AsyncGenerator<ImportLine> {
  for (const source of sources) {
    const input = source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8' });
    const opened = new Promise<void>((resolve, reject) => {
      if (source === '-') resolve();
      input.once('open', () => resolve());
      input.once('error', reject);
    });
    try {
      await opened;
    } catch (err) {
      throw new CliError(`cannot read ${source}: ${(err as Error).message}`);
    }
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) yield { source, line: ++line, text };
  }
}

function summaryText(s: ImportSummary): string {
  return (
    `imported ${s.lines} line(s) in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.articlesPerSecond} articles/s): ` +
    `${s.stored} stored with ${s.events} event(s), ${s.duplicates} duplicate(s), ${s.bad} bad line(s), ${s.failed} failed`
  );
}

/** Redraws one status line on the terminal, at most five times a second. */
function progressLine(): (s: ImportSummary) => void {
  let lastDraw = 0;
  return (s) => {
    const t = Date.now();
    if (t - lastDraw < 200) return;
    lastDraw = t;
    process.stderr.write(`\r\x1b[Kimporting: ${s.lines} line(s), ${s.stored} stored, ${s.duplicates} duplicate(s), ${s.bad + s.failed} problem(s)`);
  };
}

export const command = defineCommand({
  name: 'import',
  usage: '[FILE.jsonl|-]... [--config DIR] [--db FILE] [--threads N] [--json] [--quiet]',
  about: `Loads history (an archive, a backfill): one JSON object a line,
  { "url", "title"?, "published"?, "feed"?, "text" | "html" }
through the same main text, analysis and store as an ingested article; an article
already stored (same URL or same text) is counted as a duplicate. No FILE, or "-",
reads standard input. A bad line is reported as FILE:LINE and skipped.`,
  flags: {
    ...sharedFlags.config,
    ...sharedFlags.db,
    threads: { type: 'string', arg: 'N', help: 'threads for main text and analysis (default: one per core; 1: none)' },
    json: { type: 'boolean', help: 'print the summary as JSON' },
    quiet: { type: 'boolean', help: 'no progress line' },
  },
  footer: 'Exit status 0 when every line was imported, 1 when some were bad or failed.',
  positionals: { min: 0, max: Infinity },
  async run({ values, positionals, settings: loadSettings }) {
    const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be a whole number from 1 to 64, got "${values.threads}"`, 2);
    const sources = positionals.length ? positionals : ['-'];
    for (const f of sources) {
      if (f === '-') continue;
      try {
        accessSync(f, constants.R_OK);
      } catch (err) {
        throw new CliError(`cannot read ${f}: ${(err as Error).message}`, 2);
      }
    }
    return importSources(sources, loadSettings(), threads, values);
  },
});

export const run = command.run;

async function importSources(sources: string[], settings: Readonly<Settings>, threads: number, values: { json?: boolean | undefined; quiet?: boolean | undefined }): Promise<number> {
  // Loaded even with reader threads: a watch-list typo is one error up front.
  const analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
  let store;
  try {
    store = openStore(settings.dbPath);
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(err.message);
    throw err;
  }
  const reader = threads > 1 ? ReaderPool.create(settings.configDir, threads, readerPoolOptions(settings.limits)) : null;
  const progress = !values.quiet && process.stderr.isTTY === true;
  try {
    const summary = await importHistory(linesOf(sources), {
      store, analyzer, now: () => new Date(), ...(reader ? { reader } : {}),
      onProblem: (p) => process.stderr.write(`${progress ? '\r\x1b[K' : ''}${p.source}:${p.line}: ${p.error}\n`),
      onProgress: progress ? progressLine() : undefined,
    });
    if (progress) process.stderr.write('\r\x1b[K');
    process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
    return summary.bad + summary.failed > 0 ? 1 : 0;
  } finally {
    await reader?.close();
    store.close();
  }
}
