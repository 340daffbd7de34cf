import type { AliasSpec, CaseRule, EntitySpec } from '../model.js';
import { rejectUnknownKeys, YamlSource } from './yaml-source.js';

const ENTITY_KEYS = ['name', 'aliases', 'products', 'exclude'] as const;
const ALIAS_KEYS = ['text', 'case', 'requires_context'] as const;
const CASE_RULES: readonly CaseRule[] = ['sensitive', 'insensitive'];
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Reads and validates a watch-list file; every problem is a located ConfigError. */
export function readEntitiesFile(file: string): EntitySpec[] {
  return parseEntities(YamlSource.read(file));
}

/** Validates a parsed watch-list. Top-level keys are entity ids. */
export function parseEntities(src: YamlSource): EntitySpec[] {
  const root = src.value();
  if (root === null || root === undefined) throw src.error('', 'expected a mapping of entity ids to entities; the file is empty');
  if (!isRecord(root)) throw src.error('', 'expected a mapping of entity ids (e.g. "huawei:") to entities');
  const specs: EntitySpec[] = [];
  const seen = new Map<string, string>();
  for (const [id, raw] of Object.entries(root)) {
    if (!ID_RE.test(id)) throw src.error(id, 'expected an entity id of lower-case letters, digits and "-" (e.g. moore-threads)');
    if (!isRecord(raw)) throw src.error(id, 'expected a mapping with name, aliases, products, exclude');
    rejectUnknownKeys(src, id, raw, ENTITY_KEYS);
    const name = raw.name;
    if (typeof name !== 'string' || name.trim() === '') throw src.error(raw.name === undefined ? id : `${id}.name`, 'expected "name:", the display name (a non-empty string)');
    const aliases = [...readAliases(src, `${id}.aliases`, raw.aliases, false, true), ...readAliases(src, `${id}.products`, raw.products, true, false)];
    for (const [i, alias] of aliases.entries()) {
      const key = alias.case === 'sensitive' ? alias.text : alias.text.toLowerCase();
      const owner = seen.get(key);
      if (owner !== undefined) {
        const list = alias.product ? 'products' : 'aliases';
        const index = alias.product ? i - aliases.filter((a) => !a.product).length : i;
        throw src.error(`${id}.${list}.${index}`, `expected a unique alias; "${alias.text}" is already listed under ${owner}`);
      }
      seen.set(key, id);
    }
    const exclude = readStrings(src, `${id}.exclude`, raw.exclude, 'phrases that must not count as a mention');
    specs.push({ id, name: name.trim(), aliases, exclude });
  }
  if (specs.length === 0) throw src.error('', 'expected at least one entity');
  return specs;
}

function readAliases(src: YamlSource, path: string, raw: unknown, product: boolean, required: boolean): AliasSpec[] {
  if (raw === undefined || raw === null) {
    if (required) throw src.error(path, 'expected a list of aliases (at least one)');
    return [];
  }
  if (!Array.isArray(raw)) throw src.error(path, 'expected a list: each item a string or { text, case, requires_context }');
  if (required && raw.length === 0) throw src.error(path, 'expected at least one alias');
  return raw.map((item, i) => readAlias(src, `${path}.${i}`, item, product));
}

function readAlias(src: YamlSource, path: string, item: unknown, product: boolean): AliasSpec {
  if (typeof item === 'string' || typeof item === 'number') {
    const text = String(item).trim();
    if (text === '') throw src.error(path, 'expected a non-empty alias');
    return { text, case: 'insensitive', requiresContext: null, product };
  }
  if (!isRecord(item)) throw src.error(path, 'expected a string or a mapping { text, case, requires_context }');
  rejectUnknownKeys(src, path, item, ALIAS_KEYS);
  const text = typeof item.text === 'string' || typeof item.text === 'number' ? String(item.text).trim() : '';
  if (text === '') throw src.error(item.text === undefined ? path : `${path}.text`, 'expected "text:", the alias as written (a non-empty string)');
  let rule: CaseRule = 'insensitive';
  if (item.case !== undefined) {
    if (!CASE_RULES.includes(item.case as CaseRule)) throw src.error(`${path}.case`, `expected one of: ${CASE_RULES.join(', ')}`);
    rule = item.case as CaseRule;
  }
  const context = item.requires_context === undefined ? null : readStrings(src, `${path}.requires_context`, item.requires_context, 'context terms');
  if (context !== null && context.length === 0) throw src.error(`${path}.requires_context`, 'expected at least one context term');
  return { text, case: rule, requiresContext: context, product };
}

function readStrings(src: YamlSource, path: string, raw: unknown, what: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw src.error(path, `expected a list of strings (${what})`);
  return raw.map((v, i) => {
    if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '') throw src.error(`${path}.${i}`, `expected a non-empty string (${what})`);
    return String(v).trim();
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
