import { el, fill } from './dom.js';
import { formatTime } from './format.js';

// The feeds' health from /feeds: failing ones first, then by name.

function state(f) {
  if (f.failureCount > 0) return el('span', { class: 'state bad', text: `failing${f.failingSince ? ` since ${formatTime(f.failingSince)}` : ''}` });
  if (f.lastSuccessAt) return el('span', { class: 'state ok', text: 'ok' });
  return el('span', { class: 'state idle', text: 'not polled yet' });
}

export function renderFeeds(table, feeds) {
  const sorted = [...feeds].sort((a, b) => (b.failureCount > 0) - (a.failureCount > 0) || String(a.name ?? a.id).localeCompare(String(b.name ?? b.id)));
  const rows = sorted.map((f) => {
    const cells = [
      ['Feed', el('span', { title: f.url, text: f.name ?? f.id })],
      ['State', state(f)],
      ['Last success', formatTime(f.lastSuccessAt) || '—'],
      ['Failures', String(f.failureCount)],
      ['Last error', f.lastError ? `${f.lastErrorKind ? `${f.lastErrorKind}: ` : ''}${f.lastError}` : '—'],
      ['Next check', formatTime(f.nextCheckAt) || '—'],
    ];
    return el('tr', { data: { feed: f.id } }, ...cells.map(([label, content]) => el('td', { data: { label } }, content)));
  });
  fill(table.tBodies[0], rows.length ? rows : [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No feeds configured.' }))]);
}
