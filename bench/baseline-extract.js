// The obvious way to do `newsmon extract`, as the bench's point of comparison: cheerio.load
// with its default parser, the whole body's text, a naive sentence split, and one regex
// per watch-list alias tested against every sentence. Usage: node baseline-extract.js FILE...
import { readFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { parse as parseYaml } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const FALLBACK = {
  'moore-threads': ['Moore Threads', '摩尔线程', 'MTT S4000'],
  metax: ['MetaX', '沐曦'],
  biren: ['Biren', '壁仞'],
  enflame: ['Enflame', '燧原'],
  huawei: ['Huawei', '华为', 'Ascend 910C', 'Ascend', '昇腾'],
  cambricon: ['Cambricon', '寒武纪', 'MLU590'],
  nvidia: ['Nvidia', 'NVIDIA', '英伟达', 'H20', 'Blackwell', 'H100'],
};

/** Every string under an alias-like key of config/entities.yaml, whatever its exact schema. */
function loadAliases() {
  const file = join(root, 'config', 'entities.yaml');
  if (!existsSync(file)) return FALLBACK;
  try {
    const doc = parseYaml(readFileSync(file, 'utf8'));
    const entities = doc?.entities ?? doc;
    const out = {};
    for (const [id, spec] of Object.entries(entities ?? {})) {
      const names = new Set();
      const stack = [{ v: spec, key: '' }];
      while (stack.length > 0) {
        const { v, key } = stack.pop();
        if (typeof v === 'string') {
          if (/alias|name|product|zh|en/i.test(key) && !/not|exclude|negative|deny/i.test(key)) names.add(v);
        } else if (Array.isArray(v)) for (const x of v) stack.push({ v: x, key });
        else if (v && typeof v === 'object') {
          if (typeof v.text === 'string' && !/not|exclude/i.test(key)) names.add(v.text);
          for (const [k, x] of Object.entries(v)) if (!/not|exclude|negative|deny/i.test(k)) stack.push({ v: x, key: `${key}.${k}` });
        }
      }
      if (names.size > 0) out[id] = [...names];
    }
    return Object.keys(out).length > 0 ? out : FALLBACK;
  } catch {
    return FALLBACK;
  }
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const aliases = Object.entries(loadAliases()).flatMap(([entity, names]) => names.map((alias) => ({ entity, alias, re: new RegExp(`\\b${escape(alias)}\\b`, 'g') })));

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
