import type { PowerFigure } from '../model.js';
import type { Story, StoryArticle } from './story-types.js';

// The day's power figures for display: one unit scale per figure (kW/MW/GW/TW, kWh … TWh),
// ranges, open ends and densities kept ("50–100 MW", "100+ kW", "20 kW/rack"), and the same
// figure about the same company from several outlets shown once with every source. Pure.

const PREFIXES: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
];

/** The prefix that puts `si` in [1, 1000) (the largest one ≤ si), so 2.5e9 W reads "2.5 GW". */
function prefixFor(si: number): [number, string] {
  const abs = Math.abs(si);
  return PREFIXES.find(([scale]) => abs >= scale) ?? PREFIXES[PREFIXES.length - 1]!;
}

/** Up to 3 significant digits, no trailing zeros: 2.5, 120, 0.75. */
function num(x: number): string {
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return String(Number(x.toFixed(Math.min(digits, 6))));
}

/** "2.5 GW", "50–100 MW", "100+ kW", "20 kW/rack", "1.2 TWh". */
export function formatFigure(f: PowerFigure): string {
  const base = f.kind === 'energy' ? 'Wh' : 'W';
  // A range is shown in the scale of its upper end ("500 kW–1.2 MW" reads worse than "0.5–1.2 MW").
  const [scale, prefix] = prefixFor(f.siMax ?? f.si);
  const unit = `${prefix}${base}${f.per ? `/${f.per}` : ''}`;
  const low = num(f.si / scale);
  if (f.siMax !== undefined && f.siMax !== f.si) return `${low}–${num(f.siMax / scale)} ${unit}`;
  return `${low}${f.orMore ? '+' : ''} ${unit}`;
}

export interface PowerRow {
  /** Normalized display text. */
  figure: string;
  kind: PowerFigure['kind'];
  /** Watts or watt-hours (lower end), for sorting. */
  si: number;
  /** The watch-list company the sentence names (first), else the story's subject, else null. */
  company: string | null;
  /** The sentence it was stated in (first source's). */
  context: string;
  sources: StoryArticle[];
}

/** Rows of the power-figures table: biggest first within power, then energy. */
export function powerTable(stories: readonly Story[]): PowerRow[] {
  const rows = new Map<string, PowerRow>();
  for (const s of stories) {
    const byId = new Map(s.articles.map((a) => [a.id, a]));
    for (const { figure, sentence } of s.figures) {
      const display = formatFigure(figure);
      const company = sentence.entities[0] ?? s.subject;
      const key = `${figure.kind}|${display}|${company ?? ''}`;
      const source = byId.get(sentence.articleId);
      const row = rows.get(key);
      if (row) {
        if (source && !row.sources.some((a) => a.id === source.id || a.outlet === source.outlet)) row.sources.push(source);
        continue;
      }
      rows.set(key, { figure: display, kind: figure.kind, si: figure.si, company, context: sentence.text, sources: source ? [source] : [] });
    }
  }
  return [...rows.values()].sort((a, b) => (a.kind === b.kind ? b.si - a.si : a.kind === 'power' ? -1 : 1));
}
