// What each query parameter means, written once: the same name means the same thing on
// every route (and on the CLI). /openapi.json shows these where a route's own schema
// gives no description; a schema's own description wins.

export const PARAM_DOCS: Readonly<Record<string, string>> = {
  entity: 'A watch-list entity id (a key of config/entities.yaml): "huawei", "cambricon", "moore-threads". Repeat it for several (?entity=huawei&entity=nvidia); see `match`.',
  tag: 'An event tag: ipo, funding, earnings, product, export-control, partnership, benchmark-comparison, power-capacity, power-demand, chip-power. Repeat it for several; see `match`.',
  match: 'With several entities (tags): "any" (default) lists events naming any of them; "all" those naming every one in the same sentence.',
  lang: 'The article\'s language: "en", "zh", "ja"… ("zh-CN" reads as "zh").',
  feed: 'A feed id (GET /feeds lists them).',
  since: 'Lower bound, inclusive: a duration before now ("7d", "24h", "30m", "2w"), a date YYYY-MM-DD (its start, UTC) or an ISO 8601 time.',
  until: 'Upper bound, exclusive: the same forms as `since`; a date means the end of that UTC day.',
  q: 'Full-text search in the sentence: words, "a phrase", prefix*, OR, -excluded.',
  kind: 'Only events stating a figure of this kind: power (W) or energy (Wh).',
  min: 'Only events with a figure at least this large, units as written and in any case: "1GW", "1.5 gw", "500 MW", "1,200 kW", "3 gigawatts", "2TWh", "50万千瓦"; a bare number is W (Wh for kind=energy).',
  max: 'Only events with a figure at most this large; the same forms as `min`.',
  cursor: 'Where the page starts: the opaque value from the previous page\'s Link rel="next". Follow the link rather than building it.',
  limit: 'Page size.',
  offset: 'Skips this many matches (old clients; each skipped event costs time). Prefer `cursor`.',
  id: 'The id of what the path names (as other answers give it).',
};

interface ObjectSchema {
  properties?: Record<string, Record<string, unknown>>;
}

/** A copy of a querystring or params schema with PARAM_DOCS filled in where it says nothing. */
export function describedParams<T>(schema: T): T {
  const s = schema as ObjectSchema | undefined;
  if (!s || typeof s !== 'object' || !s.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(s.properties).map(([name, p]) => [name, p.description === undefined && PARAM_DOCS[name] ? { ...p, description: PARAM_DOCS[name] } : p]),
  );
  return { ...s, properties } as T;
}
