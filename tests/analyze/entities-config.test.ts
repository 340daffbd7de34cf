import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { parseEntities, readEntitiesFile } from '../../src/config/entities.js';
import { ConfigError, YamlSource } from '../../src/config/yaml-source.js';

const repoRoot = join(import.meta.dirname, '..', '..');

function parse(yaml: string) {
  return parseEntities(YamlSource.parse('entities.yaml', yaml));
}

function errorOf(yaml: string): ConfigError {
  try {
    parse(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const bad: { name: string; yaml: string; line: number | null; key: string | null; says: RegExp }[] = [
  { name: 'typo alises is reported with its line and a suggestion', yaml: 'huawei:\n  name: Huawei\n  alises: [Huawei]\n', line: 3, key: 'huawei.alises', says: /unknown key \(did you mean "aliases"\?\)/ },
  { name: 'typo in an alias mapping', yaml: 'nvidia:\n  name: Nvidia\n  aliases:\n    - text: H20\n      cas: sensitive\n', line: 5, key: 'nvidia.aliases.0.cas', says: /did you mean "case"/ },
  { name: 'typo requires_contxt', yaml: 'nvidia:\n  name: Nvidia\n  aliases: [Nvidia]\n  products:\n    - text: H20\n      requires_contxt: [GPU]\n', line: 6, key: 'nvidia.products.0.requires_contxt', says: /did you mean "requires_context"/ },
  { name: 'missing name', yaml: 'huawei:\n  aliases: [Huawei]\n', line: 1, key: 'huawei', says: /expected "name:"/ },
  { name: 'missing aliases', yaml: 'huawei:\n  name: Huawei\n', line: 1, key: 'huawei.aliases', says: /expected a list of aliases/ },
  { name: 'aliases not a list', yaml: 'huawei:\n  name: Huawei\n  aliases: Huawei\n', line: 3, key: 'huawei.aliases', says: /expected a list/ },
  { name: 'bad case value', yaml: 'metax:\n  name: MetaX\n  aliases:\n    - text: MetaX\n      case: exact\n', line: 5, key: 'metax.aliases.0.case', says: /expected one of: sensitive, insensitive/ },
  { name: 'empty requires_context', yaml: 'nvidia:\n  name: Nvidia\n  aliases:\n    - text: H20\n      requires_context: []\n', line: 5, key: 'nvidia.aliases.0.requires_context', says: /at least one context term/ },
  { name: 'bad entity id', yaml: 'Huawei Tech:\n  name: Huawei\n  aliases: [Huawei]\n', line: 1, key: 'Huawei Tech', says: /entity id/ },
  { name: 'duplicate alias across entities', yaml: 'a:\n  name: A\n  aliases: [Acme]\nb:\n  name: B\n  aliases: [Other, ACME]\n', line: 6, key: 'b.aliases.1', says: /already listed under a/ },
  { name: 'exclude not a list', yaml: 'a:\n  name: A\n  aliases: [Acme]\n  exclude: Acme Road\n', line: 4, key: 'a.exclude', says: /expected a list of strings/ },
  { name: 'top level a list', yaml: '- huawei\n- nvidia\n', line: 1, key: '', says: /mapping of entity ids/ },
  { name: 'empty file', yaml: '# nothing\n', line: null, key: '', says: /empty/ },
  { name: 'invalid YAML', yaml: 'huawei:\n  name: [Huawei\n', line: 3, key: null, says: /invalid YAML/ },
];

describe('entities.yaml validation', () => {
  it.each(bad.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const err = errorOf(c.yaml);
    expect(err.file).toBe('entities.yaml');
    if (c.line !== null) expect(err.line).toBe(c.line);
    expect(err.key).toBe(c.key);
    expect(err.message).toMatch(c.says);
    // The message itself names file, line and key, for the CLI to print as is.
    if (c.line !== null) expect(err.message).toContain(`entities.yaml:${c.line}`);
  });

  it('reads the shipped config/entities.yaml with the seven default entities', () => {
    const specs = readEntitiesFile(join(repoRoot, 'config', 'entities.yaml'));
    expect(specs.map((s) => s.id)).toEqual(['moore-threads', 'metax', 'biren', 'enflame', 'huawei', 'cambricon', 'nvidia']);
    expect(specs.find((s) => s.id === 'metax')?.aliases.find((a) => a.text === 'MetaX')?.case).toBe('sensitive');
    expect(specs.find((s) => s.id === 'nvidia')?.aliases.find((a) => a.text === 'H20')?.requiresContext).toContain('GPU');
  });

  it('accepts string aliases and mappings, defaulting to case-insensitive', () => {
    const [spec] = parse('acme:\n  name: Acme\n  aliases:\n    - Acme Corp\n    - text: ACM\n      case: sensitive\n  products: [Roadrunner 9000]\n');
    expect(spec?.aliases).toEqual([
      { text: 'Acme Corp', case: 'insensitive', requiresContext: null, product: false },
      { text: 'ACM', case: 'sensitive', requiresContext: null, product: false },
      { text: 'Roadrunner 9000', case: 'insensitive', requiresContext: null, product: true },
    ]);
  });
});

describe('loadAnalyzer config folder', () => {
  it('uses a folder’s own entities.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-entities-'));
    writeFileSync(join(dir, 'entities.yaml'), 'acme:\n  name: Acme\n  aliases: [Acme]\n');
    const r = loadAnalyzer(dir).analyze('Acme beat Nvidia.');
    expect(r.mentions.map((m) => m.entity)).toEqual(['acme']);
  });

  it('falls back to the bundled watch-list when the folder has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-entities-'));
    const r = loadAnalyzer(dir).analyze('Acme beat Nvidia.');
    expect(r.mentions.map((m) => m.entity)).toEqual(['nvidia']);
  });

  it('reports a typo in the folder’s file with file, line and key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-entities-'));
    const file = join(dir, 'entities.yaml');
    writeFileSync(file, 'acme:\n  name: Acme\n  alises: [Acme]\n');
    expect(() => loadAnalyzer(dir)).toThrow(`${file}:3: acme.alises: unknown key (did you mean "aliases"?)`);
  });

  it('reports an unknown tag in training data with file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-entities-'));
    mkdirSync(join(dir, 'tagger'));
    const file = join(dir, 'tagger', 'training.tsv');
    writeFileSync(file, '# comment\nipo\tMetaX listed.\nipoo\tBiren filed.\n');
    expect(() => loadAnalyzer(dir)).toThrow(`${file}:3: ipoo: unknown tag`);
  });
});
