import { collapse } from '../text/whitespace.js';

/** feedparser's display form of a person: "Name (email)", or whichever part is known. */
export function displayAuthor(name: string | null | undefined, email: string | null | undefined): string | null {
  const n = name ? collapse(name) : '';
  const e = email ? collapse(email) : '';
  if (n && e) return `${n} (${e})`;
  return n || e || null;
}
