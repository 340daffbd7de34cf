// The two stores of the history bench, built once into a folder and reused (building
// takes minutes of CPU): v3.db by `newsmon import` from a generated year of history, and
// v1.db, the same rows in today's layout (the baseline checkout's schema, labels and
// article search index, filled by the baseline's own code), for the baseline server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

function generate(dir, articles) {
  const jsonl = join(dir, 'history.jsonl');
  if (!existsSync(jsonl)) {
    const r = spawnSync(process.execPath, [join(repo, 'bench', 'history-fixture.js'), `${jsonl}.tmp`, String(articles), '1'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generating the history failed');
    renameSync(`${jsonl}.tmp`, jsonl);
  }
  return jsonl;
}

/** `newsmon import` into v3.db; its summary (articles/s) is kept beside it. */
function importV3(dir, jsonl) {
  const db = join(dir, 'v3.db');
  const summaryFile = join(dir, 'import.json');
  if (!existsSync(summaryFile)) {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    const r = spawnSync(process.execPath, [join(repo, 'bin', 'newsmon.js'), 'import', jsonl, '--db', db, '--json', '--quiet'], {
      encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NEWSMON_CONFIG: join(repo, 'config') },
    });
    if (!r.stdout.trim()) throw new Error(`import failed: ${r.stderr}`);
    writeFileSync(summaryFile, r.stdout);
  }
  return { db, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
}

/** The v3 rows in the baseline's layout, with the baseline's own label and search-text functions. */
async function copyToV1(dir, v3, basePath) {
  const db = join(dir, 'v1.db');
  if (existsSync(db) && !existsSync(`${db}.building`)) return db;
  writeFileSync(`${db}.building`, '');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const base = (p) => import(join(basePath, 'dist', 'src', p));
  const { openStore } = await base('store/store.js');
  const { labelsText } = await base('store/labels.js');
  const { ftsIndexText } = await base('store/fts.js');
  openStore(db).close();
  const { default: Database } = await import(join(repo, 'node_modules', 'better-sqlite3', 'lib', 'index.js'));
  const out = new Database(db);
  out.pragma('journal_mode = WAL');
  out.function('labels_text', (e, t) => labelsText(JSON.parse(e), JSON.parse(t)));
  out.function('fts_text', (t) => ftsIndexText(t));
  out.exec(`ATTACH ${JSON.stringify(v3)} AS src`);
  // The columns both layouts have (later migrations add to feeds, e.g. its title).
  const feedColumns = out.prepare('SELECT name FROM pragma_table_info(?)').all('feeds').map((c) => `"${c.name}"`).join(', ');
  out.exec(`BEGIN;
    INSERT INTO feeds (${feedColumns}) SELECT ${feedColumns} FROM src.feeds;
    INSERT INTO articles (id, url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, text_chars, content_hash)
      SELECT id, url, canonical_url, feed_id, title, author, published, fetched_at, lang, text, text_chars, content_hash FROM src.articles;
    INSERT INTO feed_items SELECT * FROM src.feed_items;
    INSERT INTO events (id, article_id, sentence, text, entities, tags, figures)
      SELECT id, article_id, sentence, text, entities, tags, figures FROM src.events;
    INSERT INTO event_labels (rowid, labels) SELECT id, labels_text(entities, tags) FROM src.events WHERE entities <> '[]' OR tags <> '[]';
    INSERT INTO power_figures SELECT * FROM src.power_figures;
    INSERT INTO mentions SELECT * FROM src.mentions;
    INSERT INTO articles_fts (rowid, title, text) SELECT id, fts_text(title), fts_text(text) FROM src.articles;
    COMMIT;`);
  out.exec('DETACH src');
  out.pragma('optimize');
  out.close();
  rmSync(`${db}.building`);
  return db;
}

export async function historyStores(dir, { articles = 200_000, basePath = '/work/wt-base' } = {}) {
  mkdirSync(dir, { recursive: true });
  const jsonl = generate(dir, articles);
  const v3 = importV3(dir, jsonl);
  const v1 = await copyToV1(dir, v3.db, basePath);
  return { jsonl, v3: v3.db, importSummary: v3.summary, v1 };
}
