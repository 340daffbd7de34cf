import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One labelled figure, as in passages.yaml: [text, value, unit, extra?]. */
type RawFigure = [string, number, string, { max?: number; orMore?: boolean; per?: string }?];
interface RawSource {
  src: string;
  lang: string;
  passages: { text: string; figs: RawFigure[] }[];
}

export interface GoldFigure {
  text: string;
  value: number;
  unit: string;
  kind: 'power' | 'energy';
  si: number;
  max?: number;
  siMax?: number;
  per?: string;
}
export interface Passage {
  src: string;
  lang: string;
  heldOut: boolean;
  text: string;
  figures: GoldFigure[];
}
/** What a parser under test returns per figure (PowerFigure's fields that matter here). */
export interface FoundFigure {
  text: string;
  value: number;
  unit: string;
  kind: string;
  si: number;
  max?: number;
  per?: string;
}

const PREFIX: Record<string, number> = { '': 0, k: 3, M: 6, G: 9, T: 12 };

export function siOf(value: number, unit: string): number {
  const m = /^([kMGT]?)Wh?$/u.exec(unit);
  if (!m) throw new Error(`unknown unit ${unit}`);
  return Number(`${value}e${PREFIX[m[1] as string]}`);
}

/** A page is held out when sha1(url) mod 5 == 0: a split by source page, fixed in advance. */
export function isHeldOut(src: string): boolean {
  return parseInt(createHash('sha1').update(src).digest('hex').slice(0, 8), 16) % 5 === 0;
}

export function loadPassages(file: string): Passage[] {
  const sources = parse(readFileSync(file, 'utf8')) as RawSource[];
  return sources.flatMap((s) =>
    s.passages.map((p) => ({
      src: s.src,
      lang: s.lang,
      heldOut: isHeldOut(s.src),
      text: p.text,
      figures: p.figs.map(([text, value, unit, extra]) => {
        const fig: GoldFigure = { text, value, unit, kind: unit.endsWith('h') ? 'energy' : 'power', si: siOf(value, unit) };
        if (extra?.max !== undefined) {
          fig.max = extra.max;
          fig.siMax = siOf(extra.max, unit);
        }
        if (extra?.per !== undefined) fig.per = extra.per;
        return fig;
      }),
    })),
  );
}

const close = (a: number | undefined, b: number | undefined): boolean =>
  a === undefined || b === undefined ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Strict: kind, si, per and the range's upper end. Lenient: kind and si only (comparable across range conventions). */
export type Mode = 'strict' | 'lenient';

function same(g: GoldFigure, f: FoundFigure, mode: Mode): boolean {
  if (g.kind !== f.kind || !close(g.si, f.si)) return false;
  if (mode === 'lenient') return true;
  const fSiMax = f.max === undefined ? undefined : siOf(f.max, f.unit);
  return close(g.siMax, fSiMax) && (g.per ?? '') === (f.per ?? '');
}

/** The families a figure belongs to (a figure can be in several). */
export function families(lang: string, fig: { text: string; max?: number; per?: string; unit: string }): string[] {
  const out = [lang === 'en' ? 'english' : lang === 'zh-Hant' ? 'traditional' : 'simplified'];
  // What is left once units, denominators and 万/亿 multipliers are gone is the number itself.
  const numberPart = fig.text
    .replace(/\s*(?:per\b|\/).*$/su, '')
    .replace(/(?:kilo|mega|giga|tera)?watts?(?:-hours?)?|[kKmMgGtT]?[wW][hHeEp]?|(?:百万|千|兆|吉|太)?(?:瓦特|瓦|瓩)(?:时|時)?|度/gu, '');
  if (/[a-zA-Z〇零一二两兩三四五六七八九十百千]/u.test(numberPart)) out.push('number-words');
  if (fig.max !== undefined) out.push('range');
  if (fig.per !== undefined) out.push('per-unit');
  if (fig.unit === 'TWh' || fig.unit === 'GWh') out.push('TWh/GWh');
  return out;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score {
  byFamily: Map<string, Counts>;
  textExact: number;
  negatives: { passages: number; falseAlarms: number };
  errors: string[];
}

export function score(passages: Passage[], find: (text: string) => FoundFigure[], mode: Mode): Score {
  const byFamily = new Map<string, Counts>();
  const bump = (fams: string[], k: keyof Counts): void => {
    for (const fam of [...fams, 'all']) {
      const c = byFamily.get(fam) ?? { tp: 0, fp: 0, fn: 0 };
      c[k]++;
      byFamily.set(fam, c);
    }
  };
  let textExact = 0;
  const negatives = { passages: 0, falseAlarms: 0 };
  const errors: string[] = [];
  for (const p of passages) {
    const found = find(p.text);
    const unmatched = [...found];
    if (p.figures.length === 0) {
      negatives.passages++;
      negatives.falseAlarms += found.length;
    }
    for (const g of p.figures) {
      const i = unmatched.findIndex((f) => same(g, f, mode));
      if (i < 0) {
        bump(families(p.lang, g), 'fn');
        errors.push(`FN ${JSON.stringify(g.text)} (${g.si}${g.per ? ` per ${g.per}` : ''}${g.siMax ? ` max ${g.siMax}` : ''}) in: ${p.text.slice(0, 90)}`);
        continue;
      }
      const f = unmatched.splice(i, 1)[0] as FoundFigure;
      if (f.text === g.text) textExact++;
      bump(families(p.lang, g), 'tp');
    }
    for (const f of unmatched) {
      bump(families(p.lang, f), 'fp');
      errors.push(`FP ${JSON.stringify(f.text)} (${f.si}${f.per ? ` per ${f.per}` : ''}${f.max ? ` max ${f.max}` : ''}) in: ${p.text.slice(0, 90)}`);
    }
  }
  return { byFamily, textExact, negatives, errors };
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

export function table(s: Score): string {
  const rows = [...s.byFamily.entries()].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)));
  return rows
    .map(([fam, c]) => {
      const { p, r, f1 } = prf(c);
      return `${fam.padEnd(14)} P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
    })
    .join('\n');
}
