// Two encoding accidents common enough in feeds to undo:
// - C1 control characters (U+0080–U+009F) where the publisher meant Windows-1252's
//   punctuation: "don\u0092t" → "don’t" (feedparser calls this demoronizing).
// - UTF-8 read as Windows-1252/Latin-1 and encoded again: "â€¦" → "…". Repaired only
//   when the whole string round-trips to valid UTF-8, which ordinary text never does.

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<string, number>([...CP1252_HIGH].map((c, i) => [c, 0x80 + i]));
const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;
// A UTF-8 lead byte followed by a continuation byte, both as Windows-1252/Latin-1 characters.
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function undoDoubleEncoding(s: string): string {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const b = code <= 0xff ? code : CP1252_BYTE.get(s[i] ?? '');
    if (b === undefined) return s;
    bytes[i] = b;
  }
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return s;
  }
}

export function repairText(s: string): string {
  let out = s;
  if (MOJIBAKE.test(out)) out = undoDoubleEncoding(out);
  if (C1.test(out)) out = out.replace(C1_ALL, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  return out;
}
