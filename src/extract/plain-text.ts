import type { MainContent } from '../model.js';
import { chooseLanguage } from '../text/language.js';

/**
 * Plain text taken as the article itself (`extract --text`): one paragraph per non-blank
 * line, whitespace collapsed within lines. No title is guessed — a first line may as well
 * be the first paragraph — so `title` is "".
 */
export function plainTextContent(input: string): MainContent {
  const text = input
    .replace(/\r\n?/g, '\n')
    .split('\n')
    // eslint-disable-next-line no-control-regex
    .map((line) => line.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
  return { title: '', text, lang: chooseLanguage('', text), published: null, author: null, canonicalUrl: null };
}
