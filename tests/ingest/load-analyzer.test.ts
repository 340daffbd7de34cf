import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/yaml-source.js';
import { loadTagger, readText } from '../../src/ingest/load-analyzer.js';

describe('loading the tagger from a config folder', () => {
  it('a mistake in the training file is a config error naming file, line and key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newsmon-tagger-')), 'training.tsv');
    writeFileSync(file, '# written\nipo\tCambricon listed in Shanghai.\nipo,merger\tA merged with B.\n');
    let err: unknown;
    try {
      loadTagger(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ file, line: 3, key: 'merger' });
  });

  it('a missing file is a config error naming it', () => {
    const file = join(tmpdir(), 'newsmon-no-such-dir', 'training.tsv');
    expect(() => readText(file)).toThrow(ConfigError);
    expect(() => readText(file)).toThrow(file);
  });
});
