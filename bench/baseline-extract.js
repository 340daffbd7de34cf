// The obvious way to do `newsmon extract`, as the bench's point of comparison: cheerio.load
// with its default parser, the whole body's text, a naive sentence split, and one regex
// per watch-list alias tested against every sentence. Usage: node baseline-extract.js FILE...
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { loadBaselineAliases } from './baseline-aliases.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const aliases = Object.entries(loadBaselineAliases(join(root, 'config', 'entities.yaml'))).flatMap(([entity, names]) => names.map((alias) => ({ entity, alias, re: new RegExp(`\\b${escape(alias)}\\b`, 'g') })));

for (const file of process.argv.slice(2)) {
  let bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const $ = cheerio.load(bytes.toString('utf8'));
  $('script, style, noscript').remove();
  const text = $('body').text().replace(/\s+/g, ' ').trim();
  const sentences = text.split(/(?<=[.!?。！？])\s*/);
  const mentions = [];
  sentences.forEach((sentence, i) => {
    for (const { entity, alias, re } of aliases) {
      re.lastIndex = 0;
      let m;
      while ((m = re.exec(sentence)) !== null) mentions.push({ entity, alias, sentence: i, start: m.index, end: m.index + m[0].length });
    }
  });
  process.stdout.write(`${JSON.stringify({ title: $('title').text().trim(), text, mentions })}\n`);
}
