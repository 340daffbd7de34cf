import { CliError } from './cli-error.js';

// Placeholder until this command's owner lands it.
export async function run(_argv: string[]): Promise<number> {
  throw new CliError('not built yet');
}
