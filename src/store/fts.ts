// Text in and out of the FTS5 index. Pure.
//
// unicode61 splits on spaces and punctuation, so a run of Chinese or Japanese, which has
// neither, would be one token and "华为" would not find "华为发布昇腾". Each such
// character is therefore indexed as its own token, and a query term is searched as the
// phrase of its characters: the classic unigram approach, exact and language-free.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The text as written into the index: CJK characters spaced apart, the rest as is. */
export function ftsIndexText(text: string): string {
  return CJK.test(text) ? text.replace(CJK_ALL, ' $& ') : text;
}

interface Term {
  text: string;
  prefix: boolean;
  negated: boolean;
}

type Token = Term | 'OR';

/** Splits what a person typed into quoted phrases, bare words and OR. Never throws. */
function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let negated = false;
    if (c === '-' && i + 1 < input.length && !/\s/.test(input[i + 1] as string)) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      // An unbalanced quote takes the rest of the input as the phrase.
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      out.push({ text: input.slice(i + 1, end), prefix: false, negated });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j] as string) && input[j] !== '"') j++;
    const word = input.slice(i, j);
    i = j;
    if (word === 'OR' && !negated) out.push('OR');
    else out.push({ text: word.replace(/\*+$/, ''), prefix: word.endsWith('*') && word.length > 1, negated });
  }
  return out;
}

/** One term as an FTS5 string (a quoted phrase, so no character in it is syntax), or null when it has no word in it. */
function phrase(term: Term): string | null {
  if (!WORD_CHAR.test(term.text)) return null;
  const body = ftsIndexText(term.text).replace(/"/g, '""').replace(/\s+/g, ' ').trim();
  return `"${body}"${term.prefix ? ' *' : ''}`;
}

/**
 * A safe FTS5 MATCH expression from what a person typed: words and "quoted phrases" must
 * all match; OR between terms gives alternatives; -word excludes; word* is a prefix.
 * Everything else is taken literally, so no input is a syntax error. Returns null when
 * nothing searchable is left (only punctuation, only exclusions).
 */
export function toFtsQuery(input: string): string | null {
  const groups: string[][] = [[]];
  const excluded: string[] = [];
  for (const token of tokenize(input)) {
    if (token === 'OR') {
      if ((groups[groups.length - 1] as string[]).length) groups.push([]);
      continue;
    }
    const p = phrase(token);
    if (p === null) continue;
    if (token.negated) excluded.push(p);
    else (groups[groups.length - 1] as string[]).push(p);
  }
  const alternatives = groups.filter((g) => g.length).map((g) => (g.length === 1 ? (g[0] as string) : `(${g.join(' AND ')})`));
  if (!alternatives.length) return null;
  const positive = alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`;
  return excluded.length ? `${positive} NOT (${excluded.join(' OR ')})` : positive;
}
