import { createHash } from 'node:crypto';

/**
 * A stable item id: the feed's own (guid / atom:id), else the link, else a hash of
 * what identifies the item's text, so the same item polled again gets the same id.
 * The hash form has no ":" so it can sit inside a job id.
 */
export function stableItemId(own: string | null, link: string | null, title: string | null, summary: string | null, published: string | null): string {
  const id = own?.trim();
  if (id) return id;
  if (link) return link;
  const hash = createHash('sha256')
    .update(`${title ?? ''}\u0000${summary ?? ''}\u0000${published ?? ''}`)
    .digest('hex')
    .slice(0, 32);
  return `sha256-${hash}`;
}
