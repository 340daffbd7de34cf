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
