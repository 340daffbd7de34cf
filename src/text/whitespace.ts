// Whitespace as readers see it: any run of spaces, tabs and newlines is one space.

/** Whitespace runs folded to one space, ends trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
