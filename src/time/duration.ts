// Durations and sizes as people write them in config files and flags: "15m", "1h30m",
// "500ms", "2d"; "10MB", "512KiB". Pure; null on anything else so callers can say
// where the bad value was.

const DURATION_UNITS: Record<string, number> = {
  ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};

/** Milliseconds, or null when the text is not a duration. A bare number means seconds. */
export function parseDuration(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text * 1000 : null;
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const part = /(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(s); m; m = part.exec(s)) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    matched = part.lastIndex;
  }
  return matched > 0 && matched === s.length ? Math.round(total) : null;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1, kb: 1000, mb: 1_000_000, gb: 1_000_000_000, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, k: 1024, m: 1024 ** 2, g: 1024 ** 3,
};

/** Bytes, or null when the text is not a size. A bare number means bytes. */
export function parseSize(text: string | number): number | null {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 ? text : null;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? '').toLowerCase() || 'b';
  const mult = SIZE_UNITS[unit];
  return mult === undefined ? null : Math.round(Number(m[1]) * mult);
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
