// The command table. Each command's module is loaded only when it runs, so
// `newsmon extract` does not pay for BullMQ, SQLite or the HTTP server at start-up.

export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

export interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

export const commands: Record<string, Command> = {};
