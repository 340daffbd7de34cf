import { ConfigError } from '../config/yaml-source.js';
import { CliError } from './cli-error.js';

/** Runs a command body, turning a configuration problem into one clear line for the user. */
export async function configErrorsAsCliErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`config error: ${err.message}`, 78);
    throw err;
  }
}
