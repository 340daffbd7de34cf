import { isTag, TAGS, type Tag } from './tags.js';

/**
 * A mistake in the training data, located like a config error (the loader in ingest/
 * turns it into one): analyze stays free of the config layer and of file I/O.
 */
export class TrainingDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string | null,
    readonly expected: string,
  ) {
    super(`${file}:${line}: ${key !== null ? `${key}: ` : ''}${expected}`);
    this.name = 'TrainingDataError';
  }
}

/** One labelled training sentence. */
export interface LabelledSentence {
  text: string;
  tags: Tag[];
  line: number;
  /**
   * The source page it was quoted from (the latest "# http…" comment above it), so
   * cross-validation can keep a page's sentences in one fold; absent for written examples.
   */
  source?: string;
}

/**
 * Reads labelled sentences: one per line, `tags<TAB>sentence`, tags comma-separated from
 * the fixed vocabulary or "-" for none; blank lines and lines starting with "#" are skipped
 * ("# https://…" names the page the following sentences come from; "# ----" ends it).
 */
export function parseTrainingData(file: string, content: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  let source: string | undefined;
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) {
      const comment = trimmed.slice(1).trim();
      if (/^https?:\/\//u.test(comment)) source = comment;
      else if (comment.startsWith('----')) source = undefined;
      return;
    }
    if (trimmed === '') return;
    const tab = raw.indexOf('\t');
    if (tab < 0) throw new TrainingDataError(file, line, null, 'expected "tags<TAB>sentence" (tags comma-separated, or "-" for none)');
    const labels = raw.slice(0, tab).trim();
    const text = raw.slice(tab + 1).trim();
    if (text === '') throw new TrainingDataError(file, line, null, 'expected a sentence after the tab');
    const tags: Tag[] = [];
    if (labels !== '-') {
      for (const t of labels.split(',').map((s) => s.trim())) {
        if (!isTag(t)) throw new TrainingDataError(file, line, t, `unknown tag; expected one of: ${TAGS.join(', ')} (or "-")`);
        if (!tags.includes(t)) tags.push(t);
      }
    }
    out.push(source === undefined ? { text, tags, line } : { text, tags, line, source });
  });
  return out;
}
