import { renderChart } from './chart.js';
import { el, fill } from './dom.js';
import { renderEvents } from './events-table.js';
import { renderFeeds } from './feeds.js';
import { nextLink } from './format.js';

// The page: the filters live in its URL query (/?entity=huawei&tag=ipo&since=30d&q=…), so
// a view is a link to share. The form edits them and pushes a new URL; the events table,
// the chart and the feeds are then read from the API with the same filters.

const FORM_FIELDS = ['entity', 'tag', 'feed', 'since', 'until', 'q', 'kind', 'min', 'max'];
/** What /events takes from the page's query: the form's fields, paging, and filters other clients may put in a link. */
const EVENT_PARAMS = [...FORM_FIELDS, 'match', 'lang', 'limit', 'cursor'];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const $ = (id) => document.getElementById(id);

const TOKEN_KEY = 'newsmon-api-token';

/** Raised on a 401: the API is bound beyond loopback and wants NEWSMON_API_TOKEN. */
class TokenWanted extends Error {}

/** A GET of the API (with the token given for this tab, if any); a JSON error body becomes an Error with its message. */
async function api(url) {
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { headers });
  if (res.status === 401) throw new TokenWanted('This API wants its access token (NEWSMON_API_TOKEN).');
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      message = (await res.json()).message ?? message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new Error(`${url.split('?')[0]}: ${message}`);
  }
  return { body: await res.json(), link: res.headers.get('link') };
}

function pick(params, names) {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (names.includes(k) && v.trim() !== '') out.append(k, v);
  return out;
}

function statsQuery(params, by) {
  const q = pick(params, ['since', 'until', 'feed']);
  if (!q.has('since')) q.set('since', '30d');
  q.set('by', by);
  q.set('tz', ZONE);
  // Counting by entity, a tag filters; by tag (for the tag list), the one entity chosen does.
  const filter = by === 'entity' ? params.get('tag') : params.getAll('entity').length === 1 ? params.get('entity') : null;
  if (filter) q.set(by === 'entity' ? 'tag' : 'entity', filter);
  return `/stats?${q}`;
}

function setOptions(select, values, chosen, label = (v) => v) {
  const keep = [...new Set([...values, ...(chosen ? [chosen] : [])])];
  fill(select, [el('option', { value: '', text: 'any' }), ...keep.map((v) => el('option', { value: v, text: label(v) }))]);
  select.value = chosen ?? '';
}

/** A field for the token, kept in this tab's session storage only. */
function tokenForm() {
  const input = el('input', { type: 'password', name: 'token', autocomplete: 'off', 'aria-label': 'API token' });
  const form = el('form', { class: 'token' }, input, el('button', { type: 'submit', text: 'Use token' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    void load();
  });
  return form;
}

function showError(err) {
  const box = $('error');
  box.hidden = !err;
  fill(box, err ? [err.message, ...(err instanceof TokenWanted ? [tokenForm()] : [])] : []);
}

async function loadEvents(params, feeds) {
  const table = $('events');
  table.setAttribute('aria-busy', 'true');
  try {
    const { body, link } = await api(`/events?${pick(params, EVENT_PARAMS)}`);
    const names = new Map((await feeds.catch(() => [])).map((f) => [f.id, f.name ?? f.id]));
    renderEvents(table, body, ZONE, names);
    const next = nextLink(link);
    const a = $('next');
    a.hidden = !next;
    if (next) a.setAttribute('href', `/?${next.split('?')[1] ?? ''}`);
    $('newest').hidden = !params.has('cursor');
    $('events-status').textContent = `${body.length} event${body.length === 1 ? '' : 's'}${params.has('cursor') ? ' (a later page)' : ''}${next ? '; more on the next page' : ''}`;
  } finally {
    table.removeAttribute('aria-busy');
  }
}

async function loadChart(params) {
  const [byEntity, byTag] = await Promise.all([api(statsQuery(params, 'entity')), api(statsQuery(params, 'tag'))]);
  const stats = byEntity.body;
  const selected = params.getAll('entity');
  setOptions($('filters').elements.entity, stats.series.map((s) => s.key), selected[0] ?? null);
  setOptions($('filters').elements.tag, byTag.body.series.map((s) => s.key), params.get('tag'));
  const drawn = renderChart($('chart'), stats, selected);
  const span = `${stats.days[0]} to ${stats.days[stats.days.length - 1]}, days in ${stats.tz}`;
  const within = ['tag', 'feed'].filter((k) => params.get(k)).map((k) => `; ${k} ${params.get(k)}`).join('');
  // The counts come from the label index: search text and power figures do not narrow them.
  const unapplied = ['q', 'kind', 'min', 'max'].some((k) => params.get(k)) ? ' (search and power filters apply to the table only)' : '';
  $('chart-note').textContent = drawn ? `${span}${within}${unapplied}` : `No mentions ${span}${within}.`;
}

async function loadFeeds(params, feeds) {
  const body = await feeds;
  renderFeeds($('feeds'), body);
  setOptions($('filters').elements.feed, body.map((f) => f.id), params.get('feed'), (id) => body.find((f) => f.id === id)?.name ?? id);
}

function fillForm(params) {
  const form = $('filters');
  for (const name of FORM_FIELDS) {
    const field = form.elements[name];
    if (field.tagName !== 'SELECT') field.value = params.get(name) ?? '';
    else if (name === 'kind') field.value = params.get(name) ?? '';
  }
}

async function load() {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  document.body.dataset.state = 'loading';
  const feeds = api('/feeds').then((r) => r.body);
  const results = await Promise.allSettled([loadEvents(params, feeds), loadChart(params), loadFeeds(params, feeds)]);
  const failed = results.find((r) => r.status === 'rejected');
  showError(failed ? failed.reason : null);
  document.body.dataset.state = 'ready';
}

function go(search) {
  history.pushState(null, '', search ? `/?${search}` : '/');
  void load();
}

document.addEventListener('DOMContentLoaded', () => {
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const params = pick(new FormData(event.target), FORM_FIELDS);
    // A new filter starts from the newest page; the page size stays.
    const limit = new URLSearchParams(location.search).get('limit');
    if (limit) params.set('limit', limit);
    go(params.toString());
  });
  for (const id of ['next', 'newest', 'reset']) {
    $(id).addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      const url = new URL(event.currentTarget.href);
      if (id === 'newest') url.searchParams.delete('cursor');
      if (id === 'newest') url.search = pick(new URLSearchParams(location.search), [...EVENT_PARAMS.filter((p) => p !== 'cursor')]).toString();
      go(url.search.replace(/^\?/, ''));
    });
  }
  window.addEventListener('popstate', () => void load());
  void load();
});
