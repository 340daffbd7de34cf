import { parseArgs } from 'node:util';
import { loadSettings, resolveConfigDir, type Settings } from '../config/settings.js';
import { ConfigError } from '../config/yaml-source.js';
import { CliError } from './cli-error.js';
import { settingsFlags } from './shared-flags.js';

// The CLI kit: every command is a `defineCommand` — its flags (with their help lines),
// positional arguments and body. The kit parses argv, prints --help, builds Settings
// from flags > environment > config files, and turns mistakes into exit codes:
// 2 for usage, 78 (EX_CONFIG) for configuration, with file, line, key and what was expected.

/** One flag: node:util parseArgs' option, plus how --help shows it. */
export interface Flag {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  default?: string | boolean;
  /** The value's name in --help: "DIR", "N". */
  arg?: string;
  /** What it does, for --help ("\n" starts another line); a flag without it is not listed. */
  help?: string;
}

export type Flags = Record<string, Flag>;

type WithHelp<F extends Flags> = F & { help: { type: 'boolean'; short: 'h' } };
type Parsed<F extends Flags> = ReturnType<typeof parseArgs<{ options: WithHelp<F>; allowPositionals: true; strict: true }>>;

export interface CommandInput<F extends Flags> {
  values: Parsed<F>['values'];
  positionals: string[];
  /** Settings from the flags, the environment and config/newsmon.yaml; built once, on first call. */
  settings(): Readonly<Settings>;
  /** Only the config folder (--config, else NEWSMON_CONFIG, else ./config), reading no file: for commands that need no more. */
  configDir(): string;
}

export interface CommandSpec<F extends Flags> {
  /** As typed: "digest", "feeds add". */
  name: string;
  /** What follows "newsmon <name>" in the usage line: "[--date YYYY-MM-DD] [--send]". */
  usage: string;
  /** Paragraphs after the usage line. */
  about: string;
  flags: F;
  /** How many positional arguments it takes (default none). */
  positionals?: { min: number; max: number };
  /** Text after the flags in --help. */
  footer?: string;
  run(input: CommandInput<F>): Promise<number>;
}

/** What the command table loads: `run(argv)` returns the exit code. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

const HELP_FLAG = { type: 'boolean', short: 'h' } as const;
const FLAG_COLUMN = 26;

/** The --help text: usage, about, the flags with a help line, footer. */
export function helpText(spec: Pick<CommandSpec<Flags>, 'name' | 'usage' | 'about' | 'flags' | 'footer'>): string {
  const lines: string[] = [];
  for (const [name, f] of Object.entries(spec.flags)) {
    if (f.help === undefined) continue;
    const head = `  ${f.short ? `-${f.short}, ` : ''}--${name}${f.arg ? ` ${f.arg}` : ''}`;
    const [first, ...rest] = f.help.split('\n');
    const pad = head.length + 2 > FLAG_COLUMN ? `\n${' '.repeat(FLAG_COLUMN)}` : ' '.repeat(FLAG_COLUMN - head.length);
    lines.push(`${head}${pad}${first}`, ...rest.map((l) => `${' '.repeat(FLAG_COLUMN)}${l}`));
  }
  const parts = [`Usage: newsmon ${spec.name}${spec.usage ? ` ${spec.usage}` : ''}`, spec.about.trim()];
  if (lines.length) parts.push(`Options:\n${lines.join('\n')}`);
  if (spec.footer) parts.push(spec.footer.trim());
  return `${parts.join('\n\n')}\n`;
}

/** A configuration problem as one line for the user, exit code 78 (EX_CONFIG). */
function configErrorToCliError(err: ConfigError): CliError {
  return new CliError(`config error: ${err.message}`, 78);
}

function parse<F extends Flags>(spec: CommandSpec<F>, argv: string[]): Parsed<F> {
  try {
    return parseArgs({ args: argv, options: { ...spec.flags, help: HELP_FLAG } as WithHelp<F>, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util parseArgs reports unknown or malformed options with these codes.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new CliError(`${(err as Error).message}\nRun "newsmon ${spec.name} --help" for its options.`, 2);
    }
    throw err;
  }
}

/** A command from its spec; see the notes at the top of this file. */
export function defineCommand<const F extends Flags>(spec: CommandSpec<F>): CommandModule {
  return {
    async run(argv: string[]): Promise<number> {
      const { values, positionals } = parse(spec, argv);
      if ((values as { help?: boolean }).help) {
        process.stdout.write(helpText(spec));
        return 0;
      }
      const { min, max } = spec.positionals ?? { min: 0, max: 0 };
      if (positionals.length < min || positionals.length > max) {
        const what = positionals.length > max ? `unexpected argument "${positionals[max]}"` : 'missing argument';
        throw new CliError(`${what}; usage: newsmon ${spec.name} ${spec.usage}`, 2);
      }
      let settings: Readonly<Settings> | undefined;
      const input: CommandInput<F> = {
        values,
        positionals,
        settings: () => (settings ??= loadSettings(settingsFlags(values as Record<string, unknown>))),
        configDir: () => resolveConfigDir(settingsFlags(values as Record<string, unknown>).configDir),
      };
      try {
        return await spec.run(input);
      } catch (err) {
        if (err instanceof ConfigError) throw configErrorToCliError(err);
        throw err;
      }
    },
  };
}

export interface Subcommand {
  summary: string;
  load(): Promise<CommandModule>;
}

/**
 * A command made of sub-commands (`feeds add`, `feed parse`): the first argument that
 * names one picks it; the rest of argv goes to it, flags before the name included.
 */
export function defineCommandGroup(group: { name: string; about: string; subcommands: Record<string, Subcommand>; footer?: string }): CommandModule {
  const names = Object.keys(group.subcommands);
  const width = Math.max(...names.map((n) => n.length));
  const help = () =>
    `Usage: newsmon ${group.name} <command> [options]\n\n${group.about.trim()}\n\nCommands:\n${names
      .map((n) => `  ${n.padEnd(width)}  ${group.subcommands[n]!.summary}`)
      .join('\n')}\n\nRun "newsmon ${group.name} <command> --help" for a command's options.${group.footer ? `\n\n${group.footer.trim()}` : ''}\n`;
  return {
    async run(argv: string[]): Promise<number> {
      const at = argv.findIndex((a) => !a.startsWith('-'));
      const first = at < 0 ? undefined : argv[at];
      if (first === undefined || first === 'help') {
        if (first === 'help' || argv.includes('--help') || argv.includes('-h')) {
          process.stdout.write(help());
          return 0;
        }
        throw new CliError(`missing sub-command (expected ${names.join(', ')})\n\n${help()}`, 2);
      }
      const sub = Object.hasOwn(group.subcommands, first) ? group.subcommands[first] : undefined;
      if (!sub) {
        // A flag's value ("--config dir list") is not the sub-command: look for a known name.
        const known = argv.findIndex((a) => Object.hasOwn(group.subcommands, a));
        if (known < 0) throw new CliError(`unknown sub-command "${first}" (expected ${names.join(', ')})\n\n${help()}`, 2);
        return (await group.subcommands[argv[known]!]!.load()).run([...argv.slice(0, known), ...argv.slice(known + 1)]);
      }
      return (await sub.load()).run([...argv.slice(0, at), ...argv.slice(at + 1)]);
    },
  };
}
