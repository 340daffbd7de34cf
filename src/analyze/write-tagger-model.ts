import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MODEL_FILE, TRAINING_FILE } from './analyzer.js';
import { findPowerFigures } from './power-figures.js';
import { parseTrainingData, trainingSourceHash, trainTaggerModel } from './tagger.js';

/**
 * Trains the tagger on `<configDir>/tagger/training.tsv` and saves it as model.json beside
 * it, so start-up restores it instead of training. Run after editing the training data:
 *   npm run build && node dist/src/analyze/write-tagger-model.js [config]
 * (a stale model is ignored at start-up, and a test fails until it is rewritten).
 */
export function writeTaggerModel(configDir: string): { file: string; bytes: number } {
  const trainingFile = join(configDir, TRAINING_FILE);
  const content = readFileSync(trainingFile, 'utf8');
  const model = trainTaggerModel(parseTrainingData(trainingFile, content), (t) => findPowerFigures(t), trainingSourceHash(content));
  const json = `${JSON.stringify(model)}\n`;
  const file = join(configDir, 'tagger', MODEL_FILE);
  writeFileSync(file, json);
  return { file, bytes: Buffer.byteLength(json) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { file, bytes } = writeTaggerModel(process.argv[2] ?? 'config');
  process.stderr.write(`wrote ${file} (${bytes} bytes)\n`);
}
