import type { StoredEvent } from '../store/types.js';
import { csvLines } from '../text/csv.js';

// Events as CSV: the one format `newsmon events --format csv` prints and `/events.csv` serves.

export const EVENTS_CSV_HEADER = ['id', 'published', 'entities', 'tags', 'power_figures', 'text', 'title', 'url', 'feed'] as const;

export function eventsCsv(events: readonly StoredEvent[]): string {
  const rows = events.map((e) => [
    String(e.id), e.article.published ?? '', e.entities.join(' '), e.tags.join(' '),
    e.powerFigures.map((f) => f.text).join('; '), e.text, e.article.title, e.article.url, e.article.feed ?? '',
  ]);
  return csvLines([[...EVENTS_CSV_HEADER], ...rows]);
}
