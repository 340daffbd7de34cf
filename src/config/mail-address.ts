// Mail addresses as the config accepts them. The digest puts these into message headers,
// so a CR or LF here would let the config (or whoever edits it) inject headers: refused.

// Local part and domain without spaces, angle brackets, quotes, separators or control chars.
const ADDR = String.raw`[^\s@<>()",;:\\\[\]\x00-\x1f\x7f]+@[^\s@<>()",;:\\\[\]\x00-\x1f\x7f]+`;
const BARE = new RegExp(`^${ADDR}$`);
// `Display Name <addr>`: the name is plain text with no brackets, quotes or control chars.
const NAMED = new RegExp(String.raw`^[^<>"\x00-\x1f\x7f]*\S\s*<${ADDR}>$`);

/** "a@b.c" */
export function isBareAddress(text: string): boolean {
  return BARE.test(text);
}

/** "a@b.c" or "Name <a@b.c>", with no control characters anywhere. */
export function isSenderAddress(text: string): boolean {
  return BARE.test(text) || NAMED.test(text);
}
