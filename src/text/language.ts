// The language of a page: what the page declares, checked against what its text is
// written in. Only the script is detected (Han → zh, kana → ja, Hangul → ko, ...), and for
// Latin text only English, by its function words; other Latin-script text is 'und'.

/** 'en-US' → 'en', 'zh_Hans_CN' → 'zh'; '' when the tag is not a language. */
export function primaryTag(tag: string | null | undefined): string {
  if (!tag) return '';
  const m = /^\s*([a-z]{2,3})(?:$|[-_\s])/i.exec(tag);
  return m?.[1] ? m[1].toLowerCase() : '';
}

/** Letters counted by script in one pass over (at most) the first 20,000 characters. */
interface ScriptCounts {
  latin: number;
  han: number;
  kana: number;
  hangul: number;
  cyrillic: number;
  arabic: number;
  greek: number;
  hebrew: number;
  thai: number;
  devanagari: number;
}

function countScripts(text: string): ScriptCounts {
  const c: ScriptCounts = { latin: 0, han: 0, kana: 0, hangul: 0, cyrillic: 0, arabic: 0, greek: 0, hebrew: 0, thai: 0, devanagari: 0 };
  const n = Math.min(text.length, 20000);
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch < 0x80) {
      if ((ch | 0x20) >= 0x61 && (ch | 0x20) <= 0x7a) c.latin++;
    } else if (ch >= 0x4e00 && ch <= 0x9fff) c.han++;
    else if (ch >= 0xc0 && ch <= 0x24f) c.latin++;
    else if (ch >= 0x3040 && ch <= 0x30ff) c.kana++;
    else if ((ch >= 0xac00 && ch <= 0xd7af) || (ch >= 0x1100 && ch <= 0x11ff)) c.hangul++;
    else if (ch >= 0x3400 && ch <= 0x4dbf) c.han++;
    else if (ch >= 0x400 && ch <= 0x4ff) c.cyrillic++;
    else if (ch >= 0x600 && ch <= 0x6ff) c.arabic++;
    else if (ch >= 0x370 && ch <= 0x3ff) c.greek++;
    else if (ch >= 0x590 && ch <= 0x5ff) c.hebrew++;
    else if (ch >= 0xe00 && ch <= 0xe7f) c.thai++;
    else if (ch >= 0x900 && ch <= 0x97f) c.devanagari++;
  }
  return c;
}

const ENGLISH_WORDS = /\b(the|and|of|to|in|is|that|for|with|was|on|are|as|it|by|this|from|has|have|be)\b/gi;

/** The language the script points to, 'latin' for Latin script, '' for no letters. */
function scriptLanguage(text: string): string {
  const c = countScripts(text);
  // A Japanese text is mostly Han with some kana; a few kana are enough to tell it from Chinese.
  const ja = c.kana > 0 && c.kana > c.han * 0.1;
  const scripts: [string, number][] = [
    [ja ? 'ja' : 'zh', c.han + (ja ? c.kana : 0)], ['ko', c.hangul], ['ru', c.cyrillic], ['ar', c.arabic],
    ['el', c.greek], ['he', c.hebrew], ['th', c.thai], ['hi', c.devanagari], ['ja', ja ? 0 : c.kana],
  ];
  let best = '';
  let bestCount = 0;
  for (const [lang, n] of scripts) {
    if (n > bestCount) {
      best = lang;
      bestCount = n;
    }
  }
  // One CJK character carries about as much as a short Latin word (~3 letters).
  const weighted = best === 'zh' || best === 'ja' || best === 'ko' ? bestCount * 3 : bestCount;
  if (weighted > c.latin) return best;
  return c.latin === 0 ? '' : 'latin';
}

/** The language a non-Latin script points to (Han → zh, kana → ja, ...); '' for Latin script or no letters. Cheap: no word counts. */
export function detectScriptLanguage(text: string): string {
  const script = scriptLanguage(text);
  return script === 'latin' ? '' : script;
}

/** The language the text's script and, for Latin, its words point to; '' for no text. */
export function detectLanguage(text: string): string {
  const script = scriptLanguage(text);
  if (script !== 'latin') return script;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const words = sample.match(/[A-Za-z]+/g)?.length ?? 0;
  return words > 0 && (sample.match(ENGLISH_WORDS)?.length ?? 0) / words > 0.12 ? 'en' : 'und';
}

const CJK = new Set(['zh', 'ja', 'ko']);

/**
 * The declared language, unless the text plainly says otherwise: templates often keep
 * lang="en" on pages written in Chinese, and a Chinese page is what matters here.
 */
export function chooseLanguage(declared: string, text: string): string {
  if (!declared) return detectLanguage(text) || 'und';
  const script = scriptLanguage(text);
  if (script === 'latin') return CJK.has(declared) ? detectLanguage(text) : declared;
  if (script && CJK.has(script) !== CJK.has(declared)) return script;
  return declared;
}
