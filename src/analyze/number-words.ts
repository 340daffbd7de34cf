// English numbers written in words, as news writes them before a unit: "two", "twenty-five",
// "one hundred twenty", "three hundred and fifty", "a hundred", "five thousand". Large
// scales (million, billion, trillion) are multipliers handled beside a number, not here.

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000 };

const WORD = [...Object.keys(SMALL), ...Object.keys(SCALE)].sort((a, b) => b.length - a.length).join('|');
/**
 * A run of number words: joined by spaces or hyphens; "and" only after a scale word
 * ("three hundred and fifty"), so "between one and two" stays two numbers.
 */
export const NUMBER_WORDS = `(?:${WORD})(?:(?:[\\t \\u00a0-]+|(?<=hundred|thousand)[\\t \\u00a0]+and[\\t \\u00a0]+)(?:${WORD}))*`;

/** The value of a run matched by NUMBER_WORDS; null when the words do not form a number ("one two"). */
export function parseNumberWords(phrase: string): number | null {
  const words = phrase.toLowerCase().split(/[\s-]+/u).filter((w) => w !== 'and');
  let total = 0;
  let group: number | null = null; // the part below the last "thousand"
  let lastSmall = Infinity; // the last word's value inside the group, to refuse "one two" or "twenty thirty"
  for (const w of words) {
    const small = SMALL[w];
    if (small !== undefined) {
      // Tens before units ("twenty five"), never two units or two tens in a row.
      if (group !== null && !(lastSmall >= 20 && lastSmall % 10 === 0 && small < 10) && lastSmall !== Infinity) return null;
      group = (group ?? 0) + small;
      lastSmall = small;
      continue;
    }
    const scale = SCALE[w] as number;
    if (scale === 100) {
      group = (group ?? 1) * 100;
    } else {
      total += (group ?? 1) * scale;
      group = null;
    }
    lastSmall = Infinity;
  }
  return total + (group ?? 0);
}
