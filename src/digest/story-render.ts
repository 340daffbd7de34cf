import { fitToBudget, HTML_BUDGET_BYTES } from './size-budget.js';
import { viewLimiter, type StoryDigestView } from './story-digest.js';
import { storyDigestHtml } from './story-render-html.js';
import { storyDigestText } from './story-render-text.js';

// Story digest → mail (subject, HTML, text), the HTML held under the clipping budget by
// collapsing the lowest-ranked stories; the text part shows the same stories. Pure.

export interface RenderedStoryDigest {
  subject: string;
  html: string;
  text: string;
  /** Stories left out to fit the budget. */
  collapsed: number;
}

export function storyDigestSubject(v: StoryDigestView): string {
  const spikes = v.companies.filter((c) => c.spike).map((c) => c.name);
  const top = v.head[0];
  const lead = top ? ` — ${top.title.replace(/\s+/g, ' ').trim().slice(0, 90)}` : ' — no watch-list news';
  return `newsmon ${v.date}${lead}${spikes.length ? ` (spike: ${spikes.join(', ')})` : ''}`;
}

export function renderStoryDigest(v: StoryDigestView, budget = HTML_BUDGET_BYTES): RenderedStoryDigest {
  const subject = storyDigestSubject(v);
  const limit = viewLimiter(v);
  const fitted = fitToBudget(v.ranked, (shown, collapsed) => storyDigestHtml(limit(shown.length), subject, collapsed), budget);
  const text = storyDigestText(limit(fitted.shown.length), fitted.collapsed);
  return { subject, html: fitted.html, text, collapsed: fitted.collapsed };
}
