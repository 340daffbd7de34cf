import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/ingest/load-analyzer.js';
import { findPowerFigures } from '../../src/analyze/power-figures.js';
import { modelIsCurrent, parseTrainingData, taggerFromModel, trainingSourceHash, trainTagger, trainTaggerModel } from '../../src/analyze/tagger.js';

const taggerDir = join(import.meta.dirname, '..', '..', 'config', 'tagger');
const trainingFile = join(taggerDir, 'training.tsv');
const content = readFileSync(trainingFile, 'utf8');
const examples = parseTrainingData(trainingFile, content);

describe('saved tagger model', () => {
  it('config/tagger/model.json is trained on the current training.tsv', () => {
    const model: unknown = JSON.parse(readFileSync(join(taggerDir, 'model.json'), 'utf8'));
    // If this fails: npm run build && node dist/src/analyze/write-tagger-model.js config
    expect(modelIsCurrent(model, trainingSourceHash(content))).toBe(true);
  });

  it('the shipped model tags every training sentence exactly as a freshly trained tagger does', () => {
    const model: unknown = JSON.parse(readFileSync(join(taggerDir, 'model.json'), 'utf8'));
    if (!modelIsCurrent(model, trainingSourceHash(content))) throw new Error('stale model');
    const restored = taggerFromModel(model);
    const fresh = trainTagger(examples, findPowerFigures);
    for (const e of examples) {
      const figures = findPowerFigures(e.text);
      expect(restored.tag(e.text, figures), e.text).toEqual(fresh.tag(e.text, figures));
    }
  });

  it('a model round-trips through JSON', () => {
    const model = trainTaggerModel(examples.slice(0, 200), findPowerFigures, 'x');
    const again = taggerFromModel(JSON.parse(JSON.stringify(model)));
    const direct = trainTagger(examples.slice(0, 200), findPowerFigures);
    for (const e of examples.slice(200, 260)) expect(again.tag(e.text, [])).toEqual(direct.tag(e.text, []));
  });

  it('a stale or broken model is ignored: the tagger is trained from the data instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-tagger-'));
    mkdirSync(join(dir, 'tagger'));
    writeFileSync(join(dir, 'tagger', 'training.tsv'), 'chip-power\tThe chip draws 700 W.\n-\tThe company declined to comment.\nipo\tThe company filed for an IPO.\n');
    writeFileSync(join(dir, 'tagger', 'model.json'), '{"format":1,"source":"not this data"');
    const tagger = loadTagger(join(dir, 'tagger', 'training.tsv'));
    expect(tagger.tag('Its new chip draws 900 W.', findPowerFigures('Its new chip draws 900 W.'))).toEqual(['chip-power']);
  });
});
