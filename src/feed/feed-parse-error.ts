/**
 * Why a document could not be read as a feed. One closed set, so the poll stage can
 * record it (`feed-<code>`) and decide whether retrying can help (it cannot: the same
 * bytes fail the same way until the publisher changes them).
 */
export type FeedParseErrorCode =
  /** Nothing but whitespace (or a BOM). */
  | 'empty'
  /** Well-formed enough, but not RSS, Atom, RDF or CDF (an HTML page, a JSON body, ...). */
  | 'not-a-feed'
  /** The markup cannot be recovered: no root element, or the document ends inside it (truncated). */
  | 'malformed';

export class FeedParseError extends Error {
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}
