// The watch-list as the baselines see it: every string under an alias-like key of
// entities.yaml, whatever its exact schema, skipping exclusions and context words.
// Shared by bench/baseline-extract.js and bench/ingest-baseline.js so both baselines
// look for the same names.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** The default watch-list, used when entities.yaml is absent or unreadable. */
export const FALLBACK_ALIASES = {
  'moore-threads': ['Moore Threads', '摩尔线程', 'MTT S4000'],
  metax: ['MetaX', '沐曦'],
  biren: ['Biren', '壁仞'],
  enflame: ['Enflame', '燧原'],
  huawei: ['Huawei', '华为', 'Ascend 910C', 'Ascend', '昇腾'],
  cambricon: ['Cambricon', '寒武纪', 'MLU590'],
  nvidia: ['Nvidia', 'NVIDIA', '英伟达', 'H20', 'Blackwell', 'H100'],
};

// `case` holds a matching rule ("sensitive"), not a name.
const SKIP_KEY = /not|exclude|negative|deny|context|^case$/i;
const NAME_KEY = /alias|name|product|zh|en/i;

/** { entityId: [alias, ...] } from an entities.yaml file, else FALLBACK_ALIASES. */
export function loadBaselineAliases(file) {
  if (!file || !existsSync(file)) return FALLBACK_ALIASES;
  try {
    const doc = parseYaml(readFileSync(file, 'utf8'));
    const entities = doc?.entities ?? doc;
    const out = {};
    for (const [id, spec] of Object.entries(entities ?? {})) {
      const names = new Set();
      const stack = [{ v: spec, key: '' }];
      while (stack.length > 0) {
        const { v, key } = stack.pop();
        if (typeof v === 'string') {
          if (NAME_KEY.test(key) && !SKIP_KEY.test(key)) names.add(v);
        } else if (Array.isArray(v)) {
          for (const x of v) stack.push({ v: x, key });
        } else if (v && typeof v === 'object') {
          if (typeof v.text === 'string' && !SKIP_KEY.test(key)) names.add(v.text);
          for (const [k, x] of Object.entries(v)) if (!SKIP_KEY.test(k)) stack.push({ v: x, key: `${key}.${k}` });
        }
      }
      if (names.size > 0) out[id] = [...names];
    }
    return Object.keys(out).length > 0 ? out : FALLBACK_ALIASES;
  } catch {
    return FALLBACK_ALIASES;
  }
}
