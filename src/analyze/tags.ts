/** The fixed event-tag vocabulary. Training data may use only these. */
export const TAGS = [
  'ipo',
  'funding',
  'earnings',
  'product',
  'export-control',
  'partnership',
  'benchmark-comparison',
  'power-capacity',
  'power-demand',
  'chip-power',
] as const;

export type Tag = (typeof TAGS)[number];

export function isTag(s: string): s is Tag {
  return (TAGS as readonly string[]).includes(s);
}
