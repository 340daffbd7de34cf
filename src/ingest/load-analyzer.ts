import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createAnalyzer, DEFAULT_ANALYSIS_LIMITS, MODEL_FILE, TRAINING_FILE, type AnalysisLimits, type Analyzer } from '../analyze/analyzer.js';
import { findPowerFigures } from '../analyze/power-figures.js';
import { modelIsCurrent, parseTrainingData, taggerFromModel, TrainingDataError, trainingSourceHash, trainTagger, type Tagger } from '../analyze/tagger.js';
import { compileWatchlist } from '../analyze/watchlist.js';
import { configFile, watchListFile } from '../config/config-files.js';
import { readEntitiesFile } from '../config/entities.js';
import { ConfigError } from '../config/yaml-source.js';

// The analyzer a process runs with, built once from the config folder: config reads and
// validates the watch-list, analyze compiles it and restores (or trains) the tagger.
// Here, above both, so the analyze stage itself stays free of file and config reads.

const taggerCache = new Map<string, Tagger>();

/**
 * The tagger for a training file: restored from the model.json beside it when that was
 * trained on exactly this text, else trained now (slower start-up, same result). Cached
 * per process by the training text's hash.
 */
export function loadTagger(trainingFile: string): Tagger {
  const content = readText(trainingFile);
  const source = trainingSourceHash(content);
  let tagger = taggerCache.get(source);
  if (tagger) return tagger;
  const examples = trainingData(trainingFile, content);
  const modelFile = join(dirname(trainingFile), MODEL_FILE);
  let model: unknown = null;
  if (existsSync(modelFile)) {
    try {
      model = JSON.parse(readFileSync(modelFile, 'utf8'));
    } catch {
      model = null; // unreadable or stale: train instead
    }
  }
  tagger = modelIsCurrent(model, source) ? taggerFromModel(model) : trainTagger(examples, (text) => findPowerFigures(text));
  taggerCache.set(source, tagger);
  return tagger;
}

/**
 * Reads `<configDir>/entities.yaml` and `<configDir>/tagger/training.tsv` (each falling
 * back to newsmon's bundled default when the folder has none), compiles the watch-list
 * once and loads the tagger. Throws a located ConfigError on a bad file.
 */
export function loadAnalyzer(configDir: string, limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS): Analyzer {
  const watchlist = compileWatchlist(readEntitiesFile(watchListFile(configDir)));
  return createAnalyzer(watchlist, loadTagger(resolve(configFile(configDir, TRAINING_FILE))), limits);
}

/** A file's text, or a located ConfigError. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, null, null, `cannot read: ${(err as Error).message}`);
  }
}

/** The labelled sentences of a training file; a mistake in it is a config error. */
function trainingData(file: string, content: string): ReturnType<typeof parseTrainingData> {
  try {
    return parseTrainingData(file, content);
  } catch (err) {
    if (err instanceof TrainingDataError) throw new ConfigError(err.file, err.line, err.key, err.expected);
    throw err;
  }
}
