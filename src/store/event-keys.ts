// The event_keys rows of one event (see migrations/003 and 005): each label a filter can
// name, and each entity–tag pair, so any one of them, or an entity with a tag, is one range
// of one index. Must match the migrations' SQL. Pure.

/** Separates entity and tag in a pair key; no id or tag contains it. */
const PAIR = '\u001f';

export const entityKey = (entity: string): string => `e:${entity}`;
export const tagKey = (tag: string): string => `t:${tag}`;
export const pairKey = (entity: string, tag: string): string => `et:${entity}${PAIR}${tag}`;
export const feedKey = (feed: string): string => `f:${feed}`;
export const langKey = (lang: string): string => `l:${lang}`;

export function eventKeys(entities: readonly string[], tags: readonly string[], feed: string | null, lang: string | null): string[] {
  const keys = [...entities.map(entityKey), ...tags.map(tagKey)];
  for (const e of entities) for (const t of tags) keys.push(pairKey(e, t));
  if (feed !== null) keys.push(feedKey(feed));
  if (lang !== null) keys.push(langKey(lang));
  return keys;
}
