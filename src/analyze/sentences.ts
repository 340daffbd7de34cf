import SentenceTokenizer from 'natural/lib/natural/tokenizers/sentence_tokenizer.js';

/** One sentence of the analyzed text; `start`/`end` are UTF-16 offsets into that text. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

// Dots that end no sentence are masked (same length, so offsets survive) before natural
// sees the text: natural's own abbreviation option matches case-insensitively without word
// boundaries ("No." would also hide the end of "piano."), so we decide here instead.
const MASK = '\uE000';

/** Titles: their dot never ends a sentence when a word follows ("Dr. Li", "Jan. 5"). Case-sensitive. */
const TITLES = ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sen', 'Rep', 'Gov', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Cmdr', 'Adm', 'Rev', 'Hon', 'Rt', 'Pres', 'St', 'Mt', 'Ft', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];
/** Never end a sentence. */
const ALWAYS_INSIDE = ['vs', 'e.g', 'i.e', 'approx', 'cf'];
/** Only before a number: "No. 1", "Fig. 3" (but "he said no." ends one). */
const BEFORE_NUMBER = ['No', 'Nos', 'Fig', 'Vol', 'Art', 'p', 'pp'];
/** May end a sentence: masked only when what follows is lower-case, a number or punctuation. */
const TRAILING = ['Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Jr', 'Sr', 'etc', 'Ave', 'Dept'];
/** Words that start a new sentence after an initialism such as "U.S.". */
const SENTENCE_STARTERS = ['The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'In', 'On', 'At', 'But', 'However', 'Meanwhile', 'And', 'A', 'An', 'As', 'If', 'For', 'Still', 'Yet', 'So'];

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: string[]): string => words.map(esc).join('|');

// Explicit character ranges rather than \\p{…} properties: each property class costs
// milliseconds to compile, and this module is compiled at every CLI start.
const L = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const LU = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0391-\\u03A9\\u0410-\\u042F';
const LL = 'a-z\\u00DF-\\u00F6\\u00F8-\\u00FF\\u03B1-\\u03C9\\u0430-\\u044F';
const N = '0-9';
const B = `(?<![${L}${N}.])`;
/**
 * Every dot that ends no sentence, in one pass. The pattern starts with the dot itself and
 * each rule is a look-behind/look-ahead pair around it, so the engine jumps from dot to dot
 * instead of trying every rule at every character.
 */
