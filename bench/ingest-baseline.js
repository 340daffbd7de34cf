// The obvious way to do `newsmon ingest --once`, as the ingest bench's point of comparison,
// built from the same packages: for each feed in turn, global fetch + rss-parser
// parseString; for each item in turn, fetch the page, default `cheerio.load` (parse5) and
// the whole body's text, natural's SentenceTokenizer over all of it, one regex per alias
// per sentence (plus one power-figure regex per sentence, so both sides find figures), and
// better-sqlite3 (WAL, synchronous=NORMAL) with one transaction per row (autocommit).
//
//   node bench/ingest-baseline.js --db FILE [--entities FILE] --feed URL [--feed URL]...
//
// Prints one JSON line: { feeds, feedsFailed, articles, failed, mentions, events, figures, elapsedMs }.
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import SentenceTokenizer from 'natural/lib/natural/tokenizers/sentence_tokenizer.js';
import { loadBaselineAliases } from './baseline-aliases.js';

/* global fetch -- Node 20's built-in fetch is the "obvious" client this baseline stands for */

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    entities: { type: 'string' },
    feed: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.db || values.feed.length === 0) {
  process.stderr.write('usage: node bench/ingest-baseline.js --db FILE [--entities FILE] --feed URL...\n');
  process.exit(2);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const aliases = Object.entries(loadBaselineAliases(values.entities)).flatMap(([entity, names]) =>
  names.map((alias) => ({
    entity,
    alias,
    // Word boundaries only make sense around Latin letters; CJK aliases match anywhere.
    re: /^[\x20-\x7e]+$/.test(alias) ? new RegExp(`\\b${escape(alias)}\\b`, 'g') : new RegExp(escape(alias), 'g'),
  })),
);
const FIGURE = /(\d+(?:[.,]\d+)?)\s*(k|M|G|T)?(W|Wh)\b|(\d+(?:\.\d+)?)\s*(千瓦时|千瓦|兆瓦|吉瓦|瓦)/g;

const db = new Database(values.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, url TEXT UNIQUE, feed TEXT, title TEXT, published TEXT, text TEXT);
  CREATE TABLE IF NOT EXISTS mentions (article_id INTEGER, entity TEXT, alias TEXT, sentence INTEGER, start INTEGER, "end" INTEGER);
  CREATE TABLE IF NOT EXISTS figures (article_id INTEGER, sentence INTEGER, text TEXT);
  CREATE TABLE IF NOT EXISTS events (article_id INTEGER, sentence INTEGER, text TEXT, entities TEXT);
`);
const insertArticle = db.prepare('INSERT OR IGNORE INTO articles (url, feed, title, published, text) VALUES (?, ?, ?, ?, ?)');
const insertMention = db.prepare('INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)');
const insertFigure = db.prepare('INSERT INTO figures VALUES (?, ?, ?)');
const insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');

const parser = new Parser();
const tokenizer = new SentenceTokenizer();
const counts = { feeds: values.feed.length, feedsFailed: 0, articles: 0, failed: 0, mentions: 0, events: 0, figures: 0, elapsedMs: 0 };
const t0 = performance.now();

for (const feedUrl of values.feed) {
  let feed;
  try {
    const res = await fetch(feedUrl);
    feed = await parser.parseString(await res.text());
  } catch {
    counts.feedsFailed++;
    continue;
  }
  for (const item of feed.items) {
    try {
      const res = await fetch(item.link);
      const $ = cheerio.load(await res.text());
      const text = $('body').text();
      const sentences = tokenizer.tokenize(text);
      const { lastInsertRowid: articleId } = insertArticle.run(item.link, feedUrl, item.title ?? '', item.isoDate ?? null, text);
      counts.articles++;
      sentences.forEach((sentence, i) => {
        const entities = new Set();
        for (const { entity, alias, re } of aliases) {
          re.lastIndex = 0;
          let m;
          while ((m = re.exec(sentence)) !== null) {
            insertMention.run(articleId, entity, alias, i, m.index, m.index + m[0].length);
            counts.mentions++;
            entities.add(entity);
          }
        }
        FIGURE.lastIndex = 0;
        let figures = 0;
        let m;
        while ((m = FIGURE.exec(sentence)) !== null) {
          insertFigure.run(articleId, i, m[0]);
          figures++;
        }
        counts.figures += figures;
        if (entities.size > 0 || figures > 0) {
          insertEvent.run(articleId, i, sentence, JSON.stringify([...entities]));
          counts.events++;
        }
      });
    } catch {
      counts.failed++;
    }
  }
}
counts.elapsedMs = Math.round(performance.now() - t0);
db.close();
process.stdout.write(`${JSON.stringify(counts)}\n`);
