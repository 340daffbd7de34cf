import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** A configuration problem, located: file, line and key, and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly key: string | null,
    readonly expected: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${key !== null ? `${key}: ` : ''}${expected}`);
    this.name = 'ConfigError';
  }
}

/**
 * A parsed YAML file that can say where each value came from, so validation errors
 * name the line. Keys are dotted paths: `feeds.3.interval`, `entities.huawei.aliases`.
 */
export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) {
      // linePos is only filled with prettyErrors; pos (character offsets) always is.
      const line = first.linePos?.[0]?.line ?? (first.pos ? lines.linePos(first.pos[0]).line : null);
      throw new ConfigError(file, line, null, `invalid YAML: ${first.message.split('\n')[0]}`);
    }
    return new YamlSource(file, doc, lines);
  }

  static read(file: string): YamlSource {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(file, null, null, `cannot read: ${(err as Error).message}`);
    }
    return YamlSource.parse(file, text);
  }

  /** The plain JS value of the whole document. */
  value(): unknown {
    try {
      // maxAliasCount (the yaml default, 100) stops a "billion laughs" alias bomb.
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      const why = (err as Error).message.split('\n')[0];
      const line = this.firstAliasLine();
      throw new ConfigError(this.file, line, null, `refused: ${why} (too many YAML aliases: write the values out instead of "*anchor" references)`);
    }
  }

  /** Where the first alias is, to point at something when expansion is refused. */
  private firstAliasLine(): number | null {
    let offset: number | null = null;
    visit(this.doc, { Alias: (_key, node) => {
      offset = node.range?.[0] ?? null;
      return visit.BREAK;
    } });
    return offset === null ? null : this.lines.linePos(offset).line;
  }

  /** 1-based line of the node at a dotted path (the key's line for map entries), or null. */
  lineOf(path: string): number | null {
    const parts = path === '' ? [] : path.split('.');
    let node: unknown = this.doc.contents;
    let offset: number | null = node && (node as Node).range ? (node as Node).range![0] : null;
    for (const part of parts) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
        if (!pair) return offset === null ? null : this.lines.linePos(offset).line;
        offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : offset;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(part)];
        if (item === undefined) return offset === null ? null : this.lines.linePos(offset).line;
        node = item;
        offset = (item as Node).range ? (item as Node).range![0] : offset;
      } else {
        break;
      }
    }
    return offset === null ? null : this.lines.linePos(offset).line;
  }

  /** A ConfigError located at a dotted path. */
  error(path: string, expected: string): ConfigError {
    return new ConfigError(this.file, this.lineOf(path), path, expected);
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The allowed key nearest to a mistyped one, if it is plausibly a typo. */
export function closestKey(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

/** Throws a located ConfigError for the first key of `obj` not in `allowed`, with a suggestion. */
export function rejectUnknownKeys(source: YamlSource, path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const guess = closestKey(key, allowed);
    const where = path ? `${path}.${key}` : key;
    throw source.error(where, `unknown key${guess ? ` (did you mean "${guess}"?)` : ''}; expected one of: ${allowed.join(', ')}`);
  }
}
