import type { Settings } from '../config/settings.js';
import type { DocumentInput } from '../extract/extract-document.js';

// `newsmon extract --url URL --content SEL [--remove SEL]...`: try a site rule on a live
// page before saving it in feeds.yaml. The page comes through newsmon's own HTTP client,
// with its guards (no private addresses unless allowed, byte cap, timeouts), as ingest
// would fetch it.

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/**
 * The page at `url` as a document to extract (its final URL after redirects), or the
 * fetch failure as `{ url, error }` for the output line.
 */
export async function fetchDocument(url: string, settings: Readonly<Settings>): Promise<{ document: DocumentInput } | { url: string; error: string }> {
  // Imported here: reading files never needs the HTTP client.
  const [{ createHttpClient }, { FetchError }] = await Promise.all([import('../fetch/http-client.js'), import('../fetch/fetch-error.js')]);
  const http = createHttpClient(settings.http);
  try {
    const res = await http.fetch({ url, accept: PAGE_ACCEPT });
    if (res.status === 'not-modified') return { url, error: 'unexpected 304 for an unconditional GET' };
    return { document: { bytes: res.body, contentType: res.contentType, url: res.url } };
  } catch (err) {
    if (err instanceof FetchError) return { url, error: `${err.kind}: ${err.message}` };
    throw err;
  } finally {
    http.close();
  }
}
