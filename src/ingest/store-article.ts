import type { Store } from '../store/store.js';
import type { ArticleInput, SaveResult } from '../store/types.js';

/** The store stage: one transaction per article; a repeat writes nothing (see Store.saveArticle). */
export function storeArticle(store: Store, input: ArticleInput): SaveResult {
  return store.saveArticle(input);
}
