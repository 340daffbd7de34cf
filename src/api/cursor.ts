import type { EventPosition } from '../store/types.js';
import { ApiError } from './errors.js';

// The opaque `cursor` of keyset paging: an event's place in the listing (sort key and
// id), base64url-encoded. Opaque so clients follow Link headers instead of building
// positions; validated so a garbled or forged one is a 400, never a wrong page.

const FORM = /^1\.(\d{1,16})\.(\d{1,16})$/;

export function encodeCursor(p: EventPosition): string {
  return Buffer.from(`1.${p.key}.${p.id}`, 'utf8').toString('base64url');
}

/** The position in a cursor; throws ApiError 400 naming `cursor`. */
export function decodeCursor(cursor: string, param = 'cursor'): EventPosition {
  const bad = (): ApiError => new ApiError(400, `"${param}" is not a cursor this API gave out (follow the Link header's rel="next")`, param);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw bad();
  const m = FORM.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw bad();
  const key = Number(m[1]);
  const id = Number(m[2]);
  if (!Number.isSafeInteger(key) || !Number.isSafeInteger(id) || id < 1) throw bad();
  // Canonical form only: one position has one cursor.
  if (encodeCursor({ key, id }) !== cursor) throw bad();
  return { key, id };
}
