import { commands } from './commands.js';
import { CliError } from './cli-error.js';

const USAGE = `newsmon — news monitoring for watch-listed companies and power figures

Usage: newsmon <command> [options]

Commands:
${'$COMMANDS'}

Run "newsmon <command> --help" for a command's options.`;

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return USAGE.replace('$COMMANDS', lines.join('\n'));
}

/** Entry point: returns the process exit code. Errors meant for the user are CliErrors. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    const { VERSION } = await import('../version.js');
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`newsmon: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`newsmon ${name}: ${err.message}\n`);
    return err.exitCode;
  }
}
