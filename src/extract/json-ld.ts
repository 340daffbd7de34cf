// The article object of a page's JSON-LD (schema.org NewsArticle and kin), when it has one.

export interface LdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  url: string | null;
  articleBody: string | null;
  inLanguage: string | null;
}

const ARTICLE_TYPES = /article|posting|report|newsarticle|blog/i;

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o.name ?? o['@value'] ?? o['@id'] ?? o.url);
  }
  return null;
}

function authorOf(v: unknown): string | null {
  if (Array.isArray(v)) {
    const names = v.map((a) => authorOf(a)).filter((a): a is string => a !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name);
  return str(v);
}

function isArticle(o: Record<string, unknown>): boolean {
  const t = o['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x));
}

/** Objects of the JSON-LD blocks, @graph and arrays flattened, without recursion into unbounded depth. */
function objects(json: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack: { v: unknown; depth: number }[] = [{ v: json, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (depth > 4 || !v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push({ v: x, depth: depth + 1 });
      continue;
    }
    const o = v as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) stack.push({ v: o['@graph'], depth: depth + 1 });
    if (o.mainEntity && typeof o.mainEntity === 'object') stack.push({ v: o.mainEntity, depth: depth + 1 });
  }
  return out;
}

/** The first article-typed object across the page's ld+json scripts; unparsable blocks are skipped. */
export function articleFromJsonLd(scripts: readonly string[]): LdArticle | null {
  for (const raw of scripts) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      continue;
    }
    for (const o of objects(json)) {
      if (!isArticle(o)) continue;
      const page = o.mainEntityOfPage;
      return {
        headline: str(o.headline) ?? str(o.name),
        datePublished: str(o.datePublished) ?? str(o.dateCreated),
        author: authorOf(o.author) ?? authorOf(o.creator),
        url: str(o.url) ?? (typeof page === 'string' ? page : str(page)),
        articleBody: typeof o.articleBody === 'string' ? o.articleBody : null,
        inLanguage: str(o.inLanguage),
      };
    }
  }
  return null;
}
