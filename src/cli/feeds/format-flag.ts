import { CliError } from '../cli-error.js';

/** --format of `feeds list` and `feeds check`: table (default) or json. */
export const formatFlag = { format: { type: 'string', arg: 'F', help: 'table (default) or json' } } as const;

export function tableOrJson(text: string | undefined): 'table' | 'json' {
  const format = text ?? 'table';
  if (format !== 'table' && format !== 'json') throw new CliError(`--format must be table or json, got "${format}"`, 2);
  return format;
}
