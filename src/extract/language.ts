// The language of a page: what the page declares, checked against what its text is
// written in. Only the script is detected (Han → zh, kana → ja, Hangul → ko, ...), and for
// Latin text only English, by its function words; other Latin-script text is 'und'.

/** 'en-US' → 'en', 'zh_Hans_CN' → 'zh'; '' when the tag is not a language. */
export function primaryTag(tag: string | null | undefined): string {
  if (!tag) return '';
  const m = /^\s*([a-z]{2,3})(?:$|[-_\s])/i.exec(tag);
  return m?.[1] ? m[1].toLowerCase() : '';
}

const SCRIPTS: { lang: string; re: RegExp }[] = [
  { lang: 'ja', re: /[\u3040-\u30ff]/g },
  { lang: 'ko', re: /[\uac00-\ud7af\u1100-\u11ff]/g },
  { lang: 'zh', re: /[\u4e00-\u9fff\u3400-\u4dbf]/g },
  { lang: 'ru', re: /[\u0400-\u04ff]/g },
  { lang: 'ar', re: /[\u0600-\u06ff]/g },
  { lang: 'el', re: /[\u0370-\u03ff]/g },
  { lang: 'he', re: /[\u0590-\u05ff]/g },
  { lang: 'th', re: /[\u0e00-\u0e7f]/g },
  { lang: 'hi', re: /[\u0900-\u097f]/g },
];

const LATIN = /[A-Za-z\u00c0-\u024f]/g;
const ENGLISH_WORDS = /\b(the|and|of|to|in|is|that|for|with|was|on|are|as|it|by|this|from|has|have|be)\b/gi;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** The language the text's script and, for Latin, its words point to; '' for no text. */
export function detectLanguage(text: string): string {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const latin = count(LATIN, sample);
  let best = '';
  let bestCount = 0;
  for (const { lang, re } of SCRIPTS) {
    const n = count(re, sample);
    if (n > bestCount) {
      best = lang;
      bestCount = n;
    }
  }
  // A Japanese text is mostly Han with some kana; a few kana are enough to tell it from Chinese.
  if (best === 'zh') {
    const kana = count(SCRIPTS[0]!.re, sample);
    if (kana > bestCount * 0.1) best = 'ja';
  }
  // One CJK character carries about as much as a short Latin word (~3 letters).
  const weighted = best === 'zh' || best === 'ja' || best === 'ko' ? bestCount * 3 : bestCount;
  if (weighted > latin) return best;
  if (latin === 0) return '';
  const words = sample.match(/[A-Za-z]+/g)?.length ?? 0;
  return words > 0 && count(ENGLISH_WORDS, sample) / words > 0.12 ? 'en' : 'und';
}

const CJK = new Set(['zh', 'ja', 'ko']);

/**
 * The declared language, unless the text plainly says otherwise: templates often keep
 * lang="en" on pages written in Chinese, and a Chinese page is what matters here.
 */
export function chooseLanguage(declared: string, text: string): string {
  const detected = detectLanguage(text);
  if (!declared) return detected || 'und';
  if (detected && CJK.has(detected) !== CJK.has(declared)) return detected;
  return declared;
}
