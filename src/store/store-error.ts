/** A problem with the database file itself (schema too new or too old, unreadable), for the user. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'StoreError';
  }
}

/**
 * Whether `err` is the database itself failing (disk full, locked past the busy timeout,
 * I/O error, read-only file): not the article's fault, so the article must be tried again.
 */
export function isDatabaseFailure(err: unknown): boolean {
  return err instanceof Error && (err.name === 'SqliteError' || /^SQLITE_/.test(String((err as { code?: unknown }).code ?? '')));
}
