import { el, fill } from './dom.js';
import { formatFigure, formatTime, safeHref } from './format.js';

// The events table: one row per event; on a phone each row is a card and each cell
// carries its column's name (data-label) for the CSS to show.

function chips(values, kind) {
  return el('span', { class: 'chips' }, ...values.map((v) => el('span', { class: `chip ${kind}`, text: v })));
}

function source(article) {
  const title = article.title || article.url;
  const href = safeHref(article.url);
  if (!href) return el('span', { class: 'source', text: title, title: 'not an http(s) link' });
  return el('a', { class: 'source', href, rel: 'noopener noreferrer', target: '_blank', text: title });
}

function figures(list) {
  return el('span', { class: 'figures' }, ...list.map((f) => el('span', { class: 'figure', title: f.text, text: formatFigure(f.si, f.kind) })));
}

function row(e, zone, feedNames) {
  const at = e.article.published ?? e.article.fetchedAt;
  const cells = [
    ['Time', el('time', { datetime: at, title: at, text: formatTime(at, zone) })],
    ['Feed', e.article.feed ? el('span', { title: e.article.feed, text: feedNames.get(e.article.feed) ?? e.article.feed }) : ''],
    ['Entities', chips(e.entities, 'entity')],
    ['Tags', chips(e.tags, 'tag')],
    ['Sentence', el('div', {}, el('p', { class: 'sentence', text: e.text }), source(e.article))],
    ['Power', figures(e.powerFigures)],
  ];
  // An empty cell is marked so a phone's card can leave its label out.
  const empty = { Feed: !e.article.feed, Entities: !e.entities.length, Tags: !e.tags.length, Power: !e.powerFigures.length };
  return el('tr', { data: { event: e.id } }, ...cells.map(([label, content]) => el('td', { data: { label, empty: empty[label] ? 'yes' : undefined } }, content)));
}

/** Fills the table body with the events (newest first, as the API lists them). */
export function renderEvents(table, events, zone, feedNames = new Map()) {
  const body = table.tBodies[0];
  if (!events.length) {
    fill(body, [el('tr', {}, el('td', { colspan: 6, class: 'empty', text: 'No events match these filters.' }))]);
    return;
  }
  fill(body, events.map((e) => row(e, zone, feedNames)));
}
