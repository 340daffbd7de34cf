import { CronExpressionParser } from 'cron-parser';

// Cron patterns of feeds.yaml, checked at load with the same parser BullMQ uses to make
// the schedule (cron-parser, pinned to BullMQ's version), so a pattern that passes here
// cannot fail later when the scheduler is created.

const FIELDS_5 = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;
const FIELDS_6 = ['second', ...FIELDS_5] as const;
// Numbers, names, * / , - ? L W # only: no "@daily" macros, no "H" hashes (BullMQ would
// take them, but other cron tools would not, and the file should read the same everywhere).
const FIELD_SYNTAX = /^[0-9A-Za-z*/,?#-]+$/;
const HASHED = /(^|[^A-Za-z])H/;

function parses(pattern: string): string | null {
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC', currentDate: new Date(0) }).next();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Why `pattern` is not a usable cron pattern of 5 or 6 fields, naming the field and what
 * it should hold; null when it is fine.
 */
export function cronProblem(pattern: string): string | null {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return `expected 5 or 6 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  const names = fields.length === 6 ? FIELDS_6 : FIELDS_5;
  for (const [i, f] of fields.entries()) {
    if (!FIELD_SYNTAX.test(f) || HASHED.test(f)) return `${names[i]} field ${JSON.stringify(f)}: expected numbers, names, * / , - ? L W or #`;
  }
  const whole = parses(fields.join(' '));
  if (whole === null) return null;
  // Name the field at fault: the first that fails with every other field a wildcard.
  for (const [i, f] of fields.entries()) {
    const alone = fields.map((_, j) => (j === i ? f : '*')).join(' ');
    const why = parses(alone);
    if (why !== null) return `${names[i]} field ${JSON.stringify(f)}: ${why.replace(/^Constraint error, /, '')}`;
  }
  // Every field is fine alone, so together they never match (e.g. day 31 of February).
  return `the fields never match a date together (${whole})`;
}
