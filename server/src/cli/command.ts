/** What every `okr` command is: a spec (flags, help) and a run function over an environment. */
import type { CommandSpec } from './args';

/** A bad command line or an unreadable input: one line on stderr, exit 2. */
export class UsageError extends Error {}

export interface Output {
  stdout: string;
  stderr?: string;
  code: number;
}

/** The world a command runs in (the real process, or a test's). */
export interface CliEnv {
  cwd: string;
  /** Environment variables. */
  vars: Record<string, string | undefined>;
  /** Colour on stdout (FORCE_COLOR / NO_COLOR / a terminal). */
  color: boolean;
  version: string;
  stdin: NodeJS.ReadableStream;
  /** Writes at once, for commands that keep running (`check --watch`). */
  write(text: string): void;
  writeError(text: string): void;
  /** The running bundle (dist/cli.js), which parse workers run; absent where commands run unbundled (tests in-process). */
  workerEntry?: string;
  /** Resolves when the command should stop (Ctrl+C); only `--watch` waits on it. */
  untilStopped(): Promise<void>;
}

export interface Command {
  spec: CommandSpec;
  run(argv: string[], env: CliEnv): Promise<Output>;
}