const INNER_DOT_RE = new RegExp(
  `\\.(?:${[
    `(?<=${B}(?:${alt(TITLES)})\\.)(?=\\s*[${L}${N}(\\[])`,
    `(?<=${B}(?:${alt(ALWAYS_INSIDE)})\\.)`,
    // The inner dots of e.g., i.e., a.m., p.m.; the last dot of a.m./p.m. unless a sentence plainly starts after it.
    `(?<=${B}[eiap]\\.)(?=[egm]\\.)`,
    `(?<=${B}[ap]\\.m\\.)(?!\\s+(?:${alt(SENTENCE_STARTERS)})(?![${L}]))`,
    `(?<=${B}(?:${alt(BEFORE_NUMBER)})\\.)(?=\\s*[${N}])`,
    `(?<=${B}(?:${alt(TRAILING)})\\.)(?=\\s+[${LL}${N}]|\\s*[,;:)])`,
    // Initialisms: inner dots always ("U.S.-China"), the last unless a sentence plainly starts after it.
    `(?<=(?<![${L}${N}])(?:[${LU}]\\.)*[${LU}]\\.)(?=[${LU}]\\.)`,
    `(?<=(?<![${L}${N}])(?:[${LU}]\\.)+[${LU}]\\.)(?!\\s+(?:${alt(SENTENCE_STARTERS)})(?![${L}]))`,
    // A single initial before a capitalised word: "J. Smith", "Jensen H. Huang"; not a unit
    // after a number ("draws 700 W. Nvidia said").
    `(?<=${B}(?<![${N}]\\s?)[${LU}]\\.)(?=\\s*[${LU}][${LL}.])`,
    // A decimal point or thousands dot between digits: 2.5, 1.000.000.
    `(?<=[${N}]\\.)(?=[${N}])`,
    // A dot inside a domain or file name: aicnbc.com, example.co.uk.
    `(?<=[${L}${N}]\\.)(?=[${LL}${N}]{2,})`,
  ].join('|')})`,
  'gu',
);
/** An ellipsis followed by a lower-case word or a number continues the sentence. */
const ELLIPSIS_RE = new RegExp(`(?:\\.{3}|…)(?=\\s*[${LL}${N},;])`, 'gu');

/**
 * Chinese sentence ends: 。！？ (runs of them, "？！"), plus closing quotes/brackets after them.
 * ； is deliberately not an end: it joins clauses of one sentence in Chinese news, and an
 * event needs the whole sentence (the company in one clause, the figure in the next).
 */
const CJK_END_RE = /[。！？!?…]*[。！？](?:[”’」』）》)\]"']+)?/gu;

// natural's SentenceTokenizer swaps every number, address and delimiter for a placeholder
// and back; its own way back builds one RegExp per placeholder and scans the whole piece
// with each (quadratic in the paragraph, and ~0.1 ms a sentence in RegExp compilation).
// Same rule, same answers, one scan: every placeholder looked up in natural's own maps.
interface TokenizerMaps {
  replacementMap: Map<string, string>;
  delimiterMap: Map<string, string>;
}
const PLACEHOLDER_RE = /\{\{(?:URI|NUMBER|ABBREV)_\d+\}\}/g;
const DELIM_RE = /\{\{DELIM_\d+\}\}/g;
const DELIM_SPLIT_RE = /(\{\{DELIM_\d+\}\})/;

class LinearSentenceTokenizer extends SentenceTokenizer {
  revertReplacements(text: string): string {
    const map = (this as unknown as TokenizerMaps).replacementMap;
    return map.size === 0 || !text.includes('{{') ? text : text.replace(PLACEHOLDER_RE, (p) => map.get(p) ?? p);
  }

  revertDelimiters(text: string): string {
    const map = (this as unknown as TokenizerMaps).delimiterMap;
    return map.size === 0 || !text.includes('{{') ? text : text.replace(DELIM_RE, (p) => map.get(p) ?? p);
  }

  splitOnPlaceholders(text: string): string[] {
    if ((this as unknown as TokenizerMaps).delimiterMap.size === 0) return [text];
    const parts = text.split(DELIM_SPLIT_RE);
    const sentences: string[] = [];
    for (let i = 0; i < parts.length; i += 2) sentences.push((parts[i] as string) + (parts[i + 1] ?? ''));
    return sentences;
  }
}

const tokenizer = new LinearSentenceTokenizer([], true);
const HAS_LATIN_END = /[.?!…]/;
const CLOSING = new Set(['.', '?', '!', '…', '"', "'", '”', '’', ')', '}', ']', ' ', '\t', '\u00a0', MASK]);

/**
 * Splits text into sentences: paragraphs ("\n") first, then Chinese sentence ends, then
 * natural's SentenceTokenizer for Latin punctuation. Offsets index the given text exactly.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const masked = maskNonBoundaryDots(text);
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd > lineStart) splitParagraph(text, masked, lineStart, lineEnd, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

function maskNonBoundaryDots(text: string): string {
  if (!text.includes('.') && !text.includes('…')) return text;
  // One MASK per dot or ellipsis character, so every offset stays put.
  const hide = (m: string): string => m.replace(/[.…]/g, MASK);
  return text.replace(INNER_DOT_RE, hide).replace(ELLIPSIS_RE, hide);
}

function splitParagraph(text: string, masked: string, start: number, end: number, out: Sentence[]): void {
  // Chinese ends first: natural knows nothing of 。！？.
  const para = masked.slice(start, end);
  CJK_END_RE.lastIndex = 0;
  let from = 0;
  for (let m = CJK_END_RE.exec(para); m !== null; m = CJK_END_RE.exec(para)) {
    const to = m.index + m[0].length;
    splitLatin(text, masked, start + from, start + to, out);
    from = to;
  }
  if (from < para.length) splitLatin(text, masked, start + from, end, out);
}

function splitLatin(text: string, masked: string, start: number, end: number, out: Sentence[]): void {
  const chunk = masked.slice(start, end);
  // No sentence end before the closing punctuation: one sentence, natural has nothing to split.
  let body = chunk.length;
  while (body > 0 && CLOSING.has(chunk[body - 1] as string)) body--;
  if (!HAS_LATIN_END.test(chunk.slice(0, body))) {
    push(text, start, end, out);
    return;
  }
  let cursor = 0;
  for (const sentence of tokenizer.tokenize(chunk)) {
    const at = chunk.indexOf(sentence, cursor);
    if (at < 0) continue; // natural returned text it did not take from the input; skip rather than misplace
    push(text, start + at, start + at + sentence.length, out);
    cursor = at + sentence.length;
  }
}

function push(text: string, start: number, end: number, out: Sentence[]): void {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (end <= start) return;
  out.push({ index: out.length, start, end, text: text.slice(start, end) });
}
