// A year of history as `newsmon import` reads it: JSON Lines of articles from a few dozen
// feeds, each a handful of sentences that name watch-list companies, state power figures,
// or neither. Deterministic (seeded), so every run and the baseline get the same data.
// Usage: node bench/history-fixture.js OUT.jsonl [ARTICLES=200000] [SEED=1]
import { createWriteStream } from 'node:fs';
import { rng } from '../tests/fixture-site/content.js';

const COMPANIES = ['Huawei', 'Nvidia', 'Cambricon', 'Moore Threads', 'MetaX', 'Biren', 'Enflame'];
const CHIPS = ['Ascend 910C', 'H20', 'MLU590', 'MTT S4000', 'C500', 'BR100', 'Cloudblazer T20'];
const PLACES = ['Inner Mongolia', 'Guizhou', 'Ningxia', 'Gansu', 'Shanghai', 'Shenzhen'];


export function historyLines(count, seed = 1, now = Date.now()) {
  const r = rng(seed).next;
  const pick = (list) => list[Math.floor(r() * list.length)];
  const n = (lo, hi) => Math.round(lo + r() * (hi - lo));
  const templates = [
    (c) => `${c} filed for an initial public offering on the STAR Market, seeking to raise ${n(2, 30)} billion yuan.`,
    (c) => `${c} closed a new funding round of ${n(1, 20)} billion yuan led by state-backed investors.`,
    (c) => `${c} reported quarterly revenue of ${n(1, 90)} billion yuan, up ${n(3, 80)} percent from a year earlier.`,
    (c) => `${c} launched the ${pick(CHIPS)} accelerator with ${n(48, 192)} GB of high-bandwidth memory.`,
    (c) => `Washington added ${c} to the entity list, tightening export controls on advanced chips.`,
    (c) => `${c} signed a supply agreement with a large cloud provider for its ${pick(CHIPS)} chips.`,
    (c) => `${c} said its ${pick(CHIPS)} reaches ${n(40, 120)} percent of the performance of the H100 in training benchmarks.`,
    (c) => `${c} and ${pick(COMPANIES)} are competing for supply chain capacity at domestic foundries.`,
    (c) => `Each ${c} ${pick(CHIPS)} board draws ${n(300, 1000)} W under full load.`,
    (c) => `${c} plans a computing cluster in ${pick(PLACES)} that will draw ${n(1, 5)} GW of power.`,
    () => `The new data centre campus in ${pick(PLACES)} will have a capacity of ${n(1, 12)} GW when complete.`,
    () => `A computing hub in ${pick(PLACES)} adds ${n(50, 900)} MW of data-centre capacity this year.`,
    () => `Data-centre electricity demand in China could reach ${n(100, 900)} TWh by 2030.`,
  ];
  const fillers = [
    'Markets were mixed as investors awaited new trade data.',
    'The company did not respond to a request for comment.',
    'Officials declined to give a timetable for the next steps.',
    'Shares in the sector have been volatile this quarter.',
  ];
  const feeds = Array.from({ length: 36 }, (_, i) => `feed-${String(i + 1).padStart(2, '0')}`);
  const yearMs = 365 * 86_400_000;
  const out = [];
  for (let i = 0; i < count; i++) {
    const sentences = [];
    // About 5.5 events an article: 4–7 event sentences among 2–3 fillers.
    const events = n(4, 7);
    for (let j = 0; j < events; j++) sentences.push(pick(templates)(pick(COMPANIES)));
    for (let j = n(2, 3); j > 0; j--) sentences.splice(n(0, sentences.length), 0, pick(fillers));
    sentences.push(`Reference ${seed}-${i}.`);
    const published = new Date(now - Math.floor(r() * yearMs)).toISOString();
    out.push(JSON.stringify({
      url: `https://news${i % 7}.example.com/${published.slice(0, 10)}/story-${seed}-${i}`,
      title: sentences[0].slice(0, 60),
      published,
      feed: feeds[i % feeds.length],
      text: sentences.join('\n'),
    }));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count = '200000', seed = '1'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node bench/history-fixture.js OUT.jsonl [ARTICLES] [SEED]');
  const stream = createWriteStream(file);
  const total = Number(count);
  for (let from = 0; from < total; from += 10_000) {
    // Same sequence as one call: the seed advances per chunk.
    const chunk = historyLines(Math.min(10_000, total - from), Number(seed) * 1000 + from / 10_000);
    stream.write(`${chunk.join('\n')}\n`);
  }
  stream.end();
}
