import { ApiError } from './errors.js';

// A power-figure bound as people write it: "1GW", "1.5 GW", "500 MW", "2TWh", or a bare
// number in W (or Wh for kind=energy). The unit says the kind; it must agree with `kind`.

const UNITS: Record<string, { kind: 'power' | 'energy'; factor: number }> = {};
for (const [prefix, factor] of [['', 1], ['k', 1e3], ['m', 1e6], ['g', 1e9], ['t', 1e12]] as const) {
  UNITS[`${prefix}w`] = { kind: 'power', factor };
  UNITS[`${prefix}wh`] = { kind: 'energy', factor };
}

export interface PowerBound {
  si: number;
  kind: 'power' | 'energy' | null;
}

export function parsePowerBound(value: string, param: string): PowerBound {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[(m[2] as string).toLowerCase()] : undefined;
  if (!m || (m[2] !== '' && !unit) || !Number.isFinite(Number(m[1]))) {
    throw new ApiError(400, `"${param}" must be a number with an optional unit (W, kW, MW, GW, TW, Wh … TWh), got ${JSON.stringify(value)}`, param);
  }
  return { si: Number(m[1]) * (unit?.factor ?? 1), kind: unit?.kind ?? null };
}

/** The figure filter of a query: kind from `kind` or the units, which must agree. */
export function figureFilter(kind: string | undefined, min: string | undefined, max: string | undefined): { figureKind?: 'power' | 'energy'; minSi?: number; maxSi?: number } {
  const lo = min !== undefined ? parsePowerBound(min, 'min') : null;
  const hi = max !== undefined ? parsePowerBound(max, 'max') : null;
  const kinds = new Set([kind, lo?.kind, hi?.kind].filter((k): k is string => typeof k === 'string'));
  if (kinds.size > 1) throw new ApiError(400, `"kind", "min" and "max" disagree on the kind of figure (${[...kinds].join(' vs ')})`, min !== undefined ? 'min' : 'max');
  if (!kinds.size && !lo && !hi) return {};
  const out: { figureKind?: 'power' | 'energy'; minSi?: number; maxSi?: number } = { figureKind: ([...kinds][0] ?? 'power') as 'power' | 'energy' };
  if (lo) out.minSi = lo.si;
  if (hi) out.maxSi = hi.si;
  return out;
}
