import { FilterError } from './filter-error.js';

// A power-figure bound as people write it: "1GW", "1.5 gw", "500 MW", "2TWh", "1,200 kW",
// "3 gigawatts", "50万千瓦", or a bare number in W (or Wh for kind=energy). Case does not
// matter ("mw" is megawatts: nobody filters news by milliwatts). The unit says the kind;
// it must agree with `kind`.

type Kind = 'power' | 'energy';
const UNITS = new Map<string, { kind: Kind; factor: number }>();
const PREFIXES = [['', '', 1], ['k', 'kilo', 1e3], ['m', 'mega', 1e6], ['g', 'giga', 1e9], ['t', 'tera', 1e12]] as const;
for (const [short, long, factor] of PREFIXES) {
  UNITS.set(`${short}w`, { kind: 'power', factor });
  UNITS.set(`${short}wh`, { kind: 'energy', factor });
  for (const word of [`${long}watt`, `${long}watts`]) UNITS.set(word, { kind: 'power', factor });
  for (const word of [`${long}watt-hour`, `${long}watt-hours`, `${long}watt hour`, `${long}watt hours`, `${long}watthour`, `${long}watthours`]) UNITS.set(word, { kind: 'energy', factor });
}
// Chinese units as the analyzer reads them (度 is a kilowatt-hour).
for (const [unit, kind, factor] of [
  ['瓦', 'power', 1], ['千瓦', 'power', 1e3], ['兆瓦', 'power', 1e6], ['吉瓦', 'power', 1e9], ['太瓦', 'power', 1e12], ['万千瓦', 'power', 1e7], ['亿千瓦', 'power', 1e11],
  ['瓦时', 'energy', 1], ['千瓦时', 'energy', 1e3], ['度', 'energy', 1e3], ['万千瓦时', 'energy', 1e7], ['亿千瓦时', 'energy', 1e11], ['兆瓦时', 'energy', 1e6], ['吉瓦时', 'energy', 1e9],
] as const) UNITS.set(unit, { kind, factor });

export interface PowerBound {
  si: number;
  kind: Kind | null;
}

const FORM = /^\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?)\s*(.*?)\s*$/i;

export function parsePowerBound(value: string, param: string): PowerBound {
  const m = FORM.exec(value);
  const unitText = (m?.[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const unit = unitText === '' ? undefined : UNITS.get(unitText);
  if (!m || (unitText !== '' && !unit)) {
    throw new FilterError(param, `must be a number with an optional unit (W, kW, MW, GW, TW, Wh … TWh, or in words), got ${JSON.stringify(value)}`);
  }
  const si = Number((m[1] as string).replace(/,/g, '')) * (unit?.factor ?? 1);
  if (!Number.isFinite(si)) throw new FilterError(param, `is too large, got ${JSON.stringify(value)}`);
  return { si, kind: unit?.kind ?? null };
}

export interface FigureFilter {
  figureKind?: Kind;
  minSi?: number;
  maxSi?: number;
}

/** The figure filter of a query: kind from `kind` or the units, which must agree. */
export function figureFilter(kind: string | undefined, min: string | undefined, max: string | undefined): FigureFilter {
  if (kind !== undefined && kind !== 'power' && kind !== 'energy') throw new FilterError('kind', `must be "power" or "energy", got ${JSON.stringify(kind)}`);
  const lo = min !== undefined ? parsePowerBound(min, 'min') : null;
  const hi = max !== undefined ? parsePowerBound(max, 'max') : null;
  const kinds = new Set([kind, lo?.kind, hi?.kind].filter((k): k is Kind => typeof k === 'string'));
  if (kinds.size > 1) {
    // The bound whose unit disagrees is at fault: min's when it disagrees with kind or max, else max's.
    const param = lo?.kind && (kind ?? hi?.kind ?? lo.kind) !== lo.kind ? 'min' : 'max';
    const own = (param === 'min' ? lo : hi)?.kind as Kind;
    throw new FilterError(param, `is ${own === 'power' ? 'a power (W)' : 'an energy (Wh)'} figure, but the query asks for ${own === 'power' ? 'energy' : 'power'}: "kind", "min" and "max" disagree on the kind of figure`);
  }
  if (lo && hi && lo.si > hi.si) throw new FilterError('min', `is above "max" (${min} > ${max})`);
  if (!kinds.size && !lo && !hi) return {};
  const out: FigureFilter = { figureKind: [...kinds][0] ?? 'power' };
  if (lo) out.minSi = lo.si;
  if (hi) out.maxSi = hi.si;
  return out;
}
