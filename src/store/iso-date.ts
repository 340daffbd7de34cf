/** An ISO 8601 UTC string in one fixed form, so dates compare as text; null if unreadable. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
